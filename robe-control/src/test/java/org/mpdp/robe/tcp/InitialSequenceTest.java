package org.mpdp.robe.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** RFC 6528 ISNs: per tuple they follow the 4 us clock, across tuples and secrets the hash spreads them. */
final class InitialSequenceTest
{
    private static final int CLIENT = 0xC612_0114; // 198.18.1.20
    private static final int SERVER = 0xC612_0102; // 198.18.1.2

    @Test
    void shouldAdvanceWithTheClockOnOneTuple()
    {
        final InitialSequence a = InitialSequence.withSecret("boot".getBytes(StandardCharsets.US_ASCII));
        final InitialSequence b = InitialSequence.withSecret("boot".getBytes(StandardCharsets.US_ASCII));
        final long t = 123_456_789_000L;
        final int first = a.isn(CLIENT, 40000, SERVER, 7000, t);
        // Another process of the same boot, one second later: 250,000 ticks further on the same tuple, so a
        // server's TIME-WAIT for the old connection (which used far less sequence space) takes the new SYN.
        final int later = b.isn(CLIENT, 40000, SERVER, 7000, t + 1_000_000_000L);
        assertEquals(250_000, later - first);
        assertTrue(later - (first + 65_538) > 0, "after a 64 KiB request, SYN and FIN of the old connection");
    }

    @Test
    void shouldSpreadTuplesAndSecrets()
    {
        final InitialSequence a = InitialSequence.withSecret("boot-a".getBytes(StandardCharsets.US_ASCII));
        final InitialSequence b = InitialSequence.withSecret("boot-b".getBytes(StandardCharsets.US_ASCII));
        final long t = 5_000_000_000L;
        assertNotEquals(a.isn(CLIENT, 40000, SERVER, 7000, t), a.isn(CLIENT, 40001, SERVER, 7000, t));
        assertNotEquals(a.isn(CLIENT, 40000, SERVER, 7000, t), a.isn(CLIENT, 40000, SERVER + 1, 7000, t));
        assertNotEquals(a.isn(CLIENT, 40000, SERVER, 7000, t), b.isn(CLIENT, 40000, SERVER, 7000, t));
        // F alone, without the clock, for 1000 ports: no two alike is what a good hash gives (birthday ~1e-4).
        final java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int port = 32768; port < 33768; port++)
        {
            seen.add(a.offset(CLIENT, port, SERVER, 7000));
        }
        assertEquals(1000, seen.size());
    }

    @Test
    void shouldKeyOnThisBootWhenProcIsThere()
    {
        final InitialSequence one = InitialSequence.forThisBoot();
        final InitialSequence two = InitialSequence.forThisBoot();
        // Same boot id: the same offset in two instances (two processes of one boot alike).
        assertEquals(one.offset(CLIENT, 40000, SERVER, 7000), two.offset(CLIENT, 40000, SERVER, 7000));
    }
}
