# The JVM flags every mpdp JVM runs with, from a checkout (scripts/mpdp) and from the Debian package
# (/usr/bin/mpdp sources its copy in /usr/lib/mpdp): the Vector API module (resolved only at boot),
# FFM without warnings, Agrona's jdk.internal.misc.Unsafe, and sun.misc.Unsafe for JMH and Jazzer.
MPDP_JVM_FLAGS=(--add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED
    --add-exports java.base/jdk.internal.misc=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow)
