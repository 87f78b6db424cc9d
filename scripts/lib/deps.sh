# Installs the OS packages mpdp needs, once: only what is missing, only as root, without prompts.

MPDP_DEB_PACKAGES=(libdpdk-dev dpdk dpdk-dev pkg-config gcc libc6-dev tshark wireshark-common tcpdump tcpreplay iproute2 nftables ethtool iputils-ping unzip curl python3 procps kmod util-linux debootstrap binutils pciutils)

mpdp_install_deps() {
    # One dpkg-query for all of them (it ran once per package before every command: 16 processes).
    # Unknown packages print nothing (and an error, dropped); installed ones print 'name install ok installed'.
    # dpkg-query exits 1 when any package is unknown: under the callers' pipefail that ended the command
    # before anything was installed, silently, on a fresh machine. So its status is ignored here.
    local missing=() p installed
    installed=" $({ dpkg-query -W -f='${Package} ${Status}\n' "${MPDP_DEB_PACKAGES[@]}" 2>/dev/null || true; } |
        awk '$2 == "install" && $3 == "ok" && $4 == "installed" { printf "%s ", $1 }')"
    for p in "${MPDP_DEB_PACKAGES[@]}"; do
        [[ "$installed" == *" $p "* ]] || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    if [ "$(id -u)" -ne 0 ]; then
        echo "mpdp: missing packages: ${missing[*]}; run as root or: sudo apt-get install ${missing[*]}" >&2
        return 1
    fi
    echo "mpdp: installing ${missing[*]} (apt-get)" >&2
    export DEBIAN_FRONTEND=noninteractive
    # tshark asks whether non-root users may capture; answer no without a prompt.
    echo "wireshark-common wireshark-common/install-setuid boolean false" | debconf-set-selections 2>/dev/null || true
    apt-get update -qq >&2 || { echo "mpdp: apt-get update failed" >&2; return 1; }
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2 ||
        { echo "mpdp: apt-get install ${missing[*]} failed" >&2; return 1; }
}
