# Builds mpdp with the Maven wrapper when any source is newer than the runnable jar.

MPDP_JAR="$MPDP_ROOT/robe-control/target/mpdp.jar"
# The JVM's AOT cache for the jar (JDK 25: JEP 483 classes loaded and linked ahead of time, JEP 514
# one-step -XX:AOTCacheOutput, JEP 515 method profiles), next to the jar so `mvn clean` drops it too.
MPDP_AOT="$MPDP_ROOT/robe-control/target/mpdp.aot"

mpdp_mvn() {
    (cd "$MPDP_ROOT" && JAVA_HOME="$MPDP_JAVA_HOME" ./mvnw -B -q "$@")
}

mpdp_needs_build() {
    [ -f "$MPDP_JAR" ] || return 0
    [ -f "$MPDP_ROOT/jmh-benchmarks/target/benchmarks.jar" ] || return 0
    [ -n "$(find "$MPDP_ROOT" -path "$MPDP_ROOT/.git" -prune -o \( -name pom.xml -o -path '*/src/*' \) \
        -type f -newer "$MPDP_JAR" -print -quit)" ]
}

mpdp_build() {
    if mpdp_needs_build; then
        echo "mpdp: building (sources changed)" >&2
        mpdp_mvn -DskipTests package >&2 || { echo "mpdp: build failed" >&2; return 1; }
    fi
    mpdp_train_aot
}

# Makes $MPDP_AOT when it is missing or older than the jar: one training run of `mpdp analyze --json`
# on a small generated capture (about 33,000 packets, seed fixed) records the classes it loads and the
# profiles of the methods it runs; later JVMs map that instead of loading, verifying and profiling
# again. Failure is not an error: commands then start without a cache (launch.sh only passes a cache
# that is newer than the jar, and the JVM itself refuses one that does not match the jar or the JDK).
# MPDP_NO_AOT=1 skips it.
mpdp_train_aot() {
    [ -z "${MPDP_NO_AOT:-}" ] || return 0
    [ -f "$MPDP_JAR" ] || return 0
    [ -f "$MPDP_AOT" ] && [ "$MPDP_AOT" -nt "$MPDP_JAR" ] && return 0
    rm -f "$MPDP_AOT"
    local dir
    dir=$(mktemp -d)
    echo "mpdp: making the JVM's AOT cache for this build (one training run, once)" >&2
    if "$MPDP_JAVA_HOME/bin/java" "${JVM_FLAGS[@]}" -jar "$MPDP_JAR" generate-trace --connections 500 \
            --joins 2 --bytes 20000 --ipv6-fraction 0.2 --seed 7 --out "$dir/train.pcap" >/dev/null 2>&1 &&
        "$MPDP_JAVA_HOME/bin/java" "${JVM_FLAGS[@]}" "-XX:AOTCacheOutput=$dir/mpdp.aot" -Xlog:aot=off \
            -jar "$MPDP_JAR" analyze --json "$dir/train.pcap" >/dev/null 2>&1 && [ -s "$dir/mpdp.aot" ]; then
        mv "$dir/mpdp.aot" "$MPDP_AOT"
    else
        echo "mpdp: no AOT cache (the training run failed); commands start without one" >&2
    fi
    rm -rf "$dir"
}
