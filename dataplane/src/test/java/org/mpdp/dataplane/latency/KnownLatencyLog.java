package org.mpdp.dataplane.latency;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.HdrHistogram.Histogram;

/**
 * Writes a real .hlog of known distributions through the recorders: two workers, four 1 s intervals;
 * stage rx-tx gets every value 1..100000 ns once, rx-parse gets v/4 for the same v, the other stages
 * nothing. The same values go into reference histograms recorded directly.
 */
public final class KnownLatencyLog
{
    /** Values recorded in rx-tx: 1..COUNT ns. */
    public static final int COUNT = 100_000;
    /** Intervals written. */
    public static final int INTERVALS = 4;
    /** Log start time, ms since the epoch. */
    public static final long START_MS = 1_700_000_000_000L;

    /** Reference histogram of stage rx-tx. */
    public final Histogram rxTx = new Histogram(1, StageLatency.DEFAULT_HIGHEST_TRACKABLE_NANOS, 3);
    /** Reference histogram of stage rx-parse. */
    public final Histogram rxParse = new Histogram(1, StageLatency.DEFAULT_HIGHEST_TRACKABLE_NANOS, 3);

    /**
     * @param file where to write the log.
     * @throws IOException when it cannot be written.
     */
    public KnownLatencyLog(final Path file) throws IOException
    {
        final LatencyClock clock = LatencyClock.nanoTime();
        final List<LatencyRecorders> workers = List.of(LatencyRecorders.withDefaultStages("worker-0", clock),
            LatencyRecorders.withDefaultStages("worker-1", clock));
        try (LatencyLog log = LatencyLog.open(file, workers, START_MS, 1000))
        {
            final int perInterval = COUNT / INTERVALS;
            for (int i = 0; i < INTERVALS; i++)
            {
                for (int v = i * perInterval + 1; v <= (i + 1) * perInterval; v++)
                {
                    final LatencyRecorders w = workers.get(v & 1);
                    final long t0 = 1_000_000L * v;
                    w.record(LatencyRecorders.RX_TX, t0, t0 + v);
                    w.record(LatencyRecorders.RX_PARSE, t0, t0 + v / 4, 1);
                    rxTx.recordValue(v);
                    rxParse.recordValue(v / 4);
                }
                log.writeInterval(START_MS + 1000L * (i + 1));
            }
        }
    }
}
