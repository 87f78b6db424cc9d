package org.mpdp.dataplane.wire;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Network-byte-order reads and writes at an offset in a segment. Callers check lengths first (every
 * parser checks a header's or option's length against what is left before reading it).
 */
public final class Bytes
{
    static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    static final ValueLayout.OfLong U64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    private Bytes()
    {
    }

    /**
     * @param s segment.
     * @param o offset.
     * @return unsigned byte.
     */
    public static int u8(final MemorySegment s, final long o)
    {
        return Byte.toUnsignedInt(s.get(ValueLayout.JAVA_BYTE, o));
    }

    /**
     * @param s segment.
     * @param o offset.
     * @return unsigned 16-bit big-endian value.
     */
    public static int u16(final MemorySegment s, final long o)
    {
        return Short.toUnsignedInt(s.get(U16, o));
    }

    /**
     * @param s segment.
     * @param o offset.
     * @return 32-bit big-endian value.
     */
    public static int u32(final MemorySegment s, final long o)
    {
        return s.get(U32, o);
    }

    /**
     * @param s segment.
     * @param o offset.
     * @return 64-bit big-endian value.
     */
    public static long u64(final MemorySegment s, final long o)
    {
        return s.get(U64, o);
    }

    /**
     * @param s segment.
     * @param o offset.
     * @param v byte value.
     */
    public static void put8(final MemorySegment s, final long o, final int v)
    {
        s.set(ValueLayout.JAVA_BYTE, o, (byte)v);
    }

    /**
     * @param s segment.
     * @param o offset.
     * @param v 16-bit value.
     */
    public static void put16(final MemorySegment s, final long o, final int v)
    {
        s.set(U16, o, (short)v);
    }

    /**
     * @param s segment.
     * @param o offset.
     * @param v 32-bit value.
     */
    public static void put32(final MemorySegment s, final long o, final int v)
    {
        s.set(U32, o, v);
    }

    /**
     * @param s segment.
     * @param o offset.
     * @param v 64-bit value.
     */
    public static void put64(final MemorySegment s, final long o, final long v)
    {
        s.set(U64, o, v);
    }
}
