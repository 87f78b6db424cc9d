# Debian roots for the package and ABI tests, made with debootstrap and cached as tarballs, so that
# only the first run on a machine downloads them (a minbase root is about 3 minutes cold).
#
#   mpdp_debroot_tar SUITE NAME [PACKAGE...]   prints the cached tarball of a minbase SUITE root with
#                                              PACKAGE... installed, making it first when missing
#   mpdp_debroot_unpack TAR DIR                a fresh copy of that root in DIR
#   mpdp_debroot_mount DIR / mpdp_debroot_umount DIR
#                                              /dev, /dev/pts, /dev/shm, /proc, /sys (and the apt cache)
#                                              bound into DIR; umount takes them all away again
#
# Cache: $MPDP_ROOT_CACHE (default /var/cache/mpdp-test), outside the repository. Needs root and the
# network the first time; every failure returns non-zero with a message on stderr so tests can skip.

MPDP_ROOT_CACHE=${MPDP_ROOT_CACHE:-/var/cache/mpdp-test}
MPDP_DEBIAN_MIRROR=${MPDP_DEBIAN_MIRROR:-http://deb.debian.org/debian}

mpdp_debroot_tar() {
    local suite=$1 name=$2
    shift 2
    local tar="$MPDP_ROOT_CACHE/roots/$name.tar" work rc=0
    [ -s "$tar" ] && { printf '%s\n' "$tar"; return 0; }
    [ "$(id -u)" -eq 0 ] || { echo "debroot: making a $suite root needs root" >&2; return 1; }
    command -v debootstrap >/dev/null || { echo "debroot: debootstrap is not installed (apt-get install debootstrap)" >&2; return 1; }
    mkdir -p "$MPDP_ROOT_CACHE/roots" "$MPDP_ROOT_CACHE/apt-$suite" "$MPDP_ROOT_CACHE/debs-$suite"
    work=$(mktemp -d "$MPDP_ROOT_CACHE/roots/.make-$name.XXXXXX")
    echo "debroot: debootstrap $suite into $work (once per machine; cached as $tar)" >&2
    # debootstrap keeps the .debs it fetched in the cache dir: a second root of the same suite is local.
    if ! debootstrap --variant=minbase --cache-dir="$MPDP_ROOT_CACHE/debs-$suite" "$suite" "$work/root" \
            "$MPDP_DEBIAN_MIRROR" >"$work/debootstrap.log" 2>&1; then
        echo "debroot: debootstrap $suite failed (no network?); last lines of its log:" >&2
        tail -5 "$work/debootstrap.log" >&2
        rm -rf "$work"
        return 1
    fi
    if [ $# -gt 0 ]; then
        mpdp_debroot_mount "$work/root" "$suite"
        chroot "$work/root" env DEBIAN_FRONTEND=noninteractive sh -c \
            'apt-get update -qq && apt-get install -y -qq --no-install-recommends "$@"' sh "$@" \
            >"$work/apt.log" 2>&1 || rc=$?
        mpdp_debroot_umount "$work/root"
        if [ "$rc" -ne 0 ]; then
            echo "debroot: apt-get install $* in the $suite root failed; last lines:" >&2
            tail -5 "$work/apt.log" >&2
            rm -rf "$work"
            return 1
        fi
    fi
    tar -C "$work/root" -cf "$tar.part" . && mv "$tar.part" "$tar"
    rm -rf "$work"
    printf '%s\n' "$tar"
}

mpdp_debroot_unpack() {
    mkdir -p "$2" && tar -C "$2" -xf "$1"
}

# mpdp_debroot_mount DIR [SUITE]: with SUITE, the root's apt archive is a cache shared between runs.
mpdp_debroot_mount() {
    local dir=$1 suite=${2:-}
    mount --bind /dev "$dir/dev"
    mount --bind /dev/pts "$dir/dev/pts"
    mkdir -p "$dir/dev/shm" && mount -t tmpfs -o size=512m tmpfs "$dir/dev/shm"
    mount -t proc proc "$dir/proc"
    mount --rbind /sys "$dir/sys" && mount --make-rslave "$dir/sys"
    cp /etc/resolv.conf "$dir/etc/resolv.conf" 2>/dev/null || true
    if [ -n "$suite" ]; then
        mkdir -p "$MPDP_ROOT_CACHE/apt-$suite" "$dir/var/cache/apt/archives"
        mount --bind "$MPDP_ROOT_CACHE/apt-$suite" "$dir/var/cache/apt/archives"
    fi
}

# Unmounts everything below DIR, deepest first; lazily when a mount is still busy.
mpdp_debroot_umount() {
    local dir m
    dir=$(realpath -m "$1")
    awk -v d="$dir" '$2 == d || index($2, d "/") == 1 { print $2 }' /proc/mounts | sort -r |
        while read -r m; do
            m=$(printf '%b' "$m")
            umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || true
        done
}

# Unmounts everything below DIR and deletes it, never crossing into a mount that is still there.
mpdp_debroot_remove() {
    [ -d "$1" ] || return 0
    mpdp_debroot_kill "$1"
    mpdp_debroot_umount "$1"
    rm -rf --one-file-system "$1"
}

# A fresh directory for a root under the cache (not /tmp: tests' temp directories are deleted by
# walking them, which must never meet a bind mount of /dev or /sys).
mpdp_debroot_workdir() {
    mkdir -p "$MPDP_ROOT_CACHE/work" && mktemp -d "$MPDP_ROOT_CACHE/work/$1.XXXXXX"
}

# Kills what still runs inside the root DIR (a test that failed half-way), by pid, so the mounts can go.
mpdp_debroot_kill() {
    local dir p
    dir=$(realpath -m "$1")
    for p in /proc/[0-9]*; do
        [ "$(readlink "$p/root" 2>/dev/null)" = "$dir" ] && kill -KILL "${p#/proc/}" 2>/dev/null
    done
    return 0
}
