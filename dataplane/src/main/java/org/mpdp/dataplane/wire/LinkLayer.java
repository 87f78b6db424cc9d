package org.mpdp.dataplane.wire;

import java.lang.foreign.MemorySegment;

import org.mpdp.dataplane.capture.PcapReader;

/**
 * Picks the parser entry point for a capture's link type.
 */
public final class LinkLayer
{
    private LinkLayer()
    {
    }

    /**
     * @param linkType a pcap LINKTYPE_ value.
     * @return whether {@link #parse} understands it.
     */
    public static boolean supported(final int linkType)
    {
        return linkType == PcapReader.LINKTYPE_ETHERNET || linkType == PcapReader.LINKTYPE_LINUX_SLL ||
            linkType == PcapReader.LINKTYPE_LINUX_SLL2 || linkType == PcapReader.LINKTYPE_RAW;
    }

    /**
     * @param parser   the parser.
     * @param linkType the capture's link type ({@link #supported}).
     * @param s        segment.
     * @param frame    frame offset.
     * @param length   frame length.
     * @param out      result holder.
     * @return {@code out.status}.
     */
    public static int parse(final PacketParser parser, final int linkType, final MemorySegment s, final long frame,
        final int length, final ParsedPacket out)
    {
        return switch (linkType)
        {
            case PcapReader.LINKTYPE_LINUX_SLL -> parser.parseLinuxSll(s, frame, length, out);
            case PcapReader.LINKTYPE_LINUX_SLL2 -> parser.parseLinuxSll2(s, frame, length, out);
            case PcapReader.LINKTYPE_RAW -> parser.parseRawIp(s, frame, length, out);
            default -> parser.parseEthernet(s, frame, length, out);
        };
    }
}
