# Finds a JDK >= 22 (FFM is final from 22; mpdp builds for 25). Sets MPDP_JAVA_HOME or fails clearly.
# Order: $JAVA_HOME, then every JDK under /usr/lib/jvm, newest first.

mpdp_java_major() {
    # prints the major version of the JDK at $1, or nothing. The JDK's release file says it without
    # starting a JVM (that took about 0.3 s before every command); a JDK without one is asked.
    local v
    [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 0
    if [ -f "$1/release" ]; then
        v=$(sed -n 's/^JAVA_VERSION="\([0-9][0-9]*\).*/\1/p' "$1/release")
        if [ -n "$v" ]; then
            printf '%s' "$v"
            return 0
        fi
    fi
    v=$("$1/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}')
    printf '%s' "${v%%.*}"
}

# Debian trixie (and later) carries openjdk-25-jdk-headless; bookworm has no JDK 25 in apt. When no
# JDK is found, root on such a system gets it installed once instead of an error.
mpdp_install_distro_jdk() {
    local pkg=openjdk-${MPDP_MIN_JDK:-25}-jdk-headless
    [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null || return 1
    apt-cache show "$pkg" >/dev/null 2>&1 || { apt-get update -qq >/dev/null 2>&1 && apt-cache show "$pkg" >/dev/null 2>&1; } ||
        return 1
    echo "mpdp: no JDK ${MPDP_MIN_JDK:-25} found; installing $pkg (apt-get)" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$pkg" >&2
}

mpdp_find_jdk() {
    mpdp_find_jdk_once 2>/dev/null && return 0
    if mpdp_install_distro_jdk; then
        mpdp_find_jdk_once
        return
    fi
    mpdp_find_jdk_once
}

mpdp_find_jdk_once() {
    local want=${MPDP_MIN_JDK:-25} candidate major best="" best_major=0
    for candidate in ${JAVA_HOME:+"$JAVA_HOME"} /usr/lib/jvm/*; do
        [ -d "$candidate" ] || continue
        major=$(mpdp_java_major "$candidate")
        [ -n "$major" ] || continue
        if [ "$candidate" = "${JAVA_HOME:-}" ] && [ "$major" -ge "$want" ]; then
            best=$candidate; best_major=$major; break
        fi
        if [ "$major" -ge "$want" ] && [ "$major" -gt "$best_major" ]; then
            best=$candidate; best_major=$major
        fi
    done
    if [ -z "$best" ]; then
        {
            echo "mpdp: no JDK >= $want found (looked at \$JAVA_HOME=${JAVA_HOME:-unset} and /usr/lib/jvm/*)."
            echo "mpdp: found instead:"
            for candidate in /usr/lib/jvm/*; do
                major=$(mpdp_java_major "$candidate"); [ -n "$major" ] && echo "        $candidate (Java $major)"
            done
            echo "mpdp: install a JDK $want (e.g. Temurin 25; on Debian trixie: apt-get install openjdk-$want-jdk-headless)"
            echo "mpdp: under /usr/lib/jvm or point JAVA_HOME at one."
            echo "mpdp: (the FFM API is final from JDK 22; mpdp is compiled for release $want)"
        } >&2
        return 1
    fi
    MPDP_JAVA_HOME=$best
    export MPDP_JAVA_HOME
}
