package org.mpdp.robe.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mpdp.dataplane.testing.Cmd;
import org.mpdp.dataplane.testing.LiveTestbed;

/**
 * {@code scripts/mpdp robe-experiment} in a very short version of every profile (3 sessions per mode): the
 * topology in namespaces, the impairment, {@code mpdp robe connect} in several modes, {@code mpdp robe listen}
 * for eSIM and the kernel baseline. Asserts the protocol outcomes from the session CSVs (which path won, joins
 * established, data intact, RSTs sent) and the server checks (no leftovers, accept count equal to the
 * sessions established), never timings; and that nothing is left behind.
 */
final class RobeExperimentIT
{
    private static final int COUNT = 3;
    private static final int REQUEST = 1024;

    @TempDir
    Path dir;

    /** One CSV row, the columns the assertions read. */
    private record Row(String outcome, int initialPath, int pathsUp, int bytesEchoed, int rstsSent)
    {
    }

    private String run(final String name, final String profiles, final String modes) throws IOException
    {
        return run(name, profiles, modes, null);
    }

    /**
     * Runs the experiment. {@code leftoversTolerated}: a profile whose runs may fail the server check with
     * sockets whose close was cut short (the command then exits 1), but never with a half-open one; every other
     * profile's checks must pass.
     */
    private String run(final String name, final String profiles, final String modes, final String leftoversTolerated)
        throws IOException
    {
        final Map<String, String> env = new HashMap<>();
        env.put("MPDP_CLASSPATH", System.getProperty("java.class.path"));
        env.put("JAVA_HOME", System.getProperty("java.home"));
        final Path script = LiveTestbed.root().resolve("scripts/lib/robe-experiment.sh");
        final Path out = dir.resolve(name);
        try
        {
            final Cmd.Result r = Cmd.run(Duration.ofMinutes(15), env, List.of("bash", script.toString(), "--name", name,
                "--out", out.toString(), "--count", Integer.toString(COUNT), "--concurrency", Integer.toString(COUNT),
                "--warmup", "2",
                "--profiles", profiles, "--modes", modes));
            final String text = r.stdout() + r.stderr();
            final List<String> failedChecks = text.lines().filter(l -> l.startsWith("robe-experiment: SERVER CHECK " +
                "FAILED for ")).toList();
            if (leftoversTolerated == null || failedChecks.isEmpty())
            {
                assertEquals(0, r.exit(), text);
                assertTrue(text.contains("robe-experiment: every server check passed"), text);
            }
            else
            {
                assertEquals(1, r.exit(), text);
                // Under 30% loss a close can still be cut short (the kernel's fallback connections too), but
                // never with a half-open socket left (no SYN-RECV: a losing SIM attempt was reset).
                failedChecks.forEach(l -> assertTrue(l.startsWith("robe-experiment: SERVER CHECK FAILED for " +
                    leftoversTolerated + " "), "only runs under " + leftoversTolerated +
                    " may leave sockets at the server: " + text));
                text.lines().filter(l -> l.startsWith("robe-experiment: server check " + leftoversTolerated + " "))
                    .forEach(l -> assertTrue(l.contains("syn-recv=0"), "no half-open socket: " + l));
                System.out.println("RobeExperimentIT: tolerated (see the README's RobE experiment section): " +
                    failedChecks);
            }
            for (final String profile : profiles.split(" "))
            {
                for (final String mode : modes.split(" "))
                {
                    assertTrue(text.contains("robe-experiment: server check " + profile + " " + mode + ": "), text);
                    assertTrue(text.lines().anyMatch(l -> l.matches("robe " + profile + " " +
                        java.util.regex.Pattern.quote(RobeReport.displayName(mode)) +
                        ": median [0-9.-]+ ms, p99 [0-9.-]+ ms, failures \\d+/" + COUNT + ", path2 rtt ([0-9.]+|-) ms")),
                        text);
                }
            }
            assertTrue(Files.size(out.resolve("results.csv")) > 0, text);
            return text;
        }
        finally
        {
            Cmd.run(Duration.ofMinutes(2), env, List.of("bash", script.toString(), "--name", name, "--down"));
            assertFalse(Cmd.run(Duration.ofSeconds(10), "ip", "netns", "list").stdout().contains(name + "-"),
                "namespaces left");
        }
    }

    private List<Row> rows(final String name, final String profile, final String mode) throws IOException
    {
        final List<String> lines = Files.readAllLines(dir.resolve(name).resolve("csv").resolve(profile + "-" + mode +
            ".csv"));
        final List<String> header = List.of(lines.get(0).split(",", -1));
        final List<Row> rows = lines.subList(1, lines.size()).stream().map(l -> l.split(",", -1)).map(f -> new Row(
            f[header.indexOf("outcome")], f[header.indexOf("initial_path")].isEmpty() ? -1 :
            Integer.parseInt(f[header.indexOf("initial_path")]), Integer.parseInt(f[header.indexOf("paths_up")]),
            Integer.parseInt(f[header.indexOf("bytes_echoed")]), f[header.indexOf("rsts_sent")].isEmpty() ? 0 :
            Integer.parseInt(f[header.indexOf("rsts_sent")]))).toList();
        assertEquals(COUNT, rows.size(), profile + " " + mode + ": " + lines);
        return rows;
    }

    /** Every session established on path INITIAL (0-based; -1: any) with the echo intact. */
    private void allOk(final String name, final String profile, final String mode, final int initial)
        throws IOException
    {
        for (final Row r : rows(name, profile, mode))
        {
            assertEquals("ok", r.outcome(), profile + " " + mode + ": " + r);
            if (initial >= 0)
            {
                assertEquals(initial, r.initialPath(), profile + " " + mode + ": which path won: " + r);
            }
            assertEquals(REQUEST, r.bytesEchoed(), profile + " " + mode + ": data intact: " + r);
        }
    }

    @Test
    void blackholedDefaultPath() throws IOException
    {
        final String name = "rxb" + ProcessHandle.current().pid() % 10_000;
        run(name, "blackhole", "plain timer sim kernel");
        // Plain MPTCP fails as the kernel does; TIMER and SIM establish on path 2.
        for (final String mode : List.of("plain", "kernel"))
        {
            for (final Row r : rows(name, "blackhole", mode))
            {
                assertEquals("failed", r.outcome(), mode + ": " + r);
                assertEquals(0, r.pathsUp(), mode + ": " + r);
            }
        }
        allOk(name, "blackhole", "timer", 1);
        allOk(name, "blackhole", "sim", 1);
    }

    @Test
    void noImpairment() throws IOException
    {
        final String name = "rxn" + ProcessHandle.current().pid() % 10_000;
        run(name, "none", "plain sim esim kernel");
        allOk(name, "none", "plain", 0);
        allOk(name, "none", "kernel", 0);
        // The kernel's path manager joins path 2.
        rows(name, "none", "kernel").forEach(r -> assertEquals(2, r.pathsUp(), "kernel join: " + r));
        // SIM: the first SYN/ACK wins (which one is timing: 10 ms against 20 ms RTT on a loaded box), the
        // loser is reset (and the server check saw no half-open socket left by it).
        allOk(name, "none", "sim", -1);
        rows(name, "none", "sim").forEach(r -> assertTrue(r.rstsSent() >= 1, "SIM resets the loser: " + r));
        // RobE's joins complete too: a session holds its DATA_FIN until they have (a 1 KiB echo over the 10 ms
        // path used to end the session while path 2's join was still in flight).
        for (final String mode : List.of("plain", "sim"))
        {
            rows(name, "none", mode).forEach(r -> assertEquals(2, r.pathsUp(), mode + " join: " + r));
        }
        // eSIM against mpdp's responder: established, the other path joined.
        allOk(name, "none", "esim", -1);
        rows(name, "none", "esim").forEach(r -> assertEquals(2, r.pathsUp(), "eSIM join: " + r));
    }

    @Test
    void lossyAndSlowDefaultPath() throws IOException
    {
        final String name = "rxl" + ProcessHandle.current().pid() % 10_000;
        // Under 30% loss the RobE client sometimes leaves a socket at the server (a lost FIN or RST nobody
        // repeats once the process has exited; see the README): tolerated there, and only for RobE runs.
        run(name, "loss delay", "sim kernel", "loss");
        // 30% loss on path 1: SIM still establishes every session (path 2 is clean), data intact.
        for (final Row r : rows(name, "loss", "sim"))
        {
            assertEquals("ok", r.outcome(), "loss sim: " + r);
            assertEquals(REQUEST, r.bytesEchoed(), "loss sim: " + r);
        }
        // The kernel is the baseline, not under test: under 30% loss its SYN and data retransmissions back off
        // (1 s, 2 s, ...), so a session may not be established, or not echo its 1 KiB, within the 10 s timeout
        // (+5 s). Such a late session is a data-error with fewer bytes echoed than sent (CI saw one echo 0
        // bytes); a data-error that echoed them all would be wrong data, and fails here.
        for (final Row r : rows(name, "loss", "kernel"))
        {
            if (r.outcome().equals("data-error"))
            {
                assertTrue(r.bytesEchoed() < REQUEST, "loss kernel, whole echo yet a data error: " + r);
                System.out.println("RobeExperimentIT: loss kernel session not echoed in time: " + r);
            }
            else if (!r.outcome().equals("failed"))
            {
                assertEquals(REQUEST, r.bytesEchoed(), "loss kernel: " + r);
            }
            if (!r.outcome().equals("failed"))
            {
                assertEquals(0, r.initialPath(), "loss kernel: " + r);
            }
        }
        // Path 1 +200 ms: SIM wins on path 2 (20 ms); the kernel stays on its default route.
        allOk(name, "delay", "sim", 1);
        allOk(name, "delay", "kernel", 0);
    }
}
