package org.mpdp.dataplane.port;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * A reusable, zero-copy view of one received packet's bytes inside its mbuf. {@link #wrap(long)}
 * re-points the same object at the next mbuf, so reading a burst allocates nothing. Reads are
 * checked against the segment length; multi-byte reads are network byte order.
 */
public final class Packet
{
    private static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfLong U64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    private long mbuf;
    private long address;
    private int length;

    /**
     * Points this view at an mbuf's first segment.
     *
     * @param mbuf rte_mbuf address.
     * @return this.
     */
    public Packet wrap(final long mbuf)
    {
        this.mbuf = mbuf;
        this.address = Mbuf.dataAddress(mbuf);
        this.length = Mbuf.dataLength(mbuf);
        return this;
    }

    /**
     * @return the mbuf this view reads.
     */
    public long mbuf()
    {
        return mbuf;
    }

    /**
     * @return bytes readable.
     */
    public int length()
    {
        return length;
    }

    /**
     * @return address of byte 0.
     */
    public long address()
    {
        return address;
    }

    private long at(final int offset, final int size)
    {
        if (offset < 0 || offset > length - size)
        {
            throw new IndexOutOfBoundsException("offset=" + offset + " size=" + size + " length=" + length);
        }
        return address + offset;
    }

    /**
     * @param offset byte offset.
     * @return unsigned byte.
     */
    public int u8(final int offset)
    {
        return Byte.toUnsignedInt(Mbuf.MEMORY.get(ValueLayout.JAVA_BYTE, at(offset, 1)));
    }

    /**
     * @param offset byte offset.
     * @return unsigned 16-bit big-endian value.
     */
    public int u16(final int offset)
    {
        return Short.toUnsignedInt(Mbuf.MEMORY.get(U16, at(offset, 2)));
    }

    /**
     * @param offset byte offset.
     * @return 32-bit big-endian value.
     */
    public int u32(final int offset)
    {
        return Mbuf.MEMORY.get(U32, at(offset, 4));
    }

    /**
     * @param offset byte offset.
     * @return 64-bit big-endian value.
     */
    public long u64(final int offset)
    {
        return Mbuf.MEMORY.get(U64, at(offset, 8));
    }

    /**
     * Copies the bytes out (for tests and mirroring, not the fast path).
     *
     * @return a new array.
     */
    public byte[] toArray()
    {
        return MemorySegment.ofAddress(address).reinterpret(length).toArray(ValueLayout.JAVA_BYTE);
    }
}
