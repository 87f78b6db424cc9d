package org.mpdp.dataplane.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * The Vector API Internet checksum against the word-by-word RFC 1071 oracle: random lengths 0..9000 at random
 * (odd) offsets on heap and native segments, the RFC 1071 §3 example, and split sums.
 */
class InternetChecksumTest
{
    private static final int MAX_LENGTH = 9000;

    private final SplittableRandom random = new SplittableRandom(1071);

    @Test
    void shouldMatchRfc1071Example()
    {
        // RFC 1071 §3: 00 01 f2 03 f4 f5 f6 f7 sums to ddf2.
        final MemorySegment bytes = MemorySegment.ofArray(new byte[] {0x00, 0x01, (byte)0xf2, 0x03, (byte)0xf4,
            (byte)0xf5, (byte)0xf6, (byte)0xf7});
        assertEquals(0xddf2, InternetChecksum.sumScalar(bytes, 0, 8));
        assertEquals(0xddf2, InternetChecksum.sum(bytes, 0, 8));
    }

    @Test
    void shouldPadAnOddLastByteOnTheRight()
    {
        final MemorySegment bytes = MemorySegment.ofArray(new byte[] {0x12, 0x34, 0x56});
        assertEquals(0x1234 + 0x5600, InternetChecksum.sumScalar(bytes, 0, 3));
        assertEquals(0x1234 + 0x5600, InternetChecksum.sum(bytes, 0, 3));
        assertEquals(0, InternetChecksum.sum(bytes, 1, 0));
    }

    @Test
    void shouldMatchScalarOracleOnHeapSegmentsForRandomLengthsAndOffsets()
    {
        final byte[] array = new byte[MAX_LENGTH + 64];
        final MemorySegment heap = MemorySegment.ofArray(array);
        for (int i = 0; i < 3_000; i++)
        {
            random.nextBytes(array);
            assertSameSum(heap, random.nextInt(64), randomLength());
        }
    }

    @Test
    void shouldMatchScalarOracleOnNativeSegmentsForRandomLengthsAndOffsets()
    {
        try (Arena arena = Arena.ofConfined())
        {
            final MemorySegment segment = arena.allocate(MAX_LENGTH + 64, 64);
            final byte[] array = new byte[MAX_LENGTH + 64];
            for (int i = 0; i < 3_000; i++)
            {
                random.nextBytes(array);
                MemorySegment.copy(MemorySegment.ofArray(array), 0, segment, 0, array.length);
                assertSameSum(segment, random.nextInt(64), randomLength());
            }
        }
    }

    @Test
    void shouldMatchScalarOracleForAllOnesAndAllZeroPayloads()
    {
        final byte[] ones = new byte[MAX_LENGTH + 1];
        java.util.Arrays.fill(ones, (byte)0xFF);
        final MemorySegment onesSegment = MemorySegment.ofArray(ones);
        final MemorySegment zeroSegment = MemorySegment.ofArray(new byte[MAX_LENGTH + 1]);
        for (int length = 0; length <= 600; length++)
        {
            assertSameSum(onesSegment, length & 1, length);
            assertSameSum(zeroSegment, length & 1, length);
        }
        assertSameSum(onesSegment, 1, MAX_LENGTH);
        assertEquals(0, InternetChecksum.sum(zeroSegment, 0, MAX_LENGTH));
    }

    @Test
    void shouldCombineSumsOfSplitPartsIncludingOddSplits()
    {
        final byte[] array = new byte[4000];
        final MemorySegment segment = MemorySegment.ofArray(array);
        for (int i = 0; i < 500; i++)
        {
            random.nextBytes(array);
            final int length = random.nextInt(1, 4000);
            final int split = random.nextInt(length + 1);
            final int whole = InternetChecksum.sumScalar(segment, 0, length);
            final int combined = InternetChecksum.combine(InternetChecksum.sum(segment, 0, split),
                InternetChecksum.sum(segment, split, length - split), split);
            assertEquals(whole, combined, "length " + length + " split " + split);
        }
    }

    @Test
    void shouldNotAllocate()
    {
        try (Arena arena = Arena.ofConfined())
        {
            final MemorySegment segment = arena.allocate(2048);
            final int[] sink = new int[1];
            final long allocated = CryptoTesting.allocatedAfterWarmUp(() ->
            {
                sink[0] += InternetChecksum.sum(segment, sink[0] & 7, 1400);
                sink[0] += InternetChecksum.sum(segment, 1, 63);
            }, 10_000, 30);
            assertEquals(0, allocated, "bytes allocated by 10000 checksums after warm-up");
        }
    }

    private int randomLength()
    {
        return switch (random.nextInt(4))
        {
            case 0 -> random.nextInt(300);
            case 1 -> random.nextInt(1400, 1500);
            default -> random.nextInt(MAX_LENGTH + 1);
        };
    }

    private static void assertSameSum(final MemorySegment segment, final int offset, final int length)
    {
        assertEquals(InternetChecksum.sumScalar(segment, offset, length), InternetChecksum.sum(segment, offset, length),
            () -> "offset " + offset + " length " + length);
    }
}
