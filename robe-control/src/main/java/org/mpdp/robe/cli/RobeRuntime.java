package org.mpdp.robe.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.mpdp.dataplane.agent.Pipeline;
import org.mpdp.dataplane.config.ConfigException;
import org.mpdp.dataplane.config.RunConfig;
import org.mpdp.dataplane.counters.CountersFile;
import org.mpdp.dpdk.Eal;
import org.mpdp.robe.Driver;
import org.mpdp.robe.RobeConfig;
import org.mpdp.robe.RobePlane;
import sun.misc.Signal;

/**
 * A RobE process's life, shared by {@code robe connect} and {@code robe listen}: the run config (with
 * {@code control.forward=false}: a host, not a bridge) and its {@code robe:} section, EAL, the counters file, a
 * {@link Pipeline} with the {@link RobePlane} on its control thread, a loop (heartbeat, port stats, the caller's
 * progress) until the driver finishes or SIGINT/SIGTERM, then an ordered stop with the non-zero counters and the
 * mbuf count. A second signal exits at once.
 */
public final class RobeRuntime
{
    /** Exit code: setup error (config, ports). */
    public static final int SETUP_ERROR = 2;

    private final String name;
    private final Path configFile;
    private RunConfig runConfig;
    private RobeConfig robeConfig;
    private long seed = System.nanoTime() ^ Double.doubleToLongBits(Math.random());

    /**
     * @param name       e.g. {@code robe connect} (message prefix).
     * @param configFile the YAML file.
     */
    public RobeRuntime(final String name, final Path configFile)
    {
        this.name = name;
        this.configFile = configFile;
    }

    /**
     * @param seed the plane's random seed (keys, nonces, ports; default from the clock).
     */
    public void seed(final long seed)
    {
        this.seed = seed;
    }

    /**
     * Reads and checks both parts of the config.
     *
     * @param err where problems are printed.
     * @return whether they are good.
     */
    public boolean load(final PrintStream err)
    {
        try
        {
            runConfig = RunConfig.load(configFile, List.of("control.forward=false"));
            robeConfig = RobeConfig.load(configFile, runConfig.ports().size());
            return true;
        }
        catch (final ConfigException ex)
        {
            err.println(name + ": " + ex.getMessage());
        }
        catch (final IllegalArgumentException | IOException ex)
        {
            err.println(name + ": " + ex.getMessage());
        }
        return false;
    }

    /** @return the {@code robe:} section (after {@link #load}). */
    public RobeConfig robe()
    {
        return robeConfig;
    }

    /**
     * Runs until the driver finishes or a signal.
     *
     * @param driver   what runs on the control thread.
     * @param started  printed once the ports are polled.
     * @param progress called about once a second with the elapsed seconds (on this thread).
     * @param out      standard output.
     * @return the exit code: 0, or 3 when mbufs leaked.
     * @throws IOException when the counters file cannot be made.
     */
    public int run(final Driver driver, final String started, final Function<Double, String> progress,
        final PrintStream out) throws IOException
    {
        final AtomicInteger signals = new AtomicInteger();
        final Thread main = Thread.currentThread();
        final sun.misc.SignalHandler handler = s ->
        {
            if (signals.incrementAndGet() > 1)
            {
                Runtime.getRuntime().halt(130);
            }
            main.interrupt();
        };
        Signal.handle(new Signal("INT"), handler);
        Signal.handle(new Signal("TERM"), handler);
        final Path countersPath = runConfig.counters().path();
        Files.createDirectories(countersPath.toAbsolutePath().getParent());
        try (Eal eal = Eal.start(runConfig.ealOptions());
            CountersFile counters = CountersFile.create(countersPath, 4096))
        {
            final RobePlane plane = new RobePlane(robeConfig, counters.counters(), seed);
            try (Pipeline pipeline = new Pipeline(runConfig, counters.counters(), null, false, plane))
            {
                plane.bind(pipeline.ports(), driver);
                out.printf(Locale.ROOT, "%s: %d port(s), %d path(s); counters in %s (mpdp stat --file %s)%n", name,
                    pipeline.ports().size(), robeConfig.paths().size(), countersPath, countersPath);
                pipeline.start();
                out.println(started);
                out.flush();
                final long start = System.nanoTime();
                long nextProgress = start + 1_000_000_000L;
                while (signals.get() == 0 && !driver.finished())
                {
                    counters.heartbeat(System.currentTimeMillis());
                    pipeline.publishPortStats();
                    final long now = System.nanoTime();
                    if (now >= nextProgress && progress != null)
                    {
                        final String line = progress.apply((now - start) / 1e9);
                        if (line != null)
                        {
                            System.err.println(line);
                        }
                        nextProgress += 1_000_000_000L;
                    }
                    try
                    {
                        Thread.sleep(20);
                    }
                    catch (final InterruptedException ex)
                    {
                        // a signal: the loop condition sees it
                    }
                }
                pipeline.stop(1000);
                pipeline.publishPortStats();
                out.println(name + ": counters (non-zero):");
                counters.counters().reader().forEach((value, id, label) ->
                {
                    if (value != 0)
                    {
                        out.printf(Locale.ROOT, "  %,15d  %s%n", value, label);
                    }
                });
                final int leaked = pipeline.closePortsAndCountLeaks();
                out.printf(Locale.ROOT, "%s: mbufs still in use after the ports closed %d%n", name, leaked);
                return leaked == 0 ? 0 : 3;
            }
        }
        finally
        {
            Signal.handle(new Signal("INT"), sun.misc.SignalHandler.SIG_DFL);
            Signal.handle(new Signal("TERM"), sun.misc.SignalHandler.SIG_DFL);
        }
    }
}
