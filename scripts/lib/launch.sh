# Starts the JVM. Every JVM that resolves jdk.incubator.vector prints
#   WARNING: Using incubator modules: jdk.incubator.vector
# as its first line on stderr. mpdp needs that module at boot (the tracker's DSS checksum and the
# batched MP_JOIN HMAC use the Vector API, so analyze, forward, demo and the benches all load it, and
# an incubator module cannot be added to a running VM), so the launcher drops exactly that line:
# only if it is the first line of stderr and equal to it; everything after passes through `cat`,
# unbuffered, and the exit code is the JVM's.
#
# Why not load the module only where it is used: it cannot be; the JDK resolves incubator modules
# only at boot (--add-modules), and a child module layer cannot receive jdk.internal.vm.vector's
# qualified exports. And every data-path command reaches the Vector API through the tracker.

MPDP_INCUBATOR_WARNING="WARNING: Using incubator modules: jdk.incubator.vector"

# MPDP_CLASSPATH (tests): run org.mpdp.cli.MpdpCommand from this classpath instead of the built jar.
mpdp_main() {
    if [ -n "${MPDP_CLASSPATH:-}" ]; then
        printf '%s\n' -cp "$MPDP_CLASSPATH" org.mpdp.cli.MpdpCommand
    else
        printf '%s\n' -jar "$MPDP_JAR"
    fi
}

# Reads stderr of the JVM: drops the first line if it is the incubator notice, copies the rest as is.
mpdp_stderr_filter() {
    # Ctrl-C reaches the whole process group: stay alive so the JVM's shutdown output still gets through.
    trap '' INT TERM
    local first=""
    if IFS= read -r first; then
        [ "$first" = "$MPDP_INCUBATOR_WARNING" ] || printf '%s\n' "$first"
    elif [ -n "$first" ]; then
        printf '%s' "$first"
    fi
    exec cat
}

# mpdp_java ARGS...: runs java with the JVM flags and ARGS, stderr filtered; returns the JVM's exit code
# once the filter has copied the JVM's last stderr bytes (so nothing arrives after the shell's prompt).
# The built jar runs with its AOT cache (build.sh) when the cache is newer than the jar. -Xlog:aot=off:
# a cache the JVM cannot use (another JDK, a jar changed behind the launcher's back) is then skipped
# silently instead of printing its [aot] lines, which go to stdout and would corrupt --json output.
mpdp_java() {
    local rc=0 aot=()
    if [ "${1:-}" = "-jar" ] && [ "${2:-}" = "${MPDP_JAR:-}" ] && [ -z "${MPDP_NO_AOT:-}" ] &&
        [ -f "${MPDP_AOT:-}" ] && [ "$MPDP_AOT" -nt "$MPDP_JAR" ]; then
        aot=("-XX:AOTCache=$MPDP_AOT" -Xlog:aot=off)
    fi
    "$MPDP_JAVA_HOME/bin/java" "${JVM_FLAGS[@]}" "${aot[@]}" "$@" 2> >(mpdp_stderr_filter >&2) || rc=$?
    # ${!:-}: bash sets $! for the process substitution only in some call paths; under set -u a bare $! then
    # aborted the launcher after the JVM had finished (scripts/mpdp bench jmh).
    wait "${!:-}" 2>/dev/null || true
    return "$rc"
}
