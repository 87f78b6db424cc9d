package org.mpdp.dataplane.latency;

import java.util.List;

/**
 * One worker thread's latency recorders: a {@link StageLatency} per stage, indexed by stage number.
 * The worker reads the clock once at each stage boundary of a burst and records the differences:
 *
 * <pre>{@code
 * final long rx = clock.ticks();          // after rx burst returned packets
 * ... parse ...
 * final long parsed = clock.ticks();
 * ... track, verdict ...
 * final long decided = clock.ticks();
 * ... tx burst ...
 * final long sent = clock.ticks();
 * latency.record(LatencyRecorders.RX_PARSE, rx, parsed, n);
 * latency.record(LatencyRecorders.PARSE_VERDICT, parsed, decided, n);
 * latency.record(LatencyRecorders.VERDICT_TX, decided, sent, n);
 * latency.record(LatencyRecorders.RX_TX, rx, sent, n);
 * }</pre>
 *
 * <p>Everything is allocated in the constructor; {@link #record} allocates nothing.
 */
public final class LatencyRecorders
{
    /** Stage index of receive to parsed, in {@link #DEFAULT_STAGES}. */
    public static final int RX_PARSE = 0;
    /** Stage index of parsed to tracked and verdict taken. */
    public static final int PARSE_VERDICT = 1;
    /** Stage index of verdict to transmitted. */
    public static final int VERDICT_TX = 2;
    /** Stage index of end to end: receive to transmitted. */
    public static final int RX_TX = 3;
    /** Stage names in index order; they become the hlog tags. */
    public static final List<String> DEFAULT_STAGES = List.of("rx-parse", "parse-verdict", "verdict-tx", "rx-tx");

    private final LatencyClock clock;
    private final StageLatency[] stages;
    private final String worker;

    /**
     * @param worker     the worker's name (e.g. its role name), for reports.
     * @param clock      the clock the worker reads.
     * @param stageNames one name per stage, in index order; unique.
     */
    public LatencyRecorders(final String worker, final LatencyClock clock, final List<String> stageNames)
    {
        this(worker, clock, stageNames, StageLatency.DEFAULT_HIGHEST_TRACKABLE_NANOS,
            StageLatency.DEFAULT_SIGNIFICANT_DIGITS);
    }

    /**
     * @param worker                the worker's name, for reports.
     * @param clock                 the clock the worker reads.
     * @param stageNames            one name per stage, in index order; unique.
     * @param highestTrackableNanos highest value kept exactly.
     * @param significantDigits     HdrHistogram precision.
     */
    public LatencyRecorders(final String worker, final LatencyClock clock, final List<String> stageNames,
        final long highestTrackableNanos, final int significantDigits)
    {
        if (stageNames.isEmpty() || stageNames.stream().distinct().count() != stageNames.size())
        {
            throw new IllegalArgumentException("stages=" + stageNames + " must be non-empty and unique");
        }
        this.worker = worker;
        this.clock = clock;
        this.stages = new StageLatency[stageNames.size()];
        for (int i = 0; i < stages.length; i++)
        {
            stages[i] = new StageLatency(stageNames.get(i), clock, highestTrackableNanos, significantDigits);
        }
    }

    /**
     * @param worker the worker's name.
     * @param clock  the clock the worker reads.
     * @return recorders for {@link #DEFAULT_STAGES}.
     */
    public static LatencyRecorders withDefaultStages(final String worker, final LatencyClock clock)
    {
        return new LatencyRecorders(worker, clock, DEFAULT_STAGES);
    }

    /**
     * @param stage      stage index.
     * @param startTicks earlier clock reading.
     * @param endTicks   later clock reading.
     */
    public void record(final int stage, final long startTicks, final long endTicks)
    {
        stages[stage].record(startTicks, endTicks);
    }

    /**
     * @param stage      stage index.
     * @param startTicks earlier clock reading.
     * @param endTicks   later clock reading.
     * @param count      packets the interval stands for.
     */
    public void record(final int stage, final long startTicks, final long endTicks, final int count)
    {
        stages[stage].record(startTicks, endTicks, count);
    }

    /**
     * @return the clock to read at stage boundaries.
     */
    public LatencyClock clock()
    {
        return clock;
    }

    /**
     * @param stage stage index.
     * @return that stage's recorder.
     */
    public StageLatency stage(final int stage)
    {
        return stages[stage];
    }

    /**
     * @return number of stages.
     */
    public int stageCount()
    {
        return stages.length;
    }

    /**
     * @return the worker's name.
     */
    public String worker()
    {
        return worker;
    }
}
