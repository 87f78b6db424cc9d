package org.mpdp.dpdk;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import org.mpdp.dpdk.ffi.rte_eth_link;

/**
 * The bit-fields of struct rte_eth_link, which jextract leaves as padding: a 16-bit word right after
 * link_speed holding link_duplex:1, link_autoneg:1, link_status:1 (masks checked by LayoutProbeTest).
 */
public final class LinkBits
{
    /** Byte offset of the bit-field word. */
    public static final long WORD_OFFSET = rte_eth_link.link_speed$offset() + Integer.BYTES;
    /** link_duplex: 1 = full duplex. */
    public static final int DUPLEX_MASK = 0x1;
    /** link_autoneg: 1 = autonegotiated. */
    public static final int AUTONEG_MASK = 0x2;
    /** link_status: 1 = up. */
    public static final int STATUS_MASK = 0x4;

    private LinkBits()
    {
    }

    /**
     * @param link a struct rte_eth_link.
     * @return the bit-field word.
     */
    public static int word(final MemorySegment link)
    {
        return Short.toUnsignedInt(link.get(ValueLayout.JAVA_SHORT_UNALIGNED, WORD_OFFSET));
    }
}
