#!/usr/bin/env bash
# test-package.sh: builds the Debian package of this build (scripts/lib/package.sh) and checks it the way
# an operator meets it: installed with apt into a fresh Debian bookworm root (debootstrap, no JDK in
# it), `mpdp --version`, `mpdp analyze` on a generated and a public capture, `mpdp run` on net_null
# and net_pcap vdevs with `mpdp stat` reading its counters, the shipped config checked, then removed
# (only /etc/mpdp/mpdp.yaml may stay) and purged (nothing stays).
#
# Prints "package: N passed, 0 failed" last; exits 0 when all passed, 1 when one failed, 77 (skip, with
# the reason on stderr) without root, debootstrap or network. Needs a built jar (scripts/mpdp build)
# and JAVA_HOME at a JDK 25 (for jlink). Roots and apt downloads are cached in /var/cache/mpdp-test.
set -euo pipefail

MPDP_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export MPDP_ROOT
. "$MPDP_ROOT/scripts/lib/debroot.sh"
. "$MPDP_ROOT/scripts/lib/build.sh"
. "$MPDP_ROOT/scripts/lib/package.sh"
MPDP_CAPTURES=${MPDP_CAPTURES:-$MPDP_ROOT/../shared/captures}

passed=0 failed=0 root=""
skip() { echo "package: skipped: $*" >&2; exit 77; }
ok() { passed=$((passed + 1)); echo "package: ok: $*"; }
bad() { failed=$((failed + 1)); echo "package: FAILED: $*"; }
in_root() { chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 "$@"; }

cleanup() {
    [ -n "$root" ] && mpdp_debroot_remove "$root"
    return 0
}
trap cleanup EXIT

[ "$(id -u)" -eq 0 ] || skip "needs root (debootstrap, chroot, mounts)"
MPDP_JAVA_HOME=${MPDP_JAVA_HOME:-${JAVA_HOME:-}}
[ -x "$MPDP_JAVA_HOME/bin/jlink" ] || { echo "package: JAVA_HOME=$MPDP_JAVA_HOME has no jlink" >&2; exit 1; }
work=$(mktemp -d)
trap 'cleanup; rm -rf "$work"' EXIT

deb=$(mpdp_package "$work") || { echo "package: FAILED: scripts/mpdp package" >&2; exit 1; }
ok "built $(basename "$deb") ($(du -h "$deb" | cut -f1))"
if command -v systemd-analyze >/dev/null; then
    # verify needs the unit's executables to exist: the same unit with /usr/bin/mpdp spelled /bin/true.
    mkdir -p "$work/unit" && sed 's|/usr/bin/mpdp|/bin/true|' "$MPDP_ROOT/packaging/debian/mpdp.service" >"$work/unit/mpdp.service"
    out=$(systemd-analyze verify "$work/unit/mpdp.service" 2>&1) && ok "systemd-analyze verify mpdp.service" ||
        bad "systemd-analyze verify mpdp.service: $out"
fi
tar=$(mpdp_debroot_tar bookworm bookworm) || skip "no Debian bookworm root could be made (see above)"
root=$(mpdp_debroot_workdir bookworm-package)
mpdp_debroot_unpack "$tar" "$root"
mpdp_debroot_mount "$root" bookworm

if in_root sh -c 'command -v java || ls /usr/lib/jvm' >/dev/null 2>&1; then bad "the fresh root has a Java"; else ok "the fresh root has no Java"; fi
cp "$deb" "$root/tmp/mpdp.deb"
in_root apt-get update -qq >"$work/apt.log" 2>&1 || skip "apt-get update in the bookworm root failed (no network?): $(tail -2 "$work/apt.log")"
if in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends /tmp/mpdp.deb >>"$work/apt.log" 2>&1; then
    ok "apt-get install ./mpdp.deb (dependencies from the mirror)"
else
    bad "apt-get install ./mpdp.deb: $(tail -5 "$work/apt.log")"
    echo "package: $passed passed, $failed failed"
    exit 1
fi
in_root dpkg-query -L mpdp | sort >"$work/files"

out=$(in_root mpdp --version 2>&1) && [[ $out == "mpdp "* ]] && [[ $out != *WARNING* ]] &&
    ok "mpdp --version: $out" || bad "mpdp --version: $out"
for c in run stat analyze forward generate-trace latency demo bench; do
    if out=$(in_root mpdp "$c" --help 2>&1) && [[ $out == *"Usage: mpdp $c"* ]]; then ok "mpdp $c --help"; else bad "mpdp $c --help: $out"; fi
done
for c in nic hugepages; do
    if out=$(in_root mpdp "$c" --help 2>&1) && [[ $out == *"Usage:"* ]]; then ok "mpdp $c --help"; else bad "mpdp $c --help: $out"; fi
done

# analyze: a generated capture, and a public one when the captures are here.
if in_root mpdp generate-trace --connections 20 --joins 1 --bytes 5000 --seed 3 --out /tmp/trace.pcap >/dev/null 2>&1 &&
    out=$(in_root mpdp analyze --json /tmp/trace.pcap 2>&1) && [[ $out == *'"connections"'* ]]; then
    ok "mpdp generate-trace + analyze --json"
else
    bad "mpdp analyze on a generated trace: ${out:-generate-trace failed}"
fi
capture=$(find "$MPDP_CAPTURES" -maxdepth 2 \( -name '*.pcap' -o -name '*.pcapng' \) -size -2M 2>/dev/null | sort | head -1)
if [ -n "$capture" ]; then
    cp "$capture" "$root/tmp/public.cap"
    if out=$(in_root mpdp analyze /tmp/public.cap 2>&1); then ok "mpdp analyze $(basename "$capture")"; else bad "mpdp analyze $(basename "$capture"): $out"; fi
else
    echo "package: note: no public capture in $MPDP_CAPTURES; analyze ran on the generated trace only"
fi

# run + stat on vdevs (no hugepages in a chroot test): the data plane runs until SIGTERM, as under
# mpdp.service (MPDP_EXEC=1: chroot, env and the launcher exec, so $! is the JVM), while stat reads it.
run_vdevs() { # name ports-yaml [layout-yaml]
    local name=$1 ports=$2 layout=${3:-} i out pid rc=0
    # Small tables: the defaults (a million connections) take gigabytes and most of a minute to allocate.
    printf 'eal:\n  hugepages: off\n  file-prefix: %s\n  memory-mb: 256\ntables:\n  max-connections: 4096\n  max-subflows: 16384\nports:\n%s\n%s\n' \
        "$name" "$ports" "$layout" >"$root/tmp/$name.yaml"
    # Not through in_root: a backgrounded function is a subshell, and its pid would not be the JVM's.
    chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 MPDP_EXEC=1 \
        mpdp run --config "/tmp/$name.yaml" --stats-interval 0 >"$work/$name.out" 2>&1 &
    pid=$!
    # 'mpdp run: running' comes once the packet threads poll; then stat must see port 0 receive.
    for ((i = 0; i < 180; i++)); do
        grep -q '^mpdp run: running' "$work/$name.out" && break
        kill -0 "$pid" 2>/dev/null || break
        sleep 1
    done
    out=""
    for ((i = 0; i < 60; i++)); do
        out=$(in_root mpdp stat --prefix "$name" 2>&1) && [[ $out != *STALE* ]] &&
            grep -Eq '^ *[0-9]+: +[1-9][0-9,]* - port 0 net_[a-z]+0 ipackets$' <<<"$out" && break
        kill -0 "$pid" 2>/dev/null || break
        sleep 1
    done
    if [[ $out != *STALE* ]] && grep -Eq '^ *[0-9]+: +[1-9][0-9,]* - port 0 net_[a-z]+0 ipackets$' <<<"$out"; then
        ok "mpdp stat --prefix $name read the live counters (port 0 receiving)"
    else
        bad "mpdp stat --prefix $name: $out $(tail -5 "$work/$name.out")"
    fi
    kill -TERM "$pid" 2>/dev/null || true
    wait "$pid" || rc=$?
    if [ "$rc" -eq 0 ]; then
        ok "mpdp run $name stopped cleanly on SIGTERM (exit 0)"
    else
        bad "mpdp run $name exited $rc: $(tail -20 "$work/$name.out")"
    fi
    grep -q '^mpdp run: mbufs still in use after the ports closed 0$' "$work/$name.out" && ok "mpdp run $name: every mbuf back in its pool" ||
        bad "mpdp run $name: no 'mbufs still in use after the ports closed 0' line: $(tail -20 "$work/$name.out")"
}
run_vdevs pkgnull $'  - vdev: net_null0\n  - vdev: net_null1'
# One worker: net_pcap has a single TX queue, and each worker needs its own on every port.
run_vdevs pkgpcap $'  - vdev: net_pcap0,rx_pcap=/tmp/trace.pcap,tx_pcap=/tmp/out0.pcap\n  - vdev: net_pcap1,rx_pcap=/tmp/trace.pcap,tx_pcap=/tmp/out1.pcap' \
    $'layout:\n  cores: [0]'
# A pcap file is a 24-byte header before its first packet.
size=$(stat -c %s "$root/tmp/out0.pcap" 2>/dev/null || echo 0)
if [ "$size" -gt 24 ]; then ok "net_pcap run forwarded packets into /tmp/out0.pcap ($size bytes)"; else bad "net_pcap run wrote no packets to /tmp/out0.pcap ($size bytes)"; fi

out=$(in_root mpdp run --check-config /etc/mpdp/mpdp.yaml --set 'ports[0].queues=1' --set 'ports[1].queues=1' --set layout.cores=[0] 2>&1) &&
    ok "the shipped /etc/mpdp/mpdp.yaml validates (one queue per port)" || bad "mpdp run --check-config /etc/mpdp/mpdp.yaml: $out"
out=$(in_root mpdp nic status 2>&1) && [[ $out == *IOMMU* ]] && ok "mpdp nic status" || bad "mpdp nic status: $out"
out=$(in_root mpdp hugepages status 2>&1) && ok "mpdp hugepages status" || bad "mpdp hugepages status: $out"

# remove: every file of the package goes except the conffile; purge takes that too.
in_root env DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq mpdp >>"$work/apt.log" 2>&1 || bad "apt-get remove mpdp"
left=$(while read -r f; do if [ -e "$root$f" ] && [ ! -d "$root$f" ]; then echo "$f"; fi; done <"$work/files")
if [ "$left" = /etc/mpdp/mpdp.yaml ]; then ok "removed: only /etc/mpdp/mpdp.yaml is left"; else bad "after remove these are left: $left"; fi
for d in /usr/lib/mpdp /var/lib/mpdp /lib/systemd/system/mpdp.service /usr/bin/mpdp; do
    if [ -e "$root$d" ]; then bad "after remove $d is left"; fi
done
if [ -n "$(find "$root/tmp" -maxdepth 1 -name 'libmpdp_shim*' -print -quit)" ]; then bad "a shim copy was left in /tmp"; fi
in_root dpkg --purge mpdp >>"$work/apt.log" 2>&1 || bad "dpkg --purge mpdp"
[ ! -e "$root/etc/mpdp" ] && ok "purged: /etc/mpdp is gone" || bad "after purge /etc/mpdp is left"

echo "package: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
