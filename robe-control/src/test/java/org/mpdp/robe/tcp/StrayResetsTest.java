package org.mpdp.robe.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

final class StrayResetsTest
{
    private static final long MS = 1_000_000L;

    private record Rst(int port, long dstMac, int src, int dst, int sport, int dport, int seq, int ack, int flags)
    {
    }

    private final List<Rst> sent = new ArrayList<>();
    private final StrayResets.Sender sender =
        (port, mac, src, dst, sport, dport, seq, ack, flags) -> sent.add(new Rst(port, mac, src, dst, sport, dport, seq,
            ack, flags));

    @Test
    void shouldRepeatEachRstTwiceAt50And150MsWithItsOwnFields()
    {
        final StrayResets resets = new StrayResets(4);
        assertTrue(resets.add(1, 0x0200_0000_0001L, 10, 20, 40000, 7000, 111, 0, 0x04, StrayResets.RST_REPEATS, 0));
        assertTrue(resets.add(0, 0x0200_0000_0002L, 11, 21, 40001, 7000, 0, 222, 0x14, StrayResets.RST_REPEATS,
            10 * MS));
        assertEquals(0, resets.poll(49 * MS, sender));
        assertEquals(1, resets.poll(50 * MS, sender));
        assertEquals(new Rst(1, 0x0200_0000_0001L, 10, 20, 40000, 7000, 111, 0, 0x04), sent.get(0));
        assertEquals(1, resets.poll(60 * MS, sender));
        assertEquals(new Rst(0, 0x0200_0000_0002L, 11, 21, 40001, 7000, 0, 222, 0x14), sent.get(1));
        assertEquals(2, resets.size());
        assertEquals(0, resets.poll(149 * MS, sender));
        assertEquals(1, resets.poll(150 * MS, sender)); // the first one's second repeat: 100 ms after its first
        assertEquals(1, resets.size());
        assertEquals(1, resets.poll(160 * MS, sender));
        assertEquals(0, resets.size());
        assertEquals(4, sent.size());
        assertEquals(sent.get(0), sent.get(2));
        assertEquals(sent.get(1), sent.get(3));
        assertEquals(0, resets.poll(10_000 * MS, sender));
    }

    @Test
    void shouldRefuseWhenFullAndTakeMoreOnceRepeatsEnd()
    {
        final StrayResets resets = new StrayResets(1);
        assertTrue(resets.add(0, 1, 2, 3, 4, 5, 6, 7, 0x04, 2, 0));
        assertFalse(resets.add(0, 1, 2, 3, 4, 5, 6, 7, 0x04, 2, 0));
        resets.poll(50 * MS, sender);
        resets.poll(150 * MS, sender);
        assertEquals(0, resets.size());
        assertTrue(resets.add(0, 1, 2, 3, 4, 5, 6, 7, 0x04, 2, 150 * MS));
    }

    @Test
    void shouldSendALastAckFourTimesMoreWithDoublingGaps()
    {
        final StrayResets resets = new StrayResets(2);
        assertTrue(resets.add(0, 9, 1, 2, 40000, 7000, 500, 900, 0x10, StrayResets.LAST_ACK_REPEATS, 0));
        final List<Long> at = new ArrayList<>();
        for (long t = 0; t <= 3000 * MS; t += MS)
        {
            if (resets.poll(t, sender) > 0)
            {
                at.add(t / MS);
            }
        }
        assertEquals(List.of(50L, 150L, 350L, 750L), at);
        sent.forEach(r -> assertEquals(new Rst(0, 9, 1, 2, 40000, 7000, 500, 900, 0x10), r));
        assertEquals(0, resets.size());
    }
}
