#!/usr/bin/env bash
# mpdp nic: hands NICs to DPDK and back. Wraps dpdk-devbind.py (package dpdk) and the vfio-pci module.
#
#   nic status                         network PCI devices: driver, interfaces, NUMA node, IOMMU group,
#                                      what keeps one from DPDK, the driver to give it back to
#   nic bind [--unsafe-noiommu] PCI... to vfio-pci, remembering each one's kernel driver
#   nic unbind [--driver NAME] PCI...  back to the remembered kernel driver (or NAME)
#
# bind refuses a device whose interface carries a default route or an SSH session (the box would
# drop off the network). Without an IOMMU, vfio-pci needs enable_unsafe_noiommu_mode, which bind sets
# only when asked (--unsafe-noiommu: DMA from the NIC is then unprotected).
set -euo pipefail

PROG="mpdp nic"
SYSFS=${MPDP_NIC_SYSFS:-/sys}
STATE=${MPDP_NIC_STATE:-/var/lib/mpdp/nic-drivers}
DEVBIND=${MPDP_DEVBIND:-dpdk-devbind.py}

die() { printf '%s: error: %s\n' "$PROG" "$*" >&2; exit 1; }
usage_error() { printf '%s: error: %s\n%s: run "%s --help" for usage\n' "$PROG" "$*" "$PROG" "$PROG" >&2; exit 2; }
warn() { printf '%s: warning: %s\n' "$PROG" "$*" >&2; }

usage() {
    cat <<USAGE
Usage:
  $PROG status
  $PROG bind [--unsafe-noiommu] PCI...
  $PROG unbind [--driver NAME] PCI...

status   lists the network PCI devices with their driver, interfaces, NUMA node and IOMMU group,
         and why one cannot be bound (default route, SSH session).
bind     unbinds each device from its kernel driver and binds it to vfio-pci (loading the module),
         after writing the kernel driver to $STATE.
         Refuses a device whose interface carries a default route or an SSH session. Without an
         IOMMU (no /sys/kernel/iommu_groups), vfio-pci works only in no-IOMMU mode; --unsafe-noiommu
         turns it on: the NIC can then DMA anywhere in memory (no isolation; also taints the kernel).
unbind   gives each device back to the driver bind remembered (or --driver NAME).

PCI addresses are DDDD:BB:DD.F or BB:DD.F (domain 0000). Needs root and dpdk-devbind.py (package dpdk).
Exit codes: 0 ok, 1 error or refusal, 2 usage error.
USAGE
}

# 0000:01:00.0 from 01:00.0 or 0000:01:00.0; fails on anything else.
normalize_pci() {
    local a=${1,,}
    [[ $a =~ ^[0-9a-f]{2}:[0-9a-f]{2}\.[0-7]$ ]] && a="0000:$a"
    [[ $a =~ ^[0-9a-f]{4}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7]$ ]] || return 1
    printf '%s\n' "$a"
}

dev_dir() { printf '%s/bus/pci/devices/%s' "$SYSFS" "$1"; }

driver_of() { # pci -> driver name or empty
    local link
    link=$(readlink "$(dev_dir "$1")/driver" 2>/dev/null) || return 0
    printf '%s\n' "${link##*/}"
}

is_network() { local c; c=$(<"$(dev_dir "$1")/class"); [[ $c == 0x02* ]]; }

network_pcis() {
    local d
    for d in "$SYSFS"/bus/pci/devices/*; do
        [ -e "$d/class" ] || continue
        is_network "${d##*/}" && printf '%s\n' "${d##*/}"
    done
}

# Interfaces whose device path runs through the PCI device (also virtio-net: PCI/virtioN/net/IF).
ifaces_of() {
    local n path
    for n in "$SYSFS"/class/net/*; do
        path=$(readlink -f "$n" 2>/dev/null) || continue
        [[ $path == */"$1"/* ]] && printf '%s\n' "${n##*/}"
    done
    return 0
}

default_route_ifaces() {
    { ip -o -4 route show default 2>/dev/null; ip -o -6 route show default 2>/dev/null; } |
        awk '{ for (i = 1; i < NF; i++) if ($i == "dev") print $(i + 1) }' | sort -u
}

# Interfaces holding the local address of an established SSH connection: this shell's ($SSH_CONNECTION)
# and any other session of sshd (ss, local port 22).
ssh_ifaces() {
    local addrs=() a
    if [ -n "${SSH_CONNECTION:-}" ]; then
        read -r _ _ a _ <<<"$SSH_CONNECTION"
        addrs+=("$a")
    fi
    while read -r a; do addrs+=("$a"); done < <(ss -Htn state established '( sport = :22 )' 2>/dev/null |
        awk '{ a = $3; sub(/:[0-9]+$/, "", a); gsub(/[][]/, "", a); sub(/^::ffff:/, "", a); print a }')
    for a in "${addrs[@]}"; do
        ip -o addr show 2>/dev/null | awk -v a="$a" '{ split($4, p, "/"); if (p[1] == a) print $2 }'
    done | sort -u
}

# Why PCI must stay with the kernel, one reason a line; nothing when it may be bound.
refusals() {
    local pci=$1 ifc routes ssh
    routes=$(default_route_ifaces)
    ssh=$(ssh_ifaces)
    while read -r ifc; do
        [ -n "$ifc" ] || continue
        grep -qxF "$ifc" <<<"$routes" && echo "its interface $ifc carries a default route"
        grep -qxF "$ifc" <<<"$ssh" && echo "its interface $ifc carries an SSH session"
    done < <(ifaces_of "$pci")
    return 0
}

remembered_driver() { [ -f "$STATE" ] && awk -v p="$1" '$1 == p { d = $2 } END { if (d) print d }' "$STATE"; return 0; }

remember_driver() {
    mkdir -p "$(dirname "$STATE")"
    { [ -f "$STATE" ] && awk -v p="$1" '$1 != p' "$STATE"; printf '%s %s\n' "$1" "$2"; } >"$STATE.new"
    mv "$STATE.new" "$STATE"
}

iommu_present() { [ -n "$(ls -A "$SYSFS/kernel/iommu_groups" 2>/dev/null)" ]; }

noiommu_enabled() { [ "$(cat "$SYSFS/module/vfio/parameters/enable_unsafe_noiommu_mode" 2>/dev/null)" = Y ]; }

cmd_status() {
    [ $# -eq 0 ] || usage_error "status takes no arguments"
    local pci drv ifs numa group why remembered
    printf '%-13s %-12s %-16s %-5s %-6s %-10s %s\n' PCI DRIVER INTERFACES NUMA IOMMU "GIVE-BACK" "DPDK"
    while read -r pci; do
        [ -n "$pci" ] || continue
        drv=$(driver_of "$pci")
        ifs=$(ifaces_of "$pci" | paste -sd, -)
        numa=$(cat "$(dev_dir "$pci")/numa_node" 2>/dev/null || echo -1)
        group=$(readlink "$(dev_dir "$pci")/iommu_group" 2>/dev/null) && group=${group##*/} || group=-
        remembered=$(remembered_driver "$pci")
        why=$(refusals "$pci" | paste -sd';' -)
        if [ "$drv" = vfio-pci ] || [ "$drv" = uio_pci_generic ] || [ "$drv" = igb_uio ]; then
            why="bound (DPDK can use it)"
        elif [ -n "$why" ]; then
            why="refused: $why"
        else
            why="can be bound"
        fi
        printf '%-13s %-12s %-16s %-5s %-6s %-10s %s\n' "$pci" "${drv:-none}" "${ifs:--}" "$numa" "$group" \
            "${remembered:--}" "$why"
    done < <(network_pcis)
    if iommu_present; then
        echo "IOMMU: present (vfio-pci isolates the devices)"
    elif noiommu_enabled; then
        echo "IOMMU: none; vfio no-IOMMU mode is ON (unsafe: devices can DMA anywhere)"
    else
        echo "IOMMU: none (no /sys/kernel/iommu_groups): enable it (intel_iommu=on or amd_iommu=on, and VT-d/AMD-Vi in the firmware), or bind with --unsafe-noiommu"
    fi
}

require_root() { [ "$(id -u)" -eq 0 ] || die "must be run as root (rebinds PCI devices)"; }

require_devbind() {
    command -v "$DEVBIND" >/dev/null || die "$DEVBIND not found: install the dpdk package (apt-get install dpdk)"
}

check_device() { # pci (normalized)
    [ -e "$(dev_dir "$1")" ] || die "no PCI device $1 (see: $PROG status)"
    is_network "$1" || die "$1 is not a network device (class $(<"$(dev_dir "$1")/class"))"
}

cmd_bind() {
    local noiommu=0 pcis=() a pci why drv failed=0
    for a in "$@"; do
        case $a in
            --unsafe-noiommu) noiommu=1 ;;
            -*) usage_error "unknown option $a" ;;
            *) pci=$(normalize_pci "$a") || usage_error "'$a' is not a PCI address (DDDD:BB:DD.F)"; pcis+=("$pci") ;;
        esac
    done
    [ ${#pcis[@]} -gt 0 ] || usage_error "bind what? (PCI addresses, see: $PROG status)"
    for pci in "${pcis[@]}"; do
        check_device "$pci"
        why=$(refusals "$pci")
        if [ -n "$why" ]; then
            printf '%s: refused: %s: %s\n' "$PROG" "$pci" "$(paste -sd';' - <<<"$why" | sed 's/;/; /g')" >&2
            failed=1
        fi
    done
    [ "$failed" -eq 0 ] || die "nothing bound: DPDK takes a NIC away from the kernel; move the route or session to another interface first"
    require_root
    require_devbind
    if ! iommu_present && ! noiommu_enabled; then
        [ "$noiommu" -eq 1 ] || die "no IOMMU (no $SYSFS/kernel/iommu_groups): vfio-pci refuses devices without one. Enable the IOMMU (kernel command line intel_iommu=on or amd_iommu=on), or pass --unsafe-noiommu to use vfio's no-IOMMU mode"
        warn "turning on vfio enable_unsafe_noiommu_mode: the NIC can DMA to any memory, no isolation; the kernel is tainted"
        modprobe vfio enable_unsafe_noiommu_mode=1 || die "modprobe vfio failed"
        echo 1 >"$SYSFS/module/vfio/parameters/enable_unsafe_noiommu_mode" || die "cannot enable vfio no-IOMMU mode"
    fi
    modprobe vfio-pci || die "modprobe vfio-pci failed (is the module installed? linux-image-* ships it)"
    for pci in "${pcis[@]}"; do
        drv=$(driver_of "$pci")
        if [ "$drv" = vfio-pci ]; then
            echo "$PROG: $pci is already bound to vfio-pci"
            continue
        fi
        [ -n "$drv" ] && remember_driver "$pci" "$drv"
        "$DEVBIND" -b vfio-pci "$pci" || die "$DEVBIND -b vfio-pci $pci failed"
        echo "$PROG: $pci bound to vfio-pci (was ${drv:-unbound}; $PROG unbind $pci gives it back)"
    done
}

cmd_unbind() {
    local driver="" pcis=() pci drv
    while [ $# -gt 0 ]; do
        case $1 in
            --driver) [ $# -ge 2 ] || usage_error "--driver needs a name"; driver=$2; shift ;;
            --driver=*) driver=${1#--driver=} ;;
            -*) usage_error "unknown option $1" ;;
            *) pci=$(normalize_pci "$1") || usage_error "'$1' is not a PCI address (DDDD:BB:DD.F)"; pcis+=("$pci") ;;
        esac
        shift
    done
    [ ${#pcis[@]} -gt 0 ] || usage_error "unbind what? (PCI addresses, see: $PROG status)"
    for pci in "${pcis[@]}"; do
        check_device "$pci"
        drv=${driver:-$(remembered_driver "$pci")}
        [ -n "$drv" ] || die "no kernel driver remembered for $pci (it was not bound by $PROG bind): pass --driver NAME (e.g. ixgbe, i40e, mlx5_core)"
    done
    require_root
    require_devbind
    for pci in "${pcis[@]}"; do
        drv=${driver:-$(remembered_driver "$pci")}
        "$DEVBIND" -b "$drv" "$pci" || die "$DEVBIND -b $drv $pci failed"
        echo "$PROG: $pci given back to $drv"
    done
}

main() {
    [ $# -gt 0 ] || { usage; exit 2; }
    local cmd=$1
    shift
    case $cmd in
        -h | --help | help) usage ;;
        status) cmd_status "$@" ;;
        bind) cmd_bind "$@" ;;
        unbind) cmd_unbind "$@" ;;
        *) usage_error "unknown command '$cmd' (status, bind, unbind)" ;;
    esac
}

main "$@"
