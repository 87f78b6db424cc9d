package org.mpdp.robe;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs commands for the RobE tests: output to files (no pipe can fill), a timeout, the exit code. */
final class Sh
{
    private Sh()
    {
    }

    /**
     * @param exit   exit code.
     * @param stdout standard output.
     * @param stderr standard error.
     */
    record Result(int exit, String stdout, String stderr)
    {
        Result ok(final List<String> command)
        {
            if (exit != 0)
            {
                throw new IllegalStateException(command + " exit " + exit + ": " + stderr + stdout);
            }
            return this;
        }
    }

    static Result run(final Duration timeout, final List<String> command)
    {
        try
        {
            final Path out = Files.createTempFile("robe-sh", ".out");
            final Path err = Files.createTempFile("robe-sh", ".err");
            final Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                .start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS))
            {
                p.destroyForcibly().waitFor();
            }
            final Result r = new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            return r;
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException(command + ": " + ex, ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(command + ": interrupted", ex);
        }
    }

    static Result run(final String... command)
    {
        return run(Duration.ofSeconds(30), List.of(command));
    }

    static Result ok(final String... command)
    {
        return run(command).ok(List.of(command));
    }
}
