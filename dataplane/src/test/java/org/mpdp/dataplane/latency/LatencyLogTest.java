package org.mpdp.dataplane.latency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogProcessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The recorders and the .hlog writer against HdrHistogram's own reader: a log of known values must give
 * HistogramLogProcessor exactly the distribution recorded directly, tag by tag; and recording must not
 * allocate.
 */
final class LatencyLogTest
{
    @TempDir
    Path dir;

    private static String percentileText(final Histogram h, final double ratio)
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        h.outputPercentileDistribution(new PrintStream(bytes, true, StandardCharsets.US_ASCII), 5, ratio);
        return bytes.toString(StandardCharsets.US_ASCII);
    }

    private static String distribution(final String hgrm)
    {
        return hgrm.substring(hgrm.indexOf("       Value     Percentile"));
    }

    private String processor(final Path log, final String tag) throws IOException
    {
        final Path out = dir.resolve("out-" + tag);
        new HistogramLogProcessor(new String[] {"-i", log.toString(), "-o", out.toString(), "-tag", tag,
            "-outputValueUnitRatio", "1000"}).run();
        return Files.readString(Path.of(out + ".hgrm"), StandardCharsets.US_ASCII);
    }

    @Test
    void shouldGiveHistogramLogProcessorTheRecordedDistributionPerTag() throws IOException
    {
        final Path log = dir.resolve("known.hlog");
        final KnownLatencyLog known = new KnownLatencyLog(log);
        final String text = Files.readString(log);
        assertTrue(text.contains("#[StartTime: 1700000000.000") && text.contains("#[BaseTime: 1700000000.000"), text);
        assertEquals(KnownLatencyLog.INTERVALS, text.lines().filter(l -> l.startsWith("Tag=rx-tx,")).count(), text);

        // the processor's .hgrm is two header lines, then exactly the distribution of the values recorded
        final String rxTx = processor(log, "rx-tx");
        assertTrue(rxTx.startsWith("#[Overall percentile distribution between 0.000 and <Infinite> seconds " +
            "(relative to StartTime)]\n#[StartTime: 1700000000.000"), rxTx);
        assertEquals(percentileText(known.rxTx, 1000), distribution(rxTx));
        assertTrue(rxTx.contains("Total count    =       100000"), rxTx);
        assertEquals(percentileText(known.rxParse, 1000), distribution(processor(log, "rx-parse")));

        // and the percentiles themselves, from the reference, are what 1..100000 ns should give (0.1%)
        assertEquals(50_000, known.rxTx.getValueAtPercentile(50), 50);
        assertEquals(99_000, known.rxTx.getValueAtPercentile(99), 99);
        assertEquals(99_990, known.rxTx.getValueAtPercentile(99.99), 100);
    }

    @Test
    void shouldReadBackEveryTagWithLatencyReport() throws IOException
    {
        final Path log = dir.resolve("known.hlog");
        final KnownLatencyLog known = new KnownLatencyLog(log);
        final LatencyReport report = LatencyReport.read(log);
        assertEquals(LatencyRecorders.DEFAULT_STAGES, List.copyOf(report.histograms().keySet()));
        assertEquals(known.rxTx, report.histograms().get("rx-tx"));
        assertEquals(known.rxParse, report.histograms().get("rx-parse"));
        assertEquals(0, report.histograms().get("verdict-tx").getTotalCount());
        assertEquals(KnownLatencyLog.INTERVALS, report.intervals("rx-tx"));
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> report.select(List.of("tx-rx")));
        assertTrue(ex.getMessage().contains("tag=tx-rx is not in latency log") &&
            ex.getMessage().contains("rx-parse, parse-verdict, verdict-tx, rx-tx"), ex.getMessage());
    }

    @Test
    void shouldWriteIntervalsFromItsOwnThreadWhileAWorkerRecords() throws Exception
    {
        final Path log = dir.resolve("live.hlog");
        final LatencyRecorders w = LatencyRecorders.withDefaultStages("w", LatencyClock.nanoTime());
        long recorded = 0;
        try (LatencyLog latency = LatencyLog.open(log, List.of(w), System.currentTimeMillis(), 50))
        {
            latency.startWriterThread();
            final long end = System.nanoTime() + 300_000_000L;
            while (System.nanoTime() < end)
            {
                final long t = w.clock().ticks();
                w.record(LatencyRecorders.RX_TX, t, w.clock().ticks());
                recorded++;
            }
        }
        final LatencyReport report = LatencyReport.read(log);
        assertEquals(recorded, report.histograms().get("rx-tx").getTotalCount());
        assertTrue(report.intervals("rx-tx") >= 3, "intervals=" + report.intervals("rx-tx"));
    }

    @Test
    void shouldClampOutOfRangeValuesAndCountThem()
    {
        final StageLatency s = new StageLatency("s", LatencyClock.nanoTime(), 1_000_000, 3);
        s.record(100, 50);
        s.recordNanos(5_000_000);
        s.recordNanos(10);
        final Histogram h = s.intervalHistogram(null);
        assertEquals(3, h.getTotalCount());
        assertEquals(2, s.clamped());
        assertEquals(1_000_000, h.getMaxValue(), 1_000);
        assertThrows(IllegalArgumentException.class, () -> new StageLatency("rx tx", LatencyClock.nanoTime(), 10, 3));
    }

    @Test
    void shouldConvertTscTicksToNanoseconds()
    {
        final LatencyClock tsc = LatencyClock.tsc(2_500_000_000L);
        assertEquals(1_000, tsc.toNanos(2_500));
        assertEquals(1_000_000_000L, tsc.toNanos(2_500_000_000L));
        assertEquals("tsc", tsc.sourceName());
        assertEquals(7, LatencyClock.nanoTime().toNanos(7));
    }

    @Test
    void shouldNotAllocateWhileRecording()
    {
        final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long id = Thread.currentThread().threadId();
        final LatencyRecorders nano = LatencyRecorders.withDefaultStages("nano", LatencyClock.nanoTime());
        final LatencyRecorders tsc = LatencyRecorders.withDefaultStages("tsc", LatencyClock.tsc(3_000_000_000L));
        long sink = recordMany(nano, 200_000) + recordMany(tsc, 200_000); // warm up: interpreter, C1, C2
        sink += recordMany(nano, 200_000) + recordMany(tsc, 200_000);
        threads.getThreadAllocatedBytes(id);
        final long before = threads.getThreadAllocatedBytes(id);
        sink += recordMany(nano, 1_000_000);
        sink += recordMany(tsc, 1_000_000);
        final long allocated = threads.getThreadAllocatedBytes(id) - before;
        System.out.printf(Locale.ROOT, "allocated %d bytes over 2 x 1,000,000 x 5 recordings (sink %d)%n", allocated, sink);
        assertTrue(allocated < 1024, "allocated=" + allocated + " bytes while recording");
        assertEquals(1_400_000L * 4, nano.stage(LatencyRecorders.RX_TX).intervalHistogram(null).getTotalCount());
    }

    private static long recordMany(final LatencyRecorders r, final int n)
    {
        final LatencyClock clock = r.clock();
        long last = 0;
        for (int i = 0; i < n; i++)
        {
            final long t0 = clock.ticks();
            final long t1 = clock.ticks();
            r.record(LatencyRecorders.RX_PARSE, t0, t1);
            r.record(LatencyRecorders.PARSE_VERDICT, t0, t1, 32);
            r.record(LatencyRecorders.VERDICT_TX, t0, t1);
            r.record(LatencyRecorders.RX_TX, t0, t1);
            r.record(LatencyRecorders.RX_TX, t0, t0 + i, 3);
            last = t1;
        }
        return last;
    }
}
