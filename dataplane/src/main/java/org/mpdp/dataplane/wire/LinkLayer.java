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
        return parse(parser, linkType, s, frame, length, length, out);
    }

    /**
     * Parses a frame of which {@code captured} of {@code original} bytes are present (a snap length).
     *
     * @param parser   the parser.
     * @param linkType the capture's link type ({@link #supported}).
     * @param s        segment.
     * @param frame    frame offset.
     * @param captured bytes present (the record's captured length).
     * @param original length on the wire (the record's original length).
     * @param out      result holder.
     * @return {@code out.status}.
     */
    public static int parse(final PacketParser parser, final int linkType, final MemorySegment s, final long frame,
        final int captured, final int original, final ParsedPacket out)
    {
        return switch (linkType)
        {
            case PcapReader.LINKTYPE_LINUX_SLL -> parser.parseLinuxSll(s, frame, captured, original, out);
            case PcapReader.LINKTYPE_LINUX_SLL2 -> parser.parseLinuxSll2(s, frame, captured, original, out);
            case PcapReader.LINKTYPE_RAW -> parser.parseRawIp(s, frame, captured, original, out);
            default -> parser.parseEthernet(s, frame, captured, original, out);
        };
    }
}
