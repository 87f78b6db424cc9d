package org.mpdp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mpdp.dataplane.analyze.TraceGenerator;
import org.mpdp.dataplane.testing.ChildJvm;
import org.mpdp.dataplane.testing.Cmd;

/**
 * The launcher ({@code scripts/mpdp}) keeps the JDK's "Using incubator modules" notice off the
 * terminal and nothing else: real commands run through the script (on this build's classpath),
 * their stderr has no such line, their other stderr lines and exit codes come through.
 */
final class LauncherStderrIT
{
    private static final String WARNING = "WARNING: Using incubator modules: jdk.incubator.vector";
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    private static Cmd.Result script(final String... args)
    {
        final Path mpdp = Path.of("..", "scripts", "mpdp").toAbsolutePath().normalize();
        assertTrue(Files.isExecutable(mpdp), mpdp + " not found (tests run from the dataplane module)");
        final List<String> command = new java.util.ArrayList<>(List.of("bash", mpdp.toString()));
        command.addAll(List.of(args));
        return Cmd.run(TIMEOUT, Map.of("JAVA_HOME", System.getProperty("java.home"),
            "MPDP_CLASSPATH", System.getProperty("java.class.path")), command);
    }

    @Test
    void shouldDropOnlyTheIncubatorNoticeFromStderr() throws IOException
    {
        // Without the launcher the JVM does print it (so the check below means something).
        final Cmd.Result direct = ChildJvm.run(TIMEOUT, MpdpCommand.class, "analyze", "/nonexistent.pcap");
        assertTrue(direct.stderr().lines().anyMatch(WARNING::equals), "a JVM with the module prints:\n" + direct);

        final Path trace = dir.resolve("t.pcap");
        TraceGenerator.generate(TraceGenerator.Config.of(3, 1, 2_000, 1, 0), trace);
        final Cmd.Result ok = script("analyze", trace.toString(), "--json");
        assertEquals(0, ok.exit(), ok.toString());
        assertTrue(ok.stdout().startsWith("{\"packets\":"), ok.toString());
        assertTrue(ok.stderr().lines().noneMatch(WARNING::equals), "the notice reached stderr:\n" + ok.stderr());

        // A failing command: its message still reaches stderr and its exit code is kept.
        final Cmd.Result failed = script("analyze", "/nonexistent.pcap");
        assertEquals(1, failed.exit(), failed.toString());
        assertEquals(List.of("mpdp: cannot read capture /nonexistent.pcap"), failed.stderr().lines().toList(),
            failed.toString());
        final Cmd.Result usage = script("analyze");
        assertEquals(2, usage.exit(), usage.toString());
        assertTrue(usage.stderr().startsWith("Missing required parameter: 'FILE'"), usage.toString());
    }
}
