package org.mpdp.dataplane.analyze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tables that start small and grow give the same report as tables large enough from the start, and
 * tables that cannot grow past their limits give the report of fixed tables at those limits.
 */
final class OfflineAnalyzerGrowthTest
{
    @TempDir
    Path dir;

    @Test
    void shouldReportTheSameConnectionsAfterGrowingItsTables() throws IOException
    {
        // 400 connections with 2 joins each, all open at once: 400 connections and 1,200 subflows live.
        final Path trace = dir.resolve("trace.pcap");
        final TraceGenerator.Result truth = TraceGenerator.generate(
            new TraceGenerator.Config(400, 2, 3_000, 1400, 5, 0.2, 400), trace);

        final OfflineAnalyzer fixed = new OfflineAnalyzer(1024, 4096);
        final OfflineAnalyzer.Totals fixedTotals = fixed.analyze(trace);
        final OfflineAnalyzer grown = OfflineAnalyzer.growing(16, 32, 1024, 4096);
        final OfflineAnalyzer.Totals grownTotals = grown.analyze(trace);

        assertEquals(truth.connections().size(), fixed.connections().size());
        assertTrue(grown.passes() > 1, "tables of 16/32 must have grown, passes " + grown.passes());
        assertTrue(grown.capacities()[0] >= 400 && grown.capacities()[1] >= 1200,
            "capacities " + grown.capacities()[0] + "/" + grown.capacities()[1]);
        assertEquals(fixedTotals, grownTotals);
        assertEquals(fixed.connections(), grown.connections());
    }

    @Test
    void shouldStopGrowingAtItsLimits() throws IOException
    {
        final Path trace = dir.resolve("trace.pcap");
        TraceGenerator.generate(new TraceGenerator.Config(200, 1, 3_000, 1400, 6, 0, 200), trace);

        final OfflineAnalyzer fixed = new OfflineAnalyzer(100, 150);
        fixed.analyze(trace);
        final OfflineAnalyzer grown = OfflineAnalyzer.growing(8, 8, 100, 150);
        grown.analyze(trace);

        assertEquals(100, grown.capacities()[0]);
        assertEquals(150, grown.capacities()[1]);
        assertEquals(fixed.connections(), grown.connections());
    }
}
