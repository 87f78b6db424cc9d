package org.mpdp.dataplane.latency;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * Writes the workers' latency as an HdrHistogram interval log ({@code .hlog}): every interval, for
 * every stage, the interval histograms of all workers merged into one line tagged with the stage name
 * (e.g. {@code Tag=rx-tx}). The header carries the log format version, a start time and a base time,
 * so {@code java -cp HdrHistogram.jar org.HdrHistogram.HistogramLogProcessor -i FILE -tag rx-tx} and
 * {@code mpdp latency FILE} read it.
 *
 * <p>Called by one thread (the control thread, or the one {@link #startWriterThread} starts), never by
 * a worker: taking an interval histogram swaps the worker's recorder without stopping it. Interval
 * histograms and the per-stage sums are recycled, so steady-state writing allocates only what the
 * log encoder does.
 */
public final class LatencyLog implements AutoCloseable
{
    /** Values are nanoseconds; the "Interval_Max" column is written in milliseconds, HdrHistogram's default. */
    public static final double MAX_VALUE_UNIT_RATIO = 1_000_000.0;

    private final Path file;
    private final PrintStream out;
    private final HistogramLogWriter writer;
    private final List<LatencyRecorders> workers;
    private final String[] stageNames;
    private final Histogram[][] recycled;
    private final Histogram[] sums;
    private final long intervalMs;
    private long intervalStartMs;
    private long intervals;
    private volatile boolean closed;
    private boolean fileClosed;
    private Thread thread;

    private LatencyLog(final Path file, final PrintStream out, final List<LatencyRecorders> workers,
        final long startEpochMs, final long intervalMs)
    {
        this.file = file;
        this.out = out;
        this.writer = new HistogramLogWriter(out);
        this.workers = List.copyOf(workers);
        this.intervalMs = intervalMs;
        final LatencyRecorders first = this.workers.getFirst();
        this.stageNames = new String[first.stageCount()];
        this.recycled = new Histogram[this.workers.size()][stageNames.length];
        this.sums = new Histogram[stageNames.length];
        for (int s = 0; s < stageNames.length; s++)
        {
            stageNames[s] = first.stage(s).name();
            sums[s] = new Histogram(1, first.stage(s).highestTrackableNanos(), StageLatency.DEFAULT_SIGNIFICANT_DIGITS);
        }
        this.intervalStartMs = startEpochMs;
        writer.outputComment("mpdp latency log: values in nanoseconds; clock=" + first.clock().sourceName() +
            " ticksPerSecond=" + first.clock().ticksPerSecond() + " workers=" + this.workers.size() +
            " stages=" + String.join(",", stageNames));
        writer.outputLogFormatVersion();
        writer.outputStartTime(startEpochMs);
        writer.setBaseTime(startEpochMs);
        writer.outputBaseTime(startEpochMs);
        writer.outputLegend();
        out.flush();
    }

    /**
     * Creates (or truncates) the log file and writes its header.
     *
     * @param file         the {@code .hlog} file.
     * @param workers      every worker's recorders; all with the same stage names in the same order.
     * @param startEpochMs the log's start and base time, ms since the epoch (usually now).
     * @param intervalMs   interval between lines for {@link #maybeWriteInterval} and the writer thread.
     * @return the open log.
     * @throws IOException when the file cannot be created.
     */
    public static LatencyLog open(final Path file, final List<LatencyRecorders> workers, final long startEpochMs,
        final long intervalMs) throws IOException
    {
        if (workers.isEmpty())
        {
            throw new IllegalArgumentException("latency log " + file + ": no workers to log");
        }
        final LatencyRecorders first = workers.getFirst();
        for (final LatencyRecorders w : workers)
        {
            if (w.stageCount() != first.stageCount())
            {
                throw new IllegalArgumentException("worker=" + w.worker() + " has " + w.stageCount() +
                    " stages, worker=" + first.worker() + " has " + first.stageCount());
            }
            for (int s = 0; s < w.stageCount(); s++)
            {
                if (!w.stage(s).name().equals(first.stage(s).name()) ||
                    w.stage(s).highestTrackableNanos() != first.stage(s).highestTrackableNanos())
                {
                    throw new IllegalArgumentException("worker=" + w.worker() + " stage " + s + " is '" +
                        w.stage(s).name() + "', worker=" + first.worker() + " has '" + first.stage(s).name() + "'");
                }
            }
        }
        if (intervalMs <= 0)
        {
            throw new IllegalArgumentException("latency interval=" + intervalMs + " ms must be positive");
        }
        final PrintStream out;
        try
        {
            out = new PrintStream(file.toFile(), java.nio.charset.StandardCharsets.US_ASCII);
        }
        catch (final FileNotFoundException ex)
        {
            throw new IOException("cannot create latency log " + file + ": " + ex.getMessage(), ex);
        }
        return new LatencyLog(file, out, workers, startEpochMs, intervalMs);
    }

    /**
     * Writes one line per stage with what every worker recorded since the last interval.
     *
     * @param nowEpochMs the interval's end, ms since the epoch; the next interval starts here.
     */
    public synchronized void writeInterval(final long nowEpochMs)
    {
        if (!fileClosed)
        {
            write(nowEpochMs, false);
        }
    }

    private void write(final long nowEpochMs, final boolean skipIfEmpty)
    {
        long total = 0;
        for (int s = 0; s < stageNames.length; s++)
        {
            final Histogram sum = sums[s];
            sum.reset(); // also clears the tag
            sum.setTag(stageNames[s]);
            for (int w = 0; w < recycled.length; w++)
            {
                final Histogram interval = workers.get(w).stage(s).intervalHistogram(recycled[w][s]);
                recycled[w][s] = interval;
                sum.add(interval);
            }
            total += sum.getTotalCount();
        }
        if (skipIfEmpty && total == 0)
        {
            return;
        }
        final double base = writer.getBaseTime() / 1000.0;
        for (final Histogram sum : sums)
        {
            sum.setStartTimeStamp(intervalStartMs);
            sum.setEndTimeStamp(nowEpochMs);
            writer.outputIntervalHistogram(intervalStartMs / 1000.0 - base, nowEpochMs / 1000.0 - base, sum,
                MAX_VALUE_UNIT_RATIO);
        }
        out.flush();
        intervalStartMs = nowEpochMs;
        intervals++;
    }

    /**
     * For a duty cycle: writes an interval when one is due.
     *
     * @param nowEpochMs now, ms since the epoch.
     * @return 1 when an interval was written, else 0.
     */
    public int maybeWriteInterval(final long nowEpochMs)
    {
        if (nowEpochMs - intervalStartMs >= intervalMs)
        {
            writeInterval(nowEpochMs);
            return 1;
        }
        return 0;
    }

    /**
     * Starts a daemon thread ("mpdp-latency-log") that writes an interval every interval until {@link #close}.
     */
    public synchronized void startWriterThread()
    {
        if (thread != null || closed)
        {
            throw new IllegalStateException("latency log " + file + ": writer thread already started or log closed");
        }
        thread = Thread.ofPlatform().name("mpdp-latency-log").daemon(true).start(() ->
        {
            while (!closed)
            {
                try
                {
                    Thread.sleep(Math.max(1, intervalStartMs + intervalMs - System.currentTimeMillis()));
                }
                catch (final InterruptedException ex)
                {
                    return;
                }
                if (!closed)
                {
                    maybeWriteInterval(System.currentTimeMillis());
                }
            }
        });
    }

    /**
     * @return intervals written so far.
     */
    public synchronized long intervals()
    {
        return intervals;
    }

    /**
     * @return the log file.
     */
    public Path file()
    {
        return file;
    }

    /**
     * Stops the writer thread, writes what was recorded since the last interval (if anything), and
     * closes the file.
     */
    @Override
    public void close()
    {
        final Thread t;
        synchronized (this)
        {
            if (closed)
            {
                return;
            }
            closed = true;
            t = thread;
        }
        if (t != null)
        {
            t.interrupt();
            try
            {
                t.join();
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this)
        {
            write(Math.max(System.currentTimeMillis(), intervalStartMs), true);
            out.close();
            fileClosed = true;
        }
    }
}
