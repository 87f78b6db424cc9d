package org.mpdp.dataplane.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mpdp.dataplane.testing.Cmd;
import org.mpdp.dataplane.testing.LiveTestbed;

/**
 * {@code scripts/mpdp bench testbed} with tiny sizes (20 MB bulk, 100 connections) works end to end: both
 * forwarders measured, the six summary lines present with positive numbers, mpdp stopped with every mbuf
 * back and the testbed gone afterwards.
 */
final class TestbedBenchIT
{
    private static final Pattern SUMMARY = Pattern.compile("^testbed (throughput|setup) (mpdp|bridge|mpdp/bridge)" +
        "(?: Gbit/s| conn/s)? = ([0-9.]+)$", Pattern.MULTILINE);

    @TempDir
    Path dir;

    @Test
    void shouldMeasureMpdpAndTheKernelBridgeAndPrintTheSummaryLines()
    {
        final String name = "mtbb" + ProcessHandle.current().pid();
        final Map<String, String> env = Map.of("MPDP_TESTBED_DIR", dir.toString(),
            "MPDP_CLASSPATH", System.getProperty("java.class.path"), "JAVA_HOME", System.getProperty("java.home"));
        try
        {
            final Cmd.Result bench = Cmd.run(Duration.ofSeconds(600), env, List.of(
                LiveTestbed.root().resolve("scripts/mpdp").toString(), "bench", "testbed", "--bytes", "20000000",
                "--connections", "100", "--name", name));
            assertEquals(0, bench.exit(), bench.toString());
            final Matcher m = SUMMARY.matcher(bench.stdout());
            int lines = 0;
            while (m.find())
            {
                lines++;
                assertTrue(Double.parseDouble(m.group(3)) > 0, m.group());
            }
            assertEquals(6, lines, bench.stdout());
            assertTrue(bench.stderr().contains("bench testbed: mpdp: mpdp run: mbufs still in use after the ports " +
                "closed 0"), bench.stderr());
            assertTrue(!Cmd.run(LiveTestbed.TIMEOUT, "ip", "netns", "list").stdout().contains(name + "-"),
                "namespaces left behind");
        }
        finally
        {
            Cmd.run(LiveTestbed.DOWN_TIMEOUT, env, List.of(LiveTestbed.root().resolve("scripts/testbed").toString(),
                "down", "--name", name));
        }
    }
}
