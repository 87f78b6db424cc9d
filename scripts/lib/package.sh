# `scripts/mpdp package [OUT_DIR]`: the Debian package (dpkg-deb) of this build. It holds the jar, the
# C shim, a Java runtime made with jlink from the building JDK (only the modules jdeps finds, plus
# jdk.incubator.vector), /usr/bin/mpdp, the shell tools (nic, hugepages), /etc/mpdp/mpdp.yaml and
# mpdp.service. It depends on the DPDK runtime libraries the shim links and the drivers mpdp uses,
# never on a JDK. Prints the path of the .deb on stdout.

MPDP_PKG_SRC="$MPDP_ROOT/packaging/debian"

# Debian version: the pom's (0.1.0-SNAPSHOT -> 0.1.0~snapshot) plus the commit, so every build sorts.
mpdp_package_version() {
    local v sha
    v=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' "$MPDP_ROOT/pom.xml" | head -1)
    v=${v/-SNAPSHOT/~snapshot}
    sha=$(git -C "$MPDP_ROOT" rev-parse --short=10 HEAD 2>/dev/null || echo nogit)
    printf '%s+%s.git%s\n' "$v" "$(date -u +%Y%m%d)" "$sha"
}

# The packages providing the libraries the ELF files under $1 need and the package does not carry.
mpdp_package_shlib_depends() {
    local root=$1 lib pkg
    # objdump fails on the shell scripts among the executables (not ELF): only its NEEDED lines count.
    { find "$root" -type f \( -name '*.so*' -o -perm -u+x \) -print0 | xargs -0 objdump -p 2>/dev/null || true; } |
        awk '/^ *NEEDED/ { print $2 }' | sort -u |
        while read -r lib; do
            # Libraries inside the runtime resolve through its own lib directory.
            [ -n "$(find "$root" -name "$lib" -print -quit)" ] && continue
            pkg=$(dpkg -S "*/$lib" 2>/dev/null | awk -F: '$1 !~ /-dev$/ { print $1; exit }' || true)
            [ -n "$pkg" ] || { echo "mpdp: package: no Debian package provides $lib" >&2; return 1; }
            printf '%s\n' "$pkg"
        done | sort -u
}

mpdp_package() {
    local out=${1:-$MPDP_ROOT/target} version stage deb modules dpdk_abi dpdk_version depends pkg
    local shim="$MPDP_ROOT/native-bindings/target/classes/native/linux-x86_64/libmpdp_shim.so"
    command -v dpkg-deb >/dev/null || { echo "mpdp: package: dpkg-deb is missing (apt-get install dpkg)" >&2; return 1; }
    [ -f "$MPDP_JAR" ] && [ -f "$shim" ] || { echo "mpdp: package: build first (no $MPDP_JAR or $shim)" >&2; return 1; }
    version=$(mpdp_package_version)
    stage="$MPDP_ROOT/target/package/mpdp_${version}_amd64"
    # One staging tree at a time (each holds a runtime, about 100 MB).
    rm -rf "$MPDP_ROOT/target/package"
    mkdir -p "$stage/DEBIAN" "$stage/usr/bin" "$stage/usr/lib/mpdp" "$stage/etc/mpdp" \
        "$stage/lib/systemd/system" "$stage/usr/share/doc/mpdp/examples" "$stage/var/lib/mpdp"
    chmod 0750 "$stage/var/lib/mpdp"

    # The runtime: the modules the jar uses (jdeps) and the Vector API module (added by flag at boot,
    # which jdeps cannot see), with a CDS archive of the JDK's own classes for start-up. java.desktop
    # is there for ImageIO (mpdp latency's PNG), which runs headless: its X11, sound and splash-screen
    # libraries are dropped, so the package needs no X or ALSA libraries.
    modules=$("$MPDP_JAVA_HOME/bin/jdeps" --multi-release 25 --ignore-missing-deps --print-module-deps \
        --add-modules jdk.incubator.vector "$MPDP_JAR") || { echo "mpdp: package: jdeps failed" >&2; return 1; }
    modules="$modules,jdk.incubator.vector"
    echo "mpdp: package: jlink runtime with $modules" >&2
    "$MPDP_JAVA_HOME/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files \
        --compress=zip-6 --generate-cds-archive --output "$stage/usr/lib/mpdp/runtime" >&2 ||
        { echo "mpdp: package: jlink failed" >&2; return 1; }
    rm -f "$stage"/usr/lib/mpdp/runtime/lib/{libawt_xawt.so,libjawt.so,libjsound.so,libsplashscreen.so}

    install -m 0644 "$MPDP_JAR" "$stage/usr/lib/mpdp/mpdp.jar"
    install -m 0644 "$shim" "$stage/usr/lib/mpdp/libmpdp_shim.so"
    install -m 0644 "$MPDP_ROOT/scripts/lib/jvm-flags.sh" "$MPDP_ROOT/scripts/lib/launch.sh" "$stage/usr/lib/mpdp/"
    install -m 0755 "$MPDP_ROOT/scripts/lib/nic.sh" "$stage/usr/lib/mpdp/nic.sh"
    install -m 0755 "$MPDP_ROOT/hugepages-setup/hugepages.sh" "$stage/usr/lib/mpdp/hugepages.sh"
    install -m 0755 "$MPDP_PKG_SRC/mpdp" "$stage/usr/bin/mpdp"
    install -m 0644 "$MPDP_PKG_SRC/mpdp.yaml" "$stage/etc/mpdp/mpdp.yaml"
    install -m 0644 "$MPDP_PKG_SRC/mpdp.service" "$stage/lib/systemd/system/mpdp.service"
    install -m 0644 "$MPDP_ROOT/hugepages-setup/README.md" "$stage/usr/share/doc/mpdp/README.hugepages.md"
    install -m 0644 "$MPDP_ROOT/README.md" "$stage/usr/share/doc/mpdp/README.md"
    install -m 0644 "$MPDP_ROOT/dataplane/src/main/resources/mpdp-example.yaml" "$stage/usr/share/doc/mpdp/examples/"
    install -m 0644 "$MPDP_PKG_SRC/mpdp.yaml" "$stage/usr/share/doc/mpdp/examples/two-port.yaml"
    install -m 0755 "$MPDP_PKG_SRC/postinst" "$MPDP_PKG_SRC/prerm" "$MPDP_PKG_SRC/postrm" "$stage/DEBIAN/"
    echo /etc/mpdp/mpdp.yaml >"$stage/DEBIAN/conffiles"

    # Depends: the shared libraries (DPDK's from the shim, libc and zlib from the runtime), and the DPDK
    # driver plugins EAL loads by directory, which no ELF header names: the mempool driver every pool
    # needs and the virtual devices the README's examples use. dpdk (dpdk-devbind.py) for mpdp nic.
    depends=$(mpdp_package_shlib_depends "$stage") || return 1
    dpdk_abi=$(printf '%s\n' "$depends" | sed -n 's/^librte-eal\([0-9]*\)$/\1/p')
    [ -n "$dpdk_abi" ] || { echo "mpdp: package: the shim links no librte_eal" >&2; return 1; }
    dpdk_version=$(dpkg-query -W -f='${Version}' "librte-eal$dpdk_abi" 2>/dev/null | cut -d. -f1-2 || true)
    depends=$( { printf '%s\n' "$depends"; printf "librte-%s$dpdk_abi\n" mempool-ring net-null net-pcap net-ring net-af-packet; } |
        sort -u | while read -r pkg; do
            case $pkg in librte-*) printf '%s (>= %s), ' "$pkg" "$dpdk_version" ;; *) printf '%s, ' "$pkg" ;; esac
        done)
    cat >"$stage/DEBIAN/control" <<CONTROL
Package: mpdp
Version: $version
Architecture: amd64
Maintainer: mpdp developers <mpdp@localhost>
Section: net
Priority: optional
Depends: ${depends}bash, kmod, iproute2
Recommends: dpdk, pciutils
Installed-Size: $(du -sk "$stage" | cut -f1)
Homepage: file:///usr/share/doc/mpdp/README.md
Description: MPTCP kernel-bypass data plane on DPDK
 mpdp forwards between DPDK ports and tracks Multipath TCP on the way
 (MP_CAPABLE, MP_JOIN HMACs, DSS), with a verdict per packet. It carries
 its own Java runtime (jlink) and needs no JDK. Includes mpdp.service,
 mpdp nic (vfio-pci binding) and mpdp hugepages.
CONTROL
    mkdir -p "$out"
    deb="$out/mpdp_${version}_amd64.deb"
    dpkg-deb --root-owner-group -Zzstd --build "$stage" "$deb" >&2 || { echo "mpdp: package: dpkg-deb failed" >&2; return 1; }
    printf '%s\n' "$deb"
}
