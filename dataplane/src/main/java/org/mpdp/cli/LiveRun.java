package org.mpdp.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

import org.mpdp.dataplane.agent.Pipeline;
import org.mpdp.dataplane.analyze.AnalysisReport;
import org.mpdp.dataplane.analyze.JsonReportWriter;
import org.mpdp.dataplane.config.RunConfig;
import org.mpdp.dataplane.counters.CountersFile;
import org.mpdp.dataplane.latency.LatencyClock;
import org.mpdp.dataplane.latency.LatencyLog;
import org.mpdp.dpdk.Eal;

/**
 * What {@code mpdp run} does once its configuration is valid: EAL, the counters file, the pipeline,
 * a control loop (heartbeat, latency intervals, progress lines) until SIGINT/SIGTERM or the duration,
 * then an ordered stop: RX stopped, rings drained, threads stopped, final counters and report, ports
 * closed and mbufs counted. A second signal exits at once.
 */
final class LiveRun
{
    /** Printed on standard output once the packet threads poll the ports. */
    static final String RUNNING = "mpdp run: running";

    private final RunConfig config;
    private final double duration;
    private final double stopWhenIdle;
    private final double statsInterval;
    private final Path reportPath;
    private double warmup;
    private Path snapshot;
    private boolean result;
    // The measured window of --result: the control loop's start, the counters when the warm-up ended
    // (windowStart 0 until then) and when the loop ended.
    private long runStart;
    private long gcAtStart;
    private long windowStart;
    private long windowForwarded;
    private long windowProcessed;
    private long windowDropped;
    private long windowGc;
    private long windowEnd;
    private long forwardedAtEnd;
    private long processedAtEnd;
    private long droppedAtEnd;
    private long gcAtEnd;

    LiveRun(final RunConfig config, final double duration, final double stopWhenIdle, final double statsInterval,
        final Path reportPath)
    {
        this.config = config;
        this.duration = duration;
        this.stopWhenIdle = stopWhenIdle;
        this.statsInterval = statsInterval;
        this.reportPath = reportPath;
    }

    /**
     * @param warmupSeconds seconds after start excluded from the measured window.
     * @param printResult   whether to print the RESULT line.
     * @return this.
     */
    LiveRun measure(final double warmupSeconds, final boolean printResult)
    {
        warmup = warmupSeconds;
        result = printResult;
        return this;
    }

    /**
     * @param file the state snapshot (loaded at start when it exists, written at a clean stop), or null.
     * @return this.
     */
    LiveRun snapshot(final Path file)
    {
        snapshot = file;
        return this;
    }

    int run(final PrintStream out) throws InterruptedException, IOException
    {
        final AtomicInteger signals = new AtomicInteger();
        final Thread control = Thread.currentThread();
        Signals.onTerminate(() ->
        {
            if (signals.incrementAndGet() > 1)
            {
                System.err.println("mpdp run: second signal, exiting now");
                Runtime.getRuntime().halt(130);
            }
            control.interrupt();
        });
        final Path countersPath = config.counters().path();
        try
        {
            Files.createDirectories(countersPath.getParent());
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException("counters.path=" + countersPath + ": " + ex.getMessage());
        }
        try (Eal eal = Eal.start(config.ealOptions());
            CountersFile counters = CountersFile.create(countersPath, 4096);
            Pipeline pipeline = new Pipeline(config, counters.counters(),
                config.latency().hlog() != null ? LatencyClock.tsc() : null, reportPath != null);
            LatencyLog latency = config.latency().hlog() == null ? null : LatencyLog.open(config.latency().hlog(),
                pipeline.latency(), System.currentTimeMillis(), config.latency().intervalNanos() / 1_000_000L))
        {
            out.printf(Locale.ROOT, "mpdp run: %s layout, %d worker(s), %d port(s), EAL %s; counters in %s (mpdp stat " +
                "--file %s)%n", config.layout().mode().toString().toLowerCase(Locale.ROOT).replace('_', '-'), pipeline.workers(), pipeline.ports().size(),
                eal.hugepages() ? "on hugepages" : "with --no-huge", countersPath, countersPath);
            pipeline.ports().forEach(p -> out.println("  " + p + ", link " + p.link()));
            out.printf(Locale.ROOT, "mpdp run: HMACs: single checks %s, third-ACK batches on the Vector API (%s) from %d " +
                "per burst%n", hmacPath(), org.mpdp.dataplane.crypto.JoinHmacBatch.shape(),
                org.mpdp.dataplane.track.Tracker.ackHmacBatchMin());
            if (config.counters().telemetry())
            {
                org.mpdp.dataplane.telemetry.MpdpTelemetry.register(counters.counters().reader());
                out.println("mpdp run: counters on DPDK telemetry as /mpdp/counters (dpdk-telemetry.py -f " +
                    config.eal().filePrefix() + ")");
            }
            final org.mpdp.dataplane.telemetry.PrometheusExporter prometheus =
                config.counters().prometheusPort() == RunConfig.Counters.PROMETHEUS_OFF ? null :
                org.mpdp.dataplane.telemetry.PrometheusExporter.start(counters.counters().reader(),
                    config.counters().prometheusPort());
            if (prometheus != null)
            {
                out.println("mpdp run: Prometheus text on http://127.0.0.1:" + config.counters().prometheusPort() +
                    "/metrics");
            }
            // Start with an empty young generation: building the tables and compiling the batched HMAC kernel
            // (JoinHmacBatch.warmUp boxes every vector operation until C2 has it) leave hundreds of MB of
            // garbage, and the first small allocation of a stats or telemetry reader would otherwise be the one
            // that collects it while the packet threads run. Collected once here, before they start.
            for (final String line : pipeline.state().restore(snapshot))
            {
                (line.startsWith("WARNING") ? System.err : out).println("mpdp run: " + line);
            }
            System.gc();
            final long gcBefore = ForwardCommand.gcCount();
            pipeline.start();
            // The line scripts and tests wait for: from here on the ports are polled (the counters file exists
            // earlier, before EAL and the ports are up).
            out.println(RUNNING + ": " + pipeline.workers() + " worker(s) polling; SIGINT or SIGTERM stops");
            out.flush();
            loop(counters, pipeline, latency, signals, out);
            windowEnd = System.nanoTime();
            forwardedAtEnd = pipeline.forwardedSoFar();
            processedAtEnd = pipeline.processedSoFar();
            droppedAtEnd = pipeline.droppedSoFar();
            gcAtEnd = ForwardCommand.gcCount();
            final boolean drained = pipeline.stop(1000);
            pipeline.publishPortStats();
            if (snapshot != null)
            {
                try
                {
                    out.println("mpdp run: " + pipeline.state().save(snapshot));
                }
                catch (final IOException ex)
                {
                    System.err.println("mpdp run: state.snapshot=" + snapshot + ": not written: " + ex);
                }
            }
            final long gc = ForwardCommand.gcCount() - gcBefore;
            final AnalysisReport report = pipeline.report();
            out.printf(Locale.ROOT, "mpdp run: stopped%s; %,d packets processed, %,d with MPTCP options, " +
                "%d connection(s); GC cycles %d%n", drained ? "" : " (rings or parked joins not drained in time)",
                report.totals().packets(), report.totals().mptcpPackets(), report.connections().size(), gc);
            out.println("  verdict reasons: " + (report.reasons().isEmpty() ? "none" : report.reasons()));
            final org.agrona.concurrent.status.CountersReader reader = counters.counters().reader();
            out.println("mpdp run: counters (non-zero):");
            reader.forEach((value, id, label) ->
            {
                if (value != 0)
                {
                    out.printf(Locale.ROOT, "  %,15d  %s%n", value, label);
                }
            });
            if (reportPath != null)
            {
                try (OutputStream file = Files.newOutputStream(reportPath))
                {
                    new JsonReportWriter().write(report, file);
                }
                catch (final IOException ex)
                {
                    System.err.println("mpdp run: report " + reportPath + ": " + ex.getMessage());
                }
                out.println("mpdp run: report in " + reportPath);
            }
            if (prometheus != null)
            {
                prometheus.close();
            }
            final int leaked = pipeline.closePortsAndCountLeaks();
            out.printf(Locale.ROOT, "mpdp run: mbufs still in use after the ports closed %d%n", leaked);
            if (result)
            {
                printResult(out, pipeline, report, leaked);
            }
            return leaked == 0 ? 0 : 3;
        }
        finally
        {
            Signals.reset();
        }
    }

    /**
     * One line for benchmarks: rates and GC cycles over the window after the warm-up (the whole run when it
     * ended before the warm-up did), then totals and every reason counted.
     */
    private void printResult(final PrintStream out, final Pipeline pipeline, final AnalysisReport report,
        final int leaked)
    {
        if (windowStart == 0)
        {
            windowStart = runStart;
            windowGc = gcAtStart;
        }
        final double seconds = Math.max(1, windowEnd - windowStart) / 1e9;
        final StringBuilder reasons = new StringBuilder();
        report.reasons().forEach((k, v) -> reasons.append(reasons.isEmpty() ? "" : ",").append(k).append(':').append(v));
        out.printf(Locale.ROOT, "RESULT forwarded_pps=%.0f processed_pps=%.0f dropped_pps=%.0f seconds=%.3f " +
            "gc_count=%d leaked_mbufs=%d processed=%d forwarded=%d dropped=%d reasons=%s%n",
            (forwardedAtEnd - windowForwarded) / seconds, (processedAtEnd - windowProcessed) / seconds,
            (droppedAtEnd - windowDropped) / seconds, seconds,
            gcAtEnd - windowGc, leaked, pipeline.processedSoFar(), pipeline.forwardedSoFar(), pipeline.droppedSoFar(),
            reasons.isEmpty() ? "none" : reasons);
    }

    private void loop(final CountersFile counters, final Pipeline pipeline, final LatencyLog latency, final AtomicInteger signals,
        final PrintStream out)
    {
        final Path countersDirectory = config.counters().path().toAbsolutePath().getParent();
        final long start = System.nanoTime();
        runStart = start;
        gcAtStart = ForwardCommand.gcCount();
        final long measureFrom = start + (long)(warmup * 1e9);
        final long end = duration > 0 ? start + (long)(duration * 1e9) : Long.MAX_VALUE;
        final long statsEvery = statsInterval > 0 ? (long)(statsInterval * 1e9) : Long.MAX_VALUE;
        long nextStats = statsInterval > 0 ? start + statsEvery : Long.MAX_VALUE;
        long lastCount = 0;
        long lastTime = start;
        long seen = 0;
        long seenAt = start;
        while (signals.get() == 0)
        {
            final long now = System.nanoTime();
            if (now >= end)
            {
                return;
            }
            if (windowStart == 0 && now >= measureFrom && warmup > 0)
            {
                windowStart = now;
                windowForwarded = pipeline.forwardedSoFar();
                windowProcessed = pipeline.processedSoFar();
                windowGc = ForwardCommand.gcCount();
                windowDropped = pipeline.droppedSoFar();
            }
            final long processed = pipeline.processedSoFar();
            if (processed != seen)
            {
                seen = processed;
                seenAt = now;
            }
            else if (stopWhenIdle > 0 && seen > 0 && now - seenAt > (long)(stopWhenIdle * 1e9))
            {
                return;
            }
            counters.heartbeat(System.currentTimeMillis());
            pipeline.publishPortStats();
            ConnectionViewRequest.serve(countersDirectory, pipeline);
            if (latency != null)
            {
                latency.maybeWriteInterval(System.currentTimeMillis());
            }
            if (now >= nextStats)
            {
                final long count = pipeline.processedSoFar();
                out.printf(Locale.ROOT, "  %6.1f s  processed %,d  (%.2f Mpps)%n", (now - start) / 1e9, count,
                    (count - lastCount) * 1e3 / Math.max(1, now - lastTime));
                lastCount = count;
                lastTime = now;
                nextStats += statsEvery;
            }
            try
            {
                Thread.sleep(Math.max(1, Math.min(100, (Math.min(end, nextStats) - now) / 1_000_000)));
            }
            catch (final InterruptedException ex)
            {
                // a signal: the loop condition sees it
            }
        }
    }

    /** @return the single-check HMAC path in words a user can act on (see README, "HMACs on SHA-NI"). */
    static String hmacPath()
    {
        return switch (org.mpdp.dataplane.crypto.HmacSha256.singlePath())
        {
            case "native" -> "native (SHA-NI, in the shim)";
            case "jdk" -> "on the JDK's SHA-256" + (org.mpdp.dpdk.Sha256Ni.AVAILABLE ? "" : " (no SHA-NI here, or no shim)");
            default -> "on the pure-Java SHA-256 (-Dmpdp.crypto.single=midstate)";
        };
    }
}
