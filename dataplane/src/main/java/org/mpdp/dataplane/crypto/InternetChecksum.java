package org.mpdp.dataplane.crypto;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The RFC 1071 Internet checksum: the 16-bit one's-complement sum of big-endian 16-bit words, an odd last byte
 * padded with a zero byte on the right. Both versions read any {@link MemorySegment} (native or heap) at any
 * offset and length and allocate nothing; both return the folded sum, 0..0xFFFF, not yet complemented.
 *
 * <p>{@link #sum} is the fast one. It uses RFC 1071 §2 (B), byte-order independence: it adds the bytes as
 * little-endian 32-bit words into 64-bit vector lanes ({@code lo32 + hi32} of each long, so nothing can carry
 * out for 2^31 iterations), folds, and swaps the two result bytes. {@link #sumScalar} is the word-by-word oracle
 * straight from the RFC.
 *
 * <p>Sums of consecutive parts combine with {@link #combine}, which swaps a part that starts at an odd position
 * (RFC 1071 §2 (B) again), so a DSS mapping spread over several TCP segments can be summed per segment.
 */
public final class InternetChecksum
{
    private static final ValueLayout.OfShort U16_BE =
        ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfShort U16_LE =
        ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt U32_LE = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong U64_LE =
        ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    /** Long lanes: the preferred shape (256 bits on AVX2, 512 on AVX-512). */
    static final VectorSpecies<Long> SPECIES = LongVector.SPECIES_PREFERRED;
    /** Bytes consumed per vector loop iteration (four vectors, four accumulators). */
    static final int STRIDE = 4 * SPECIES.vectorByteSize();
    private static final long LOW32 = 0xFFFF_FFFFL;

    private InternetChecksum()
    {
    }

    /**
     * The one's-complement sum, word by word (the oracle).
     *
     * @param segment bytes.
     * @param offset  byte offset of the first byte.
     * @param length  number of bytes.
     * @return the folded sum, 0..0xFFFF.
     */
    public static int sumScalar(final MemorySegment segment, final long offset, final int length)
    {
        long sum = 0;
        int i = 0;
        for (; i + 1 < length; i += 2)
        {
            sum += Short.toUnsignedInt(segment.get(U16_BE, offset + i));
        }
        if (i < length)
        {
            sum += Byte.toUnsignedInt(segment.get(ValueLayout.JAVA_BYTE, offset + i)) << 8;
        }
        return fold(sum);
    }

    /**
     * The one's-complement sum with the Vector API.
     *
     * @param segment bytes.
     * @param offset  byte offset of the first byte.
     * @param length  number of bytes.
     * @return the folded sum, 0..0xFFFF, equal to {@link #sumScalar}.
     */
    public static int sum(final MemorySegment segment, final long offset, final int length)
    {
        if (length < 0)
        {
            throw new IllegalArgumentException("length=" + length);
        }
        final long end = offset + length;
        long pos = offset;
        final VectorSpecies<Long> species = SPECIES;
        final int v = species.vectorByteSize();
        LongVector acc = LongVector.zero(species);
        if (length >= STRIDE)
        {
            LongVector acc1 = LongVector.zero(species);
            LongVector acc2 = LongVector.zero(species);
            LongVector acc3 = LongVector.zero(species);
            // An int-counted loop, so C2 can treat it as a counted loop and hoist the segment's bounds checks.
            final int strides = length / STRIDE;
            for (int i = 0; i < strides; i++)
            {
                final long p = offset + (long)i * STRIDE;
                acc = accumulate(acc, LongVector.fromMemorySegment(species, segment, p, LE));
                acc1 = accumulate(acc1, LongVector.fromMemorySegment(species, segment, p + v, LE));
                acc2 = accumulate(acc2, LongVector.fromMemorySegment(species, segment, p + 2L * v, LE));
                acc3 = accumulate(acc3, LongVector.fromMemorySegment(species, segment, p + 3L * v, LE));
            }
            pos = offset + (long)strides * STRIDE;
            // A fresh zero as receiver: the accumulators are loop phis of static type LongVector (see accumulate).
            acc = LongVector.zero(species).add(acc).add(acc1).add(acc2).add(acc3);
        }
        // Fewer than four vectors left: straight-line code, no loop, so short payloads (64 bytes) stay cheap.
        if (end - pos >= 2L * v)
        {
            acc = accumulate(acc, LongVector.fromMemorySegment(species, segment, pos, LE));
            acc = accumulate(acc, LongVector.fromMemorySegment(species, segment, pos + v, LE));
            pos += 2L * v;
        }
        if (end - pos >= v)
        {
            acc = accumulate(acc, LongVector.fromMemorySegment(species, segment, pos, LE));
            pos += v;
        }
        long sum = LongVector.zero(species).add(acc).reduceLanes(VectorOperators.ADD);
        for (; pos + 8 <= end; pos += 8)
        {
            final long x = segment.get(U64_LE, pos);
            sum += (x & LOW32) + (x >>> 32);
        }
        if (pos + 4 <= end)
        {
            sum += segment.get(U32_LE, pos) & LOW32;
            pos += 4;
        }
        if (pos + 2 <= end)
        {
            sum += Short.toUnsignedInt(segment.get(U16_LE, pos));
            pos += 2;
        }
        if (pos < end)
        {
            sum += Byte.toUnsignedInt(segment.get(ValueLayout.JAVA_BYTE, pos));
        }
        return swap(fold(sum));
    }

    /**
     * Adds both 32-bit halves of each long lane: at most 2^33 per step, so lanes never overflow. The freshly loaded
     * {@code x} is the receiver, never the loop-carried {@code acc}: a loop phi has the static type LongVector, and
     * a call on it binds only through a type profile (without one nothing is intrinsified and each step allocates).
     */
    private static LongVector accumulate(final LongVector acc, final LongVector x)
    {
        return x.and(LOW32).add(x.lanewise(VectorOperators.LSHR, 32)).add(acc);
    }

    /**
     * Folds a wide sum into 16 bits with end-around carries.
     *
     * @param sum non-negative sum of 16-bit (or 32-bit) words.
     * @return the one's-complement sum, 0..0xFFFF.
     */
    public static int fold(final long sum)
    {
        long s = (sum & LOW32) + (sum >>> 32);
        s = (s & 0xFFFF) + (s >>> 16);
        s = (s & 0xFFFF) + (s >>> 16);
        s = (s & 0xFFFF) + (s >>> 16);
        return (int)s;
    }

    /**
     * Adds the sum of a later part of the same data.
     *
     * @param sum          folded sum of the data before the part.
     * @param partSum      folded sum of the part on its own.
     * @param partPosition position of the part's first byte within the checksummed data.
     * @return folded sum of both.
     */
    public static int combine(final int sum, final int partSum, final long partPosition)
    {
        return fold((long)sum + ((partPosition & 1) == 0 ? partSum : swap(partSum)));
    }

    /**
     * @param sum a folded sum.
     * @return the checksum to send: its one's complement, 0..0xFFFF.
     */
    public static int complement(final int sum)
    {
        return ~sum & 0xFFFF;
    }

    private static int swap(final int x)
    {
        return ((x & 0xFF) << 8) | (x >>> 8);
    }
}
