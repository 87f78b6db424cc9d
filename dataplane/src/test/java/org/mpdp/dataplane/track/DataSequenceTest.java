package org.mpdp.dataplane.track;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * 32 -> 64-bit DSN expansion, as Linux's __mptcp_expand_seq.
 */
final class DataSequenceTest
{
    @Test
    void shouldExpandWithinTheWindowAndAcrossBothWraps()
    {
        assertEquals(0x1_0000_0010L, DataSequence.expand(0x1_0000_0000L, 0x10));
        // Forward wrap: reference near the top of its 2^32 window, value just past zero.
        assertEquals(0x2_0000_0005L, DataSequence.expand(0x1_FFFF_FFF0L, 0x5));
        // Backward wrap: reference just past a window start, value near the top (an old DSN).
        assertEquals(0x0_FFFF_FFF0L, DataSequence.expand(0x1_0000_0005L, 0xFFFF_FFF0));
    }

    @Test
    void shouldRecoverAny64BitValueWithinHalfAWindowOfTheReference()
    {
        final Random random = new Random(1);
        for (int i = 0; i < 1_000_000; i++)
        {
            final long reference = random.nextLong() >>> 1;
            final long value = reference + random.nextInt(Integer.MAX_VALUE) * (random.nextBoolean() ? 1L : -1L);
            assertEquals(value, DataSequence.expand(reference, (int)value), "reference " + reference);
        }
    }
}
