package org.mpdp.dataplane.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs external tools (ip, tcpdump, the hugepage scripts) with a timeout. Output goes to files,
 * not pipes, so a chatty tool can never block on a full pipe, and binary output stays intact.
 */
public final class Cmd
{
    private Cmd()
    {
    }

    /**
     * What a finished command left behind.
     *
     * @param command the command line.
     * @param exit    exit code.
     * @param stdout  standard output.
     * @param stderr  standard error.
     */
    public record Result(List<String> command, int exit, String stdout, String stderr)
    {
        /**
         * @return this, after checking the exit code was 0.
         * @throws IllegalStateException naming the command and its output otherwise.
         */
        public Result ok()
        {
            if (exit != 0)
            {
                throw new IllegalStateException(this.toString());
            }
            return this;
        }

        @Override
        public String toString()
        {
            return String.join(" ", command) + " exited " + exit + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    /**
     * Runs a command to completion.
     *
     * @param timeout longest the command may run; it is killed after that.
     * @param command program and arguments.
     * @return exit code and output.
     * @throws IllegalStateException when the command timed out.
     */
    public static Result run(final Duration timeout, final String... command)
    {
        return run(timeout, Map.of(), List.of(command));
    }

    /**
     * Runs a command to completion with extra environment variables.
     *
     * @param timeout longest the command may run; it is killed after that.
     * @param env     variables added to this process's environment.
     * @param command program and arguments.
     * @return exit code and output.
     * @throws IllegalStateException when the command timed out.
     */
    public static Result run(final Duration timeout, final Map<String, String> env, final List<String> command)
    {
        try (Background process = Background.start(env, command))
        {
            final int exit = process.waitFor(timeout);
            return new Result(List.copyOf(command), exit, process.stdout(), process.stderr());
        }
    }

    /**
     * A command running in the background, e.g. a capture, with stdout and stderr in temporary files.
     * Closing it kills the process tree if still running and deletes the files.
     */
    public static final class Background implements AutoCloseable
    {
        private final List<String> command;
        private final Process process;
        private final Path out;
        private final Path err;

        private Background(final List<String> command, final Process process, final Path out, final Path err)
        {
            this.command = command;
            this.process = process;
            this.out = out;
            this.err = err;
        }

        /**
         * @param env     variables added to this process's environment.
         * @param command program and arguments.
         * @return the started process.
         */
        public static Background start(final Map<String, String> env, final List<String> command)
        {
            try
            {
                final Path out = Files.createTempFile("mpdp-cmd", ".out");
                final Path err = Files.createTempFile("mpdp-cmd", ".err");
                final ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile())
                    .redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
                builder.environment().putAll(env);
                return new Background(List.copyOf(command), builder.start(), out, err);
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException("cannot start " + String.join(" ", command), ex);
            }
        }

        /**
         * @param timeout how long to wait.
         * @return the exit code.
         * @throws IllegalStateException when the process is still running after the timeout (it is then killed).
         */
        public int waitFor(final Duration timeout)
        {
            try
            {
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS))
                {
                    kill();
                    throw new IllegalStateException(String.join(" ", command) + " did not finish within " + timeout +
                        "\n--- stdout\n" + stdout() + "--- stderr\n" + stderr());
                }
                return process.exitValue();
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                kill();
                throw new IllegalStateException("interrupted waiting for " + String.join(" ", command), ex);
            }
        }

        /**
         * Polls standard output until it contains a text.
         *
         * @param text    what to wait for.
         * @param timeout how long to poll.
         * @return true when seen; false when the timeout passed or the process exited without printing it.
         */
        public boolean awaitStdout(final String text, final Duration timeout)
        {
            final long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline)
            {
                if (stdout().contains(text))
                {
                    return true;
                }
                if (!process.isAlive())
                {
                    return stdout().contains(text);
                }
                sleep(10);
            }
            return false;
        }

        /**
         * Polls standard error until it contains a text.
         *
         * @param text    what to wait for.
         * @param timeout how long to poll.
         * @return true when seen; false when the timeout passed or the process exited without printing it.
         */
        public boolean awaitStderr(final String text, final Duration timeout)
        {
            final long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline)
            {
                if (stderr().contains(text))
                {
                    return true;
                }
                if (!process.isAlive())
                {
                    return stderr().contains(text);
                }
                sleep(10);
            }
            return false;
        }

        /**
         * @return the process id; for {@code ip netns exec NS tool} it is the tool's, since ip execs it.
         */
        public long pid()
        {
            return process.pid();
        }

        /**
         * Sends a signal with kill(1), e.g. {@code INT} to make tcpdump flush and exit.
         *
         * @param signal signal name without the SIG prefix.
         * @throws IllegalStateException when kill fails (it does when the process has already gone).
         */
        public void signal(final String signal)
        {
            run(Duration.ofSeconds(5), "kill", "-" + signal, Long.toString(process.pid())).ok();
        }

        /**
         * @return whether the process still runs.
         */
        public boolean alive()
        {
            return process.isAlive();
        }

        /**
         * @return standard output so far, as bytes.
         */
        public byte[] stdoutBytes()
        {
            try
            {
                return Files.readAllBytes(out);
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }

        /**
         * @return standard output so far.
         */
        public String stdout()
        {
            return new String(stdoutBytes(), StandardCharsets.UTF_8);
        }

        /**
         * @return standard error so far.
         */
        public String stderr()
        {
            try
            {
                return Files.readString(err, StandardCharsets.UTF_8);
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }

        private void kill()
        {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            try
            {
                process.waitFor(5, TimeUnit.SECONDS);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void close()
        {
            if (process.isAlive())
            {
                kill();
            }
            try
            {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }
    }

    /**
     * @param millis how long to sleep.
     */
    public static void sleep(final long millis)
    {
        try
        {
            Thread.sleep(millis);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", ex);
        }
    }
}
