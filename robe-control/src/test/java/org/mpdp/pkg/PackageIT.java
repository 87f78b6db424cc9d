package org.mpdp.pkg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.abort;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The Debian package, end to end: scripts/test-package.sh builds it from this build's mpdp.jar, installs it
 * into a fresh bookworm debootstrap root without a JDK, runs --version, analyze, run on net_null and
 * net_pcap with stat reading the counters, removes it (only the config stays) and purges it. Runs in
 * this module's package phase, after the jar is made. Skips (exit 77) without root or network.
 */
final class PackageIT
{
    /** The module runs with robe-control/ as working directory. */
    private static final Path SCRIPT = Path.of("..", "scripts", "test-package.sh").toAbsolutePath().normalize();
    private static final long TIMEOUT_MINUTES = 30;
    private static final int SKIP = 77;

    @Test
    void shouldInstallRunAndRemoveTheDebianPackageInAFreshBookwormRoot() throws IOException, InterruptedException
    {
        final Path log = Files.createTempFile("mpdp-package-it", ".log");
        try
        {
            final ProcessBuilder pb = new ProcessBuilder(SCRIPT.toString()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
            // jlink comes from the JDK running the tests (JDK 25); the captures from the build's property.
            pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
            final String captures = System.getProperty("mpdp.captures");
            if (captures != null && !captures.isEmpty())
            {
                pb.environment().put("MPDP_CAPTURES", captures);
            }
            final Process p = pb.start();
            if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES))
            {
                p.destroy();
                p.waitFor(60, TimeUnit.SECONDS);
                throw new AssertionError("test-package.sh still running after " + TIMEOUT_MINUTES + " min:\n" +
                    Files.readString(log, StandardCharsets.UTF_8));
            }
            final String out = Files.readString(log, StandardCharsets.UTF_8);
            System.out.println(out);
            if (p.exitValue() == SKIP)
            {
                abort("PackageIT skipped: " + out.lines().filter(l -> l.startsWith("package: skipped:"))
                    .findFirst().orElse(out));
            }
            assertEquals(0, p.exitValue(), out);
            final Matcher summary = Pattern.compile("(?m)^package: (\\d+) passed, 0 failed$").matcher(out);
            assertTrue(summary.find(), "no 'package: N passed, 0 failed' line in\n" + out);
            assertTrue(Integer.parseInt(summary.group(1)) >= 15, "fewer checks than expected passed:\n" + out);
        }
        finally
        {
            Files.deleteIfExists(log);
        }
    }
}
