package org.mpdp.dataplane.wire;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Objects;

import org.agrona.UnsafeApi;

/**
 * Network-byte-order reads and writes at an offset in a segment. Callers check lengths first (every
 * parser checks a header's or option's length against what is left before reading it).
 *
 * <p>Reads from native segments (capture windows, mbufs) are bounds-checked against the segment and
 * then done with {@code Unsafe} at {@code address() + offset}: no liveness or thread-confinement
 * check per access. Why: an FFM access is a chain of var-handle frames ending in the session's
 * {@code checkValidStateRaw}, which is slow in the interpreter and C1 (most of a cold
 * {@code mpdp analyze}) and, inside the parser's larger methods, more than C2 inlines (the call
 * stayed, about 17% of a warm pass). The price: reading through a segment whose arena was closed is
 * not detected, so callers pass segments they own for the whole parse (a reader's window, a
 * received mbuf), as they do. Heap segments (tests) take the plain FFM path.
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
        return s.isNative() ? Byte.toUnsignedInt(UnsafeApi.getByte(at(s, o, Byte.BYTES))) : heapU8(s, o);
    }

    /*
     * Each reader stays under 35 bytes of bytecode (MaxInlineSize), so C1 and C2 inline it at every
     * call site, cold ones too; the heap fallbacks are out of line.
     */

    private static int heapU8(final MemorySegment s, final long o)
    {
        return Byte.toUnsignedInt(s.get(ValueLayout.JAVA_BYTE, o));
    }

    private static int heapU16(final MemorySegment s, final long o)
    {
        return Short.toUnsignedInt(s.get(U16, o));
    }

    /** The address of [o, o + n) in a native segment; IndexOutOfBoundsException when outside it. */
    private static long at(final MemorySegment s, final long o, final int n)
    {
        return s.address() + Objects.checkFromIndexSize(o, n, s.byteSize());
    }

    /**
     * @param s segment.
     * @param o offset.
     * @return unsigned 16-bit big-endian value.
     */
    public static int u16(final MemorySegment s, final long o)
    {
        return s.isNative() ? Short.toUnsignedInt(UnsafeApi.getShortUnaligned(null, at(s, o, Short.BYTES), true)) :
            heapU16(s, o);
    }

    /**
     * @param s segment.
     * @param o offset.
     * @return 32-bit big-endian value.
     */
    public static int u32(final MemorySegment s, final long o)
    {
        return s.isNative() ? UnsafeApi.getIntUnaligned(null, at(s, o, Integer.BYTES), true) : s.get(U32, o);
    }

    /**
     * @param s segment.
     * @param o offset.
     * @return 64-bit big-endian value.
     */
    public static long u64(final MemorySegment s, final long o)
    {
        return s.isNative() ? UnsafeApi.getLongUnaligned(null, at(s, o, Long.BYTES), true) : s.get(U64, o);
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
