package org.mpdp.dataplane.analyze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mpdp.dataplane.track.SubflowView;

/**
 * The analyzer's report of a generated trace equals the generator's ground truth, connection by
 * connection: keys, tokens, IDSNs, subflows, join authentication, data bytes each way, clean end.
 */
final class AnalyzerOnTraceIT
{
    @TempDir
    Path dir;

    @Test
    void shouldReportExactlyTheGeneratedConnections() throws IOException
    {
        assertReportEqualsTruth(TraceGenerator.Config.of(300, 3, 20_000, 11, 0.25));
    }

    @Test
    void shouldExpand32BitDsnsAcrossTheWrap() throws IOException
    {
        final TraceGenerator.Result truth = assertReportEqualsTruth(
            TraceGenerator.Config.of(24, 2, 150_000, 12, 0.25).withDsn(TraceGenerator.DsnWidth.DSN32, true));
        assertEveryDirectionWraps(truth);
    }

    @Test
    void shouldExpandMixed32And64BitDsnsAcrossTheWrap() throws IOException
    {
        final TraceGenerator.Result truth = assertReportEqualsTruth(
            TraceGenerator.Config.of(24, 2, 150_000, 13, 0.25).withDsn(TraceGenerator.DsnWidth.MIXED, true));
        assertEveryDirectionWraps(truth);
    }

    /** The generator's promise: the low 32 bits of each direction's DSNs pass 2^32 within its data. */
    private static void assertEveryDirectionWraps(final TraceGenerator.Result truth)
    {
        for (final TraceGenerator.ConnectionTruth t : truth.connections())
        {
            assertTrue((t.clientIdsn() + 1 & 0xFFFF_FFFFL) + t.bytesUp() > 1L << 32, t.toString());
            assertTrue((t.serverIdsn() + 1 & 0xFFFF_FFFFL) + t.bytesDown() > 1L << 32, t.toString());
        }
    }

    private TraceGenerator.Result assertReportEqualsTruth(final TraceGenerator.Config config) throws IOException
    {
        final Path trace = dir.resolve("trace-" + config.seed() + ".pcap");
        final TraceGenerator.Result truth = TraceGenerator.generate(config, trace);
        final OfflineAnalyzer analyzer = new OfflineAnalyzer(1024, 4096);
        final OfflineAnalyzer.Totals totals = analyzer.analyze(trace);
        assertEquals(truth.packets(), totals.packets());
        assertEquals(0, totals.malformed());
        final List<ConnectionReport> ours = analyzer.connections();
        assertEquals(truth.connections().size(), ours.size());
        final java.util.Map<Long, TraceGenerator.ConnectionTruth> byKey = new java.util.HashMap<>();
        truth.connections().forEach(t -> byKey.put(t.clientKey(), t));
        for (int i = 0; i < ours.size(); i++)
        {
            final ConnectionReport r = ours.get(i);
            final TraceGenerator.ConnectionTruth t = byKey.remove(r.clientKey());
            assertTrue(t != null, "connection with an unknown or repeated client key: " + r);
            final String context = "connection " + i + ": " + r;
            assertEquals(t.clientKey(), r.clientKey(), context);
            assertEquals(t.serverKey(), r.serverKey(), context);
            assertEquals(t.clientToken(), r.clientToken(), context);
            assertEquals(t.serverToken(), r.serverToken(), context);
            assertEquals(t.clientIdsn(), r.clientIdsn(), context);
            assertEquals(t.serverIdsn(), r.serverIdsn(), context);
            assertEquals(t.bytesUp(), r.toServer(), context);
            assertEquals(t.bytesDown(), r.toClient(), context);
            assertEquals(t.subflows(), r.subflows().size(), context);
            assertEquals(0, r.reinjected(), context);
            assertEquals(0, r.hmacFailures(), context);
            assertEquals("data_fin", r.end(), context);
            assertEquals(0, r.mappingAnomalies(), context);
            assertEquals(1, r.announced().size(), context);
            for (final SubflowView s : r.subflows())
            {
                assertTrue(s.role().equals("initial") || s.joinHmacOk(), s.toString());
            }
        }
        return truth;
    }
}
