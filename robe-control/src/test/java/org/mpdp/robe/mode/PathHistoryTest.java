package org.mpdp.robe.mode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** IPS's order: config order without history, fast and answering paths first, failing ones last. */
final class PathHistoryTest
{
    @Test
    void shouldKeepConfigOrderWithoutHistory()
    {
        final PathHistory h = new PathHistory(3);
        assertArrayEquals(new int[] {0, 1, 2}, h.order());
        assertFalse(h.complete());
        assertArrayEquals(new int[] {0, 1, 2}, Plan.of(Mode.IPS, 3, h, 250_000_000L).order(), "IPS starts on paths[0]");
        assertTrue(Plan.of(Mode.SIM_IPS, 3, h, 250_000_000L).simultaneous(), "SIM until every path has history");
    }

    @Test
    void shouldPreferAnsweringPathsAndAvoidFailingOnes()
    {
        final PathHistory h = new PathHistory(3);
        h.unanswered(0);
        assertArrayEquals(new int[] {1, 2, 0}, h.order(), "a failing path ranks after unknown ones");
        h.answered(2, 5_000_000L);
        assertArrayEquals(new int[] {2, 1, 0}, h.order());
        h.answered(1, 2_000_000L);
        assertArrayEquals(new int[] {1, 2, 0}, h.order());
        h.unanswered(1);
        h.unanswered(1);
        h.unanswered(1);
        assertArrayEquals(new int[] {1, 2, 0}, h.order(), "success 0.42: still 2e6 / 0.42 < 5e6");
        h.unanswered(1);
        assertArrayEquals(new int[] {2, 1, 0}, h.order(), "success 0.32: four losses outweigh a 2.5x faster RTT");
        assertTrue(h.complete());
        final Plan p = Plan.of(Mode.SIM_IPS, 3, h, 250_000_000L);
        assertFalse(p.simultaneous());
        assertTrue(p.simFallback());
        assertArrayEquals(new int[] {2, 1, 0}, p.order());
    }
}
