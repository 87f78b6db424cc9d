package org.mpdp.robe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mpdp.cli.MpdpCommand;

/** {@code mpdp robe connect}'s setup errors: exit 2 and a message naming the problem, before EAL starts. */
final class ConnectCommandTest
{
    @TempDir
    Path dir;

    private String run(final int expectedExit, final String... args)
    {
        final PrintStream err = System.err;
        final ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true));
        try
        {
            assertEquals(expectedExit, MpdpCommand.execute(args));
        }
        finally
        {
            System.setErr(err);
        }
        return captured.toString();
    }

    private Path config(final String robe) throws IOException
    {
        final Path f = dir.resolve("robe.yaml");
        Files.writeString(f, "eal:\n  hugepages: off\nports:\n  - vdev: net_null0\n  - vdev: net_null1\n" + robe);
        return f;
    }

    @Test
    void shouldRefuseAMissingFile()
    {
        final String err = run(2, "robe", "connect", "--config", dir.resolve("none.yaml").toString(),
            "--server-port", "7000");
        assertTrue(err.contains("no such config file"), err);
    }

    @Test
    void shouldRefuseAConfigWithoutRobePaths() throws IOException
    {
        final String err = run(2, "robe", "connect", "--config", config("").toString(), "--server-port", "7000");
        assertTrue(err.contains("robe"), err);
    }

    @Test
    void shouldNameABadPathKey() throws IOException
    {
        final Path f = config("robe:\n  paths:\n    - port: 5\n      address: 198.18.1.20\n      remote: 198.18.1.2\n");
        final String err = run(2, "robe", "connect", "--config", f.toString(), "--server-port", "7000");
        assertTrue(err.contains("robe.paths[0].port=5"), err);
    }

    @Test
    void shouldRefuseAnUnknownModeAndAnOversizedRequest() throws IOException
    {
        final Path f = config("robe:\n  paths:\n    - address: 198.18.1.20\n      remote: 198.18.1.2\n");
        String err = run(2, "robe", "connect", "--config", f.toString(), "--server-port", "7000", "--mode", "fast");
        assertTrue(err.contains("mode=fast"), err);
        err = run(2, "robe", "connect", "--config", f.toString(), "--server-port", "7000", "--request", "70000");
        assertTrue(err.contains("--request 1..65536"), err);
    }
}
