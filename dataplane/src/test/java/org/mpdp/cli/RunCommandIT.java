package org.mpdp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mpdp.dataplane.testing.ChildJvm;
import org.mpdp.dataplane.testing.Cmd;

/**
 * {@code mpdp run --check-config} through the real entry point in a child JVM: the shipped example
 * validates (exit 0, a summary), a bad file gives one line and exit 2, never a stack trace.
 */
final class RunCommandIT
{
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private Path example() throws Exception
    {
        final Path file = dir.resolve("mpdp-example.yaml");
        try (InputStream in = RunCommandIT.class.getResourceAsStream("/mpdp-example.yaml"))
        {
            Files.write(file, in.readAllBytes());
        }
        return file;
    }

    /** Standard error without the JVM's own incubator-module warning. */
    private static String errors(final Cmd.Result r)
    {
        return r.stderr().lines().filter(l -> !l.startsWith("WARNING: Using incubator modules"))
            .map(l -> l + "\n").reduce("", String::concat);
    }

    @Test
    void shouldValidateTheExample() throws Exception
    {
        final Path file = example();
        final Cmd.Result r = ChildJvm.run(TIMEOUT, MpdpCommand.class, "run", "--check-config", file.toString(),
            "--set", "layout.cores=[0]");
        assertEquals(0, r.exit(), r.stdout() + r.stderr());
        assertTrue(r.stdout().startsWith(file + ": valid\n"), r.stdout());
        assertTrue(r.stdout().contains("port 1: vdev net_null1"), r.stdout());
        assertTrue(r.stdout().contains("queues: port0/0->cpu0 port1/0->cpu0"), r.stdout());
    }

    @Test
    void shouldPrintOneLineAndExit2ForABadFile() throws Exception
    {
        final Path file = dir.resolve("bad.yaml");
        Files.writeString(file, "ports:\n  - vdev: net_null0\n  - vdev: net_null1\n    queues: 0\n");
        final Cmd.Result r = ChildJvm.run(TIMEOUT, MpdpCommand.class, "run", "--check-config", file.toString());
        assertEquals(2, r.exit(), r.stdout() + r.stderr());
        assertEquals("ports[1].queues=0: must be 1..64\n", errors(r), r.stderr());
        assertEquals("", r.stdout());
        assertFalse((r.stdout() + r.stderr()).contains("\tat "), r.stderr());
    }

    @Test
    void shouldRunTheExampleForADurationAndStopCleanly() throws Exception
    {
        // The shipped example forwards between two net_null ports (net_null RX makes packets).
        final String prefix = "mpdp-example-" + ProcessHandle.current().pid();
        final Cmd.Result r = ChildJvm.run(TIMEOUT, MpdpCommand.class, "run", "--config", example().toString(),
            "--set", "layout.cores=[0]", "--set", "eal.file-prefix=" + prefix, "--set", "eal.hugepages=off",
            "--set", "counters.path=" + dir.resolve("counters.dat"), "--set", "counters.telemetry=false",
            "--duration", "2", "--stats-interval", "0");
        assertEquals(0, r.exit(), r.stdout() + r.stderr());
        assertTrue(r.stdout().contains("mbufs still in use after the ports closed 0"), r.stdout());
        assertTrue(r.stdout().matches("(?s).*mpdp run: stopped; [1-9][0-9,]* packets processed.*"), r.stdout());
        // Which HMAC path runs: the native one exactly where the CPU has the SHA extensions.
        final boolean shaNi = Files.readString(Path.of("/proc/cpuinfo")).contains(" sha_ni");
        assertTrue(r.stdout().contains(shaNi ? "mpdp run: HMACs: single checks native (SHA-NI, in the shim), third-ACK " +
            "batches on the Vector API (" : "mpdp run: HMACs: single checks on the JDK's SHA-256"), r.stdout());
        assertTrue(r.stdout().matches("(?s).*third-ACK batches on the Vector API \\(S_[0-9]+_BIT\\) from " +
            (shaNi ? 14 : 7) + " per burst\n.*"), r.stdout());
        final Cmd.Result missing = ChildJvm.run(TIMEOUT, MpdpCommand.class, "run", "--config", "/nonexistent.yaml");
        assertEquals(2, missing.exit());
        assertEquals("/nonexistent.yaml: no such config file\n", errors(missing));
    }
}
