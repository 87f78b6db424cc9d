# Builds mpdp with the Maven wrapper when any source is newer than the runnable jar.

MPDP_JAR="$MPDP_ROOT/robe-control/target/mpdp.jar"

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
}
