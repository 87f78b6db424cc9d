package org.mpdp.dataplane.port;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import org.mpdp.dpdk.ffi.rte_mbuf;

/**
 * Static accessors over struct rte_mbuf by absolute address, in the style of a flyweight: nothing is
 * allocated per packet. Offsets come from the jextract-shaped {@link rte_mbuf} class, which
 * LayoutProbeTest checks against the C headers.
 *
 * <pre>
 *   0 buf_addr (8)   16 data_off (2)  18 refcnt (2)  20 nb_segs (2)  22 port (2)
 *  24 ol_flags (8)   32 packet_type (4)  36 pkt_len (4)  40 data_len (2)  42 vlan_tci (2)
 *  44 hash.rss (4)   54 buf_len (2)   56 pool (8)    64 next (8)
 * </pre>
 */
public final class Mbuf
{
    /** The whole address space as one segment: reads at absolute addresses, bounds checked by callers. */
    static final MemorySegment MEMORY = MemorySegment.NULL.reinterpret(Long.MAX_VALUE);

    static final long BUF_ADDR_OFFSET = rte_mbuf.buf_addr$offset();
    static final long DATA_OFF_OFFSET = rte_mbuf.data_off$offset();
    static final long NB_SEGS_OFFSET = rte_mbuf.nb_segs$offset();
    static final long PORT_OFFSET = rte_mbuf.port$offset();
    static final long PKT_LEN_OFFSET = rte_mbuf.pkt_len$offset();
    static final long DATA_LEN_OFFSET = rte_mbuf.data_len$offset();
    static final long RSS_OFFSET = rte_mbuf.hash$offset();
    static final long BUF_LEN_OFFSET = rte_mbuf.buf_len$offset();
    static final long NEXT_OFFSET = rte_mbuf.next$offset();

    private Mbuf()
    {
    }

    /**
     * @param mbuf rte_mbuf address.
     * @return address of the first packet byte (buf_addr + data_off).
     */
    public static long dataAddress(final long mbuf)
    {
        return MEMORY.get(ValueLayout.JAVA_LONG, mbuf + BUF_ADDR_OFFSET) +
            Short.toUnsignedInt(MEMORY.get(ValueLayout.JAVA_SHORT, mbuf + DATA_OFF_OFFSET));
    }

    /**
     * @param mbuf rte_mbuf address.
     * @return bytes in this segment.
     */
    public static int dataLength(final long mbuf)
    {
        return Short.toUnsignedInt(MEMORY.get(ValueLayout.JAVA_SHORT, mbuf + DATA_LEN_OFFSET));
    }

    /**
     * @param mbuf rte_mbuf address.
     * @return bytes in the whole packet (all segments).
     */
    public static int packetLength(final long mbuf)
    {
        return MEMORY.get(ValueLayout.JAVA_INT, mbuf + PKT_LEN_OFFSET);
    }

    /**
     * @param mbuf rte_mbuf address.
     * @return number of segments.
     */
    public static int segments(final long mbuf)
    {
        return Short.toUnsignedInt(MEMORY.get(ValueLayout.JAVA_SHORT, mbuf + NB_SEGS_OFFSET));
    }

    /**
     * @param mbuf rte_mbuf address (any segment of a chain).
     * @return the next segment's rte_mbuf address, or 0 after the last.
     */
    public static long next(final long mbuf)
    {
        return MEMORY.get(ValueLayout.JAVA_LONG, mbuf + NEXT_OFFSET);
    }

    /**
     * @param mbuf rte_mbuf address.
     * @return the input port.
     */
    public static int port(final long mbuf)
    {
        return Short.toUnsignedInt(MEMORY.get(ValueLayout.JAVA_SHORT, mbuf + PORT_OFFSET));
    }

    /**
     * @param mbuf rte_mbuf address.
     * @return the RSS hash the NIC computed (valid when the NIC sets RTE_MBUF_F_RX_RSS_HASH).
     */
    public static int rssHash(final long mbuf)
    {
        return MEMORY.get(ValueLayout.JAVA_INT, mbuf + RSS_OFFSET);
    }

    /**
     * @param mbuf rte_mbuf address.
     * @return bytes of room from the data start to the end of the buffer.
     */
    public static int tailroomFromData(final long mbuf)
    {
        return Short.toUnsignedInt(MEMORY.get(ValueLayout.JAVA_SHORT, mbuf + BUF_LEN_OFFSET)) -
            Short.toUnsignedInt(MEMORY.get(ValueLayout.JAVA_SHORT, mbuf + DATA_OFF_OFFSET));
    }

    /**
     * Sets a single-segment mbuf's length (data_len and pkt_len), for packets mpdp builds.
     *
     * @param mbuf   rte_mbuf address.
     * @param length bytes of packet data, at most {@link #tailroomFromData}.
     */
    public static void setLength(final long mbuf, final int length)
    {
        MEMORY.set(ValueLayout.JAVA_SHORT, mbuf + DATA_LEN_OFFSET, (short)length);
        MEMORY.set(ValueLayout.JAVA_INT, mbuf + PKT_LEN_OFFSET, length);
    }

    /**
     * A view of the packet's first segment. Allocates a segment object: for tests and the control
     * plane; the packet path uses {@link Packet}.
     *
     * @param mbuf rte_mbuf address.
     * @return the bytes, in place.
     */
    public static MemorySegment data(final long mbuf)
    {
        return MemorySegment.ofAddress(dataAddress(mbuf)).reinterpret(dataLength(mbuf));
    }
}
