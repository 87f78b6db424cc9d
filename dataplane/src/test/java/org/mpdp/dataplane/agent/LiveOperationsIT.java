package org.mpdp.dataplane.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mpdp.cli.MpdpCommand;
import org.mpdp.dataplane.analyze.TraceGenerator;
import org.mpdp.dataplane.testing.ChildJvm;
import org.mpdp.dataplane.testing.Cmd;

/**
 * Operating a running {@code mpdp run}: an endless net_pcap replay of an MPTCP trace into net_null
 * while {@code mpdp stat} and DPDK's own telemetry client read the counters from outside, then
 * SIGTERM: the rings drain, every mbuf is back in its pool, the final counters print, exit 0, and the
 * packet path made no garbage (0 GC cycles while it ran).
 */
final class LiveOperationsIT
{
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void shouldAnswerStatAndTelemetryWhileRunningAndStopCleanly() throws Exception
    {
        final Path trace = dir.resolve("trace.pcap");
        TraceGenerator.generate(TraceGenerator.Config.of(50, 2, 20_000, 5, 0.3), trace);
        final String prefix = "mpdp-ops-" + ThreadLocalRandom.current().nextInt(1 << 30);
        final Path counters = dir.resolve("counters.dat");
        final Path config = dir.resolve("run.yaml");
        Files.writeString(config, String.join("\n",
            "eal:",
            "  file-prefix: " + prefix,
            "  hugepages: off",
            "  memory-mb: 512",
            "ports:",
            "  - vdev: net_pcap0,rx_pcap=" + trace + ",infinite_rx=1",
            "  - vdev: net_null0,no-rx=1",
            "layout:",
            "  mode: run-to-completion",
            "  cores: [1]",
            "  idle:",
            "    strategy: yield",
            "tables:",
            "  max-connections: 4096",
            "  max-subflows: 16384",
            "counters:",
            "  path: " + counters,
            ""));
        try (Cmd.Background run = Cmd.Background.start(Map.of(), ChildJvm.command(MpdpCommand.class, "run",
            "--config", config.toString(), "--duration", "120", "--stats-interval", "1", "--warmup", "2", "--result")))
        {
            assertTrue(run.awaitStdout("mpdp run: running", Duration.ofSeconds(120)), "not polling:\n" +
                run.stdout() + run.stderr());
            assertTrue(Files.exists(counters), "no counters file:\n" + run.stdout() + run.stderr());
            Thread.sleep(1500);

            final Cmd.Result stat = ChildJvm.run(Duration.ofSeconds(60), MpdpCommand.class, "stat", "--file",
                counters.toString(), "--json", "--watch", "1", "--count", "2").ok();
            final List<String> docs = stat.stdout().lines().filter(l -> l.startsWith("{")).toList();
            assertEquals(2, docs.size(), stat.stdout());
            boolean processing = false;
            for (final JsonNode c : JSON.readTree(docs.get(1)).get("counters"))
            {
                if (c.get("name").asText().equals("processed"))
                {
                    processing = c.get("ratePerSecond").asDouble() > 0;
                }
            }
            assertTrue(processing, "worker 0 processed rate > 0: " + docs.get(1));

            final JsonNode first = telemetry(prefix, "/mpdp/counters,worker");
            Thread.sleep(500);
            final JsonNode second = telemetry(prefix, "/mpdp/counters,worker");
            final String key = "worker/0/processed";
            assertTrue(second.get("/mpdp/counters").get(key).asLong() > first.get("/mpdp/counters").get(key).asLong(),
                "telemetry sees processing go on: " + first + " then " + second);

            final long signalled = System.nanoTime();
            run.signal("TERM");
            assertEquals(0, run.waitFor(Duration.ofSeconds(30)), run.stdout() + run.stderr());
            final String out = run.stdout();
            assertTrue(out.contains("mbufs still in use after the ports closed 0"), out);
            assertTrue(out.contains("worker 0 processed"), "final counters printed: " + out);
            assertTrue(Pattern.compile("GC cycles \\d+").matcher(out).find(), out);
            // Steady state: no GC in the window after a 2 s warm-up, while stat and telemetry are answered. The
            // whole run's count includes the JIT's warm-up (the Vector API boxes until C2 has compiled it): on a
            // fresh, loaded CI machine one young GC fell into the first seconds once.
            final Matcher gc = Pattern.compile("^RESULT .* gc_count=(\\d+) ", Pattern.MULTILINE).matcher(out);
            assertTrue(gc.find(), out);
            assertEquals("0", gc.group(1), "no GC in steady state while the packet path ran: " + out);
            assertFalse(Files.exists(counters), "a clean stop deletes the counters file");
            assertTrue(System.nanoTime() - signalled < Duration.ofSeconds(15).toNanos(), "stopped promptly");
        }
    }

    private JsonNode telemetry(final String prefix, final String command) throws Exception
    {
        final Path in = Files.createTempFile(dir, "telemetry", ".in");
        Files.writeString(in, command + "\n");
        final Path out = Files.createTempFile(dir, "telemetry", ".out");
        final Process p = new ProcessBuilder("python3", "/usr/bin/dpdk-telemetry.py", "-f", prefix)
            .redirectInput(in.toFile()).redirectOutput(out.toFile()).redirectErrorStream(true).start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "dpdk-telemetry.py did not finish");
        final String text = Files.readString(out, StandardCharsets.UTF_8);
        final String line = text.lines().filter(l -> l.startsWith("{\"/mpdp")).findFirst().orElse(null);
        assertTrue(line != null, text);
        return JSON.readTree(line);
    }
}
