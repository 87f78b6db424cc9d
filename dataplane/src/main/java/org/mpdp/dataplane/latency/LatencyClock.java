package org.mpdp.dataplane.latency;

import org.mpdp.dpdk.FastPath;

/**
 * A monotonic clock for the packet path: {@link #ticks()} is read once per burst stage and
 * {@link #toNanos(long)} turns a difference of two readings into nanoseconds for the histograms.
 *
 * <p>Two sources: {@link #nanoTime()} ({@link System#nanoTime}, an intrinsic; works everywhere, for
 * tests and the analyzer) and {@link #tsc()} (the CPU time-stamp counter through the shim's
 * {@code mpdp_rdtsc}, at the rate EAL measured, so only after EAL has started). Both are one final
 * class with a source switch and a conversion factor, so a call site never sees more than one
 * receiver type and the JIT inlines it.
 */
public final class LatencyClock
{
    private static final int SOURCE_NANO_TIME = 0;
    private static final int SOURCE_TSC = 1;

    private static final LatencyClock NANO_TIME = new LatencyClock(SOURCE_NANO_TIME, 1_000_000_000L);

    private final int source;
    private final long ticksPerSecond;
    private final double nanosPerTick;

    private LatencyClock(final int source, final long ticksPerSecond)
    {
        this.source = source;
        this.ticksPerSecond = ticksPerSecond;
        this.nanosPerTick = 1e9 / ticksPerSecond;
    }

    /**
     * @return the {@link System#nanoTime} clock: one tick is one nanosecond.
     */
    public static LatencyClock nanoTime()
    {
        return NANO_TIME;
    }

    /**
     * The time-stamp counter (rte_rdtsc) at EAL's measured rate (rte_get_tsc_hz).
     *
     * @return a TSC clock.
     * @throws IllegalStateException when EAL has not started (rte_get_tsc_hz() returns 0 then).
     */
    public static LatencyClock tsc()
    {
        final long hz = FastPath.tscHz();
        if (hz <= 0)
        {
            throw new IllegalStateException("rte_get_tsc_hz()=" + hz +
                ": EAL has not started; use LatencyClock.nanoTime() without EAL");
        }
        return new LatencyClock(SOURCE_TSC, hz);
    }

    /**
     * @param ticksPerSecond a TSC rate to assume, for tests and replays of recorded ticks.
     * @return a TSC clock at that rate.
     */
    public static LatencyClock tsc(final long ticksPerSecond)
    {
        if (ticksPerSecond <= 0)
        {
            throw new IllegalArgumentException("ticksPerSecond=" + ticksPerSecond + " must be positive");
        }
        return new LatencyClock(SOURCE_TSC, ticksPerSecond);
    }

    /**
     * @return the current reading, in ticks; only differences of readings mean anything.
     */
    public long ticks()
    {
        return source == SOURCE_TSC ? FastPath.rdtsc() : System.nanoTime();
    }

    /**
     * @param ticks a difference of two {@link #ticks()} readings.
     * @return that interval in nanoseconds (truncated).
     */
    public long toNanos(final long ticks)
    {
        return source == SOURCE_NANO_TIME ? ticks : (long)(ticks * nanosPerTick);
    }

    /**
     * @return ticks per second.
     */
    public long ticksPerSecond()
    {
        return ticksPerSecond;
    }

    /**
     * @return "tsc" or "nanoTime".
     */
    public String sourceName()
    {
        return source == SOURCE_TSC ? "tsc" : "nanoTime";
    }

    @Override
    public String toString()
    {
        return "LatencyClock{source=" + sourceName() + ", ticksPerSecond=" + ticksPerSecond + '}';
    }
}
