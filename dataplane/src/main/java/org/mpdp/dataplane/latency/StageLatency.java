package org.mpdp.dataplane.latency;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

/**
 * The latency of one stage on one worker thread: an HdrHistogram {@link SingleWriterRecorder} in
 * nanoseconds. The worker records; one other thread (the log writer) takes interval histograms.
 *
 * <p>Recording allocates nothing and never throws: a value below 0 (a clock read out of order) counts
 * as 0, a value above {@link #highestTrackableNanos()} counts as that highest value, and both are
 * counted in {@link #clamped()} so a too-small range shows.
 */
public final class StageLatency
{
    /** Default highest value a histogram tracks: 10 s in nanoseconds. */
    public static final long DEFAULT_HIGHEST_TRACKABLE_NANOS = 10_000_000_000L;
    /** Default precision: 3 significant decimal digits (0.1% value resolution). */
    public static final int DEFAULT_SIGNIFICANT_DIGITS = 3;

    private final String name;
    private final LatencyClock clock;
    private final long highestTrackableNanos;
    private final SingleWriterRecorder recorder;
    /** Written by the recording thread only; read elsewhere for reports, where a stale value is fine. */
    private long clamped;

    /**
     * @param name                  stage name, used as the log tag (no spaces, commas or '=').
     * @param clock                 the clock whose ticks {@link #record(long, long)} receives.
     * @param highestTrackableNanos highest value kept exactly; larger ones are clamped.
     * @param significantDigits     HdrHistogram precision, 0 to 5.
     */
    public StageLatency(final String name, final LatencyClock clock, final long highestTrackableNanos,
        final int significantDigits)
    {
        this.name = checkTag(name);
        this.clock = clock;
        this.highestTrackableNanos = highestTrackableNanos;
        this.recorder = new SingleWriterRecorder(1, highestTrackableNanos, significantDigits);
    }

    static String checkTag(final String tag)
    {
        if (tag == null || tag.isEmpty() || !tag.matches("[A-Za-z0-9_.:/-]+"))
        {
            throw new IllegalArgumentException("stage name '" + tag +
                "' must be non-empty letters, digits and _ . : / - (it becomes an hlog tag)");
        }
        return tag;
    }

    /**
     * Records the interval between two readings of the clock.
     *
     * @param startTicks earlier reading.
     * @param endTicks   later reading.
     */
    public void record(final long startTicks, final long endTicks)
    {
        recordNanos(clock.toNanos(endTicks - startTicks));
    }

    /**
     * Records the interval between two readings {@code count} times: one burst of {@code count}
     * packets timed together.
     *
     * @param startTicks earlier reading.
     * @param endTicks   later reading.
     * @param count      how many packets the interval stands for; nothing when {@code count <= 0}.
     */
    public void record(final long startTicks, final long endTicks, final int count)
    {
        if (count > 0)
        {
            recorder.recordValueWithCount(clamp(clock.toNanos(endTicks - startTicks)), count);
        }
    }

    /**
     * @param nanos an interval already in nanoseconds.
     */
    public void recordNanos(final long nanos)
    {
        recorder.recordValue(clamp(nanos));
    }

    private long clamp(final long nanos)
    {
        if (nanos < 0)
        {
            clamped++;
            return 0;
        }
        if (nanos > highestTrackableNanos)
        {
            clamped++;
            return highestTrackableNanos;
        }
        return nanos;
    }

    /**
     * Takes the values recorded since the last call and resets the recorder (for the log writer thread).
     *
     * @param recycle the histogram the previous call returned, reused to allocate nothing; or null.
     * @return the interval histogram, with its start and end time stamps set (ms since the epoch).
     */
    public Histogram intervalHistogram(final Histogram recycle)
    {
        return recorder.getIntervalHistogram(recycle);
    }

    /**
     * @return the stage name (the log tag).
     */
    public String name()
    {
        return name;
    }

    /**
     * @return highest value recorded without clamping, in nanoseconds.
     */
    public long highestTrackableNanos()
    {
        return highestTrackableNanos;
    }

    /**
     * @return how many values were out of range and clamped (racy read from other threads).
     */
    public long clamped()
    {
        return clamped;
    }
}
