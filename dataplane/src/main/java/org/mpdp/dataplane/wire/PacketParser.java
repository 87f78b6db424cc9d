package org.mpdp.dataplane.wire;

import static org.mpdp.dataplane.wire.Bytes.u16;
import static org.mpdp.dataplane.wire.Bytes.u64;
import static org.mpdp.dataplane.wire.Bytes.u8;

import java.lang.foreign.MemorySegment;

/**
 * Parses a frame in place: Ethernet (802.1Q / QinQ), IPv4 with options or IPv6 with extension
 * headers, TCP and its option list, and every MPTCP option in it. Each header's length is checked
 * against what is left of the frame before a field is read; a broken rule ends parsing with a
 * {@link Malformed} code and a count, never an exception or a read past the frame.
 *
 * <p>A frame has two lengths: the bytes readable (a capture's captured length, an mbuf chain's
 * contiguous bytes) and its length on the wire. Length rules are checked against the wire length,
 * reads never reach the readable end; a cut inside the headers is {@link ParsedPacket#TRUNCATED}
 * with a {@link Truncation} code, counted apart from malformed frames. IP fragments are flagged
 * ({@link ParsedPacket#fragment}); a first fragment is still parsed as TCP when its fragment holds the
 * whole TCP header.
 */
public final class PacketParser
{
    /** EtherType IPv4. */
    public static final int ETHERTYPE_IPV4 = 0x0800;
    /** EtherType IPv6. */
    public static final int ETHERTYPE_IPV6 = 0x86DD;
    /** 802.1Q tag. */
    public static final int ETHERTYPE_VLAN = 0x8100;
    /** 802.1ad service tag. */
    public static final int ETHERTYPE_QINQ = 0x88A8;
    /** Pre-standard QinQ tag. */
    public static final int ETHERTYPE_QINQ_OLD = 0x9100;
    /** IP protocol TCP. */
    public static final int PROTO_TCP = 6;

    static final int ETH_HEADER_LENGTH = 14;
    static final int VLAN_TAG_LENGTH = 4;
    static final int SLL_HEADER_LENGTH = 16;
    static final int SLL2_HEADER_LENGTH = 20;
    static final int IPV4_MIN_HEADER_LENGTH = 20;
    static final int IPV6_HEADER_LENGTH = 40;
    static final int TCP_MIN_HEADER_LENGTH = 20;
    static final int MAX_IPV6_EXTENSIONS = 8;
    /** IPv6 Fragment header next-header value (RFC 8200 4.5). */
    static final int IPV6_FRAGMENT_HEADER = 44;
    /** IPv6 Fragment header: next header, reserved, offset and M flag, identification. */
    static final int IPV6_FRAGMENT_HEADER_LENGTH = 8;
    /** IPv4 fragment offset, in 8-byte units, in the flags/offset word (RFC 791 3.1). */
    static final int IPV4_FRAGMENT_OFFSET_MASK = 0x1FFF;

    /** Packets per {@link Malformed} code, indexed by code. */
    private final long[] malformedCounts = new long[Malformed.COUNT];
    /** Frames per {@link Truncation} code, indexed by code. */
    private final long[] truncatedCounts = new long[Truncation.COUNT];

    /**
     * Parses an Ethernet frame whose bytes are all readable.
     *
     * @param s      segment holding the frame.
     * @param frame  offset of the frame's first byte.
     * @param length frame length.
     * @param out    reused result holder.
     * @return {@code out.status}.
     */
    public int parseEthernet(final MemorySegment s, final long frame, final int length, final ParsedPacket out)
    {
        return parseEthernet(s, frame, length, length, out);
    }

    /**
     * Parses an Ethernet frame of which only the first {@code captured} bytes are readable (a snap
     * length, or the contiguous part of an mbuf chain). Header lengths are checked against
     * {@code original}; no byte at or past {@code captured} is read; a cut inside the headers gives
     * {@link ParsedPacket#TRUNCATED}, a cut inside the payload gives {@link ParsedPacket#TCP} with
     * {@link ParsedPacket#payloadCaptured} below {@link ParsedPacket#payloadLength}.
     *
     * @param s        segment holding the frame.
     * @param frame    offset of the frame's first byte.
     * @param captured bytes readable from {@code frame}.
     * @param original the frame's length on the wire (taken as {@code captured} when below it).
     * @param out      reused result holder.
     * @return {@code out.status}.
     */
    public int parseEthernet(final MemorySegment s, final long frame, final int captured, final int original,
        final ParsedPacket out)
    {
        final int length = Math.max(captured, original);
        out.reset(captured, length);
        if (length < ETH_HEADER_LENGTH)
        {
            return malformed(out, Malformed.ETH_TRUNCATED);
        }
        if (captured < ETH_HEADER_LENGTH)
        {
            return cut(out, Truncation.LINK_HEADER);
        }
        int offset = 12;
        int type = u16(s, frame + offset);
        while (type == ETHERTYPE_VLAN || type == ETHERTYPE_QINQ || type == ETHERTYPE_QINQ_OLD)
        {
            if (out.vlanCount == 2 || offset + 2 + VLAN_TAG_LENGTH > length)
            {
                return malformed(out, Malformed.VLAN_TRUNCATED);
            }
            if (offset + 2 + VLAN_TAG_LENGTH > captured)
            {
                return cut(out, Truncation.LINK_HEADER);
            }
            final int vid = u16(s, frame + offset + 2) & 0x0FFF;
            if (out.vlanCount == 0)
            {
                out.vlanOuter = vid;
            }
            else
            {
                out.vlanInner = vid;
            }
            out.vlanCount++;
            offset += VLAN_TAG_LENGTH;
            type = u16(s, frame + offset);
        }
        return parseL3(s, frame, offset + 2, type, length, out);
    }

    /**
     * Parses a Linux cooked capture (LINKTYPE_LINUX_SLL, 16-byte header) frame.
     *
     * @param s      segment.
     * @param frame  offset of the frame.
     * @param length frame length.
     * @param out    result holder.
     * @return {@code out.status}.
     */
    public int parseLinuxSll(final MemorySegment s, final long frame, final int length, final ParsedPacket out)
    {
        return parseLinuxSll(s, frame, length, length, out);
    }

    /**
     * Parses a Linux cooked capture (LINKTYPE_LINUX_SLL) frame cut to {@code captured} bytes, as
     * {@link #parseEthernet(MemorySegment, long, int, int, ParsedPacket)} does.
     *
     * @param s        segment.
     * @param frame    offset of the frame.
     * @param captured bytes readable.
     * @param original length on the wire.
     * @param out      result holder.
     * @return {@code out.status}.
     */
    public int parseLinuxSll(final MemorySegment s, final long frame, final int captured, final int original,
        final ParsedPacket out)
    {
        final int length = Math.max(captured, original);
        out.reset(captured, length);
        if (length < SLL_HEADER_LENGTH)
        {
            return malformed(out, Malformed.ETH_TRUNCATED);
        }
        if (captured < SLL_HEADER_LENGTH)
        {
            return cut(out, Truncation.LINK_HEADER);
        }
        return parseL3(s, frame, SLL_HEADER_LENGTH, u16(s, frame + 14), length, out);
    }

    /**
     * Parses a Linux cooked capture v2 (LINKTYPE_LINUX_SLL2, 20-byte header) frame.
     *
     * @param s      segment.
     * @param frame  offset of the frame.
     * @param length frame length.
     * @param out    result holder.
     * @return {@code out.status}.
     */
    public int parseLinuxSll2(final MemorySegment s, final long frame, final int length, final ParsedPacket out)
    {
        return parseLinuxSll2(s, frame, length, length, out);
    }

    /**
     * Parses a Linux cooked capture v2 frame cut to {@code captured} bytes.
     *
     * @param s        segment.
     * @param frame    offset of the frame.
     * @param captured bytes readable.
     * @param original length on the wire.
     * @param out      result holder.
     * @return {@code out.status}.
     */
    public int parseLinuxSll2(final MemorySegment s, final long frame, final int captured, final int original,
        final ParsedPacket out)
    {
        final int length = Math.max(captured, original);
        out.reset(captured, length);
        if (length < SLL2_HEADER_LENGTH)
        {
            return malformed(out, Malformed.ETH_TRUNCATED);
        }
        if (captured < SLL2_HEADER_LENGTH)
        {
            return cut(out, Truncation.LINK_HEADER);
        }
        return parseL3(s, frame, SLL2_HEADER_LENGTH, u16(s, frame), length, out);
    }

    /**
     * Parses a raw IP packet (LINKTYPE_RAW): version from the first nibble.
     *
     * @param s      segment.
     * @param frame  offset of the packet.
     * @param length packet length.
     * @param out    result holder.
     * @return {@code out.status}.
     */
    public int parseRawIp(final MemorySegment s, final long frame, final int length, final ParsedPacket out)
    {
        return parseRawIp(s, frame, length, length, out);
    }

    /**
     * Parses a raw IP packet cut to {@code captured} bytes.
     *
     * @param s        segment.
     * @param frame    offset of the packet.
     * @param captured bytes readable.
     * @param original length on the wire.
     * @param out      result holder.
     * @return {@code out.status}.
     */
    public int parseRawIp(final MemorySegment s, final long frame, final int captured, final int original,
        final ParsedPacket out)
    {
        final int length = Math.max(captured, original);
        out.reset(captured, length);
        if (length < 1)
        {
            return malformed(out, Malformed.IPV4_TRUNCATED);
        }
        if (captured < 1)
        {
            return cut(out, Truncation.IP_HEADER);
        }
        final int version = u8(s, frame) >>> 4;
        return parseL3(s, frame, 0, version == 6 ? ETHERTYPE_IPV6 : ETHERTYPE_IPV4, length, out);
    }

    private int parseL3(final MemorySegment s, final long frame, final int l3, final int type, final int length,
        final ParsedPacket out)
    {
        out.etherType = type;
        out.l3Offset = l3;
        if (type == ETHERTYPE_IPV4)
        {
            return parseIpv4(s, frame, l3, length, out);
        }
        if (type == ETHERTYPE_IPV6)
        {
            return parseIpv6(s, frame, l3, length, out);
        }
        out.status = ParsedPacket.NOT_TCP;
        return out.status;
    }

    /** RFC 791 3.1; lengths against the wire length, reads within the captured bytes. */
    private int parseIpv4(final MemorySegment s, final long frame, final int l3, final int length, final ParsedPacket out)
    {
        final int captured = out.capturedLength;
        if (length - l3 < IPV4_MIN_HEADER_LENGTH)
        {
            return malformed(out, Malformed.IPV4_TRUNCATED);
        }
        if (captured - l3 < IPV4_MIN_HEADER_LENGTH)
        {
            return cut(out, Truncation.IP_HEADER);
        }
        final int versionIhl = u8(s, frame + l3);
        final int headerLength = (versionIhl & 0x0F) * 4;
        if (versionIhl >>> 4 != 4 || headerLength < IPV4_MIN_HEADER_LENGTH || l3 + headerLength > length)
        {
            return malformed(out, Malformed.IPV4_BAD_HEADER_LENGTH);
        }
        final int totalLength = u16(s, frame + l3 + 2);
        if (totalLength < headerLength || l3 + totalLength > length)
        {
            return malformed(out, Malformed.IPV4_BAD_TOTAL_LENGTH);
        }
        final long fragTtlProto = u64(s, frame + l3 + 4);
        final long addresses = u64(s, frame + l3 + 12);
        out.ipVersion = 4;
        out.ipProtocol = (int)(fragTtlProto >>> 16) & 0xFF;
        out.srcV4 = (int)(addresses >>> 32);
        out.dstV4 = (int)addresses;
        out.ipEnd = l3 + totalLength;
        // Flags and fragment offset (RFC 791 3.1): MF 0x2000, offset in 8-byte units 0x1FFF.
        final int fragment = (int)(fragTtlProto >>> 32) & 0x3FFF;
        if ((fragment & IPV4_FRAGMENT_OFFSET_MASK) != 0)
        {
            return laterFragment(out);
        }
        out.fragment = fragment != 0 ? ParsedPacket.FRAGMENT_FIRST : ParsedPacket.FRAGMENT_NONE;
        if (l3 + headerLength > captured)
        {
            return cut(out, Truncation.IP_HEADER);
        }
        return out.ipProtocol == PROTO_TCP ? parseTcp(s, frame, l3 + headerLength, out) : notTcp(out);
    }

    /** RFC 8200 3 and 4; lengths against the wire length, reads within the captured bytes. */
    private int parseIpv6(final MemorySegment s, final long frame, final int l3, final int length, final ParsedPacket out)
    {
        if (length - l3 < IPV6_HEADER_LENGTH)
        {
            return malformed(out, Malformed.IPV6_TRUNCATED);
        }
        if (out.capturedLength - l3 < IPV6_HEADER_LENGTH)
        {
            return cut(out, Truncation.IP_HEADER);
        }
        if (u8(s, frame + l3) >>> 4 != 6)
        {
            return malformed(out, Malformed.IPV6_TRUNCATED);
        }
        final int payloadLength = u16(s, frame + l3 + 4);
        if (l3 + IPV6_HEADER_LENGTH + payloadLength > length)
        {
            return malformed(out, Malformed.IPV6_BAD_PAYLOAD_LENGTH);
        }
        out.ipVersion = 6;
        out.srcV6High = u64(s, frame + l3 + 8);
        out.srcV6Low = u64(s, frame + l3 + 16);
        out.dstV6High = u64(s, frame + l3 + 24);
        out.dstV6Low = u64(s, frame + l3 + 32);
        out.ipEnd = l3 + IPV6_HEADER_LENGTH + payloadLength;
        return walkIpv6Extensions(s, frame, u8(s, frame + l3 + 6), l3 + IPV6_HEADER_LENGTH, out);
    }

    /** RFC 8200 4: follows the extension headers to TCP; at most {@link #MAX_IPV6_EXTENSIONS}. */
    private int walkIpv6Extensions(final MemorySegment s, final long frame, final int firstNext, final int start,
        final ParsedPacket out)
    {
        final int captured = out.capturedLength;
        int next = firstNext;
        int offset = start;
        for (int i = 0; i <= MAX_IPV6_EXTENSIONS; i++)
        {
            final int extLength;
            switch (next)
            {
                case 0, 43, 60 -> // hop-by-hop, routing, destination options: (len + 1) * 8 bytes
                {
                    if (offset + 2 > out.ipEnd)
                    {
                        return malformed(out, Malformed.IPV6_BAD_EXTENSION);
                    }
                    if (offset + 2 > captured)
                    {
                        return cut(out, Truncation.IP_HEADER);
                    }
                    extLength = (u8(s, frame + offset + 1) + 1) * 8;
                }
                case 51 -> // authentication header: (len + 2) * 4 bytes (RFC 4302 2.2)
                {
                    if (offset + 2 > out.ipEnd)
                    {
                        return malformed(out, Malformed.IPV6_BAD_EXTENSION);
                    }
                    if (offset + 2 > captured)
                    {
                        return cut(out, Truncation.IP_HEADER);
                    }
                    extLength = (u8(s, frame + offset + 1) + 2) * 4;
                }
                case IPV6_FRAGMENT_HEADER -> // RFC 8200 4.5: 8 bytes, offset in the top 13 bits, M the lowest
                {
                    if (offset + IPV6_FRAGMENT_HEADER_LENGTH > out.ipEnd)
                    {
                        return malformed(out, Malformed.IPV6_BAD_EXTENSION);
                    }
                    if (offset + IPV6_FRAGMENT_HEADER_LENGTH > captured)
                    {
                        return cut(out, Truncation.IP_HEADER);
                    }
                    final int offsetFlags = u16(s, frame + offset + 2);
                    if (offsetFlags >>> 3 != 0)
                    {
                        out.ipProtocol = u8(s, frame + offset);
                        return laterFragment(out);
                    }
                    // Offset 0: the first fragment if M is set; an atomic fragment (RFC 6946) otherwise,
                    // which is processed as a whole packet.
                    if ((offsetFlags & 1) != 0)
                    {
                        out.fragment = ParsedPacket.FRAGMENT_FIRST;
                    }
                    extLength = IPV6_FRAGMENT_HEADER_LENGTH;
                }
                default ->
                {
                    out.ipProtocol = next;
                    return next == PROTO_TCP ? parseTcp(s, frame, offset, out) : notTcp(out);
                }
            }
            if (offset + extLength > out.ipEnd)
            {
                return malformed(out, Malformed.IPV6_BAD_EXTENSION);
            }
            next = u8(s, frame + offset);
            offset += extLength;
        }
        return malformed(out, Malformed.IPV6_BAD_EXTENSION);
    }

    private static int laterFragment(final ParsedPacket out)
    {
        out.fragment = ParsedPacket.FRAGMENT_LATER;
        out.status = ParsedPacket.FRAGMENT;
        return out.status;
    }

    /**
     * RFC 9293 3.1. In a first fragment a TCP header that does not fit the fragment is not an error
     * (it continues in the next fragment): status FRAGMENT with {@code tcpValid} false.
     */
    private int parseTcp(final MemorySegment s, final long frame, final int l4, final ParsedPacket out)
    {
        final int end = out.ipEnd;
        final boolean firstFragment = out.fragment == ParsedPacket.FRAGMENT_FIRST;
        if (end - l4 < TCP_MIN_HEADER_LENGTH)
        {
            return firstFragment ? fragmentStatus(out) : malformed(out, Malformed.TCP_TRUNCATED);
        }
        final int captured = out.capturedLength;
        if (captured - l4 < TCP_MIN_HEADER_LENGTH)
        {
            return cut(out, Truncation.TCP_HEADER);
        }
        final int headerLength = (u8(s, frame + l4 + 12) >>> 4) * 4;
        if (headerLength < TCP_MIN_HEADER_LENGTH)
        {
            return malformed(out, Malformed.TCP_BAD_DATA_OFFSET);
        }
        if (l4 + headerLength > end)
        {
            return firstFragment ? fragmentStatus(out) : malformed(out, Malformed.TCP_BAD_DATA_OFFSET);
        }
        // Two 8-byte reads cover ports, sequence, acknowledgment, offset, flags and window.
        final long portsSeq = u64(s, frame + l4);
        final long ackFlags = u64(s, frame + l4 + 8);
        out.l4Offset = l4;
        out.srcPort = (int)(portsSeq >>> 48);
        out.dstPort = (int)(portsSeq >>> 32) & 0xFFFF;
        out.seq = (int)portsSeq;
        out.ack = (int)(ackFlags >>> 32);
        out.tcpFlags = (int)(ackFlags >>> 16) & 0xFF;
        out.window = (int)ackFlags & 0xFFFF;
        out.tcpHeaderLength = headerLength;
        out.payloadOffset = l4 + headerLength;
        out.payloadLength = end - out.payloadOffset;
        out.payloadCaptured = Math.max(0, Math.min(captured, end) - out.payloadOffset);
        out.tcpValid = true;
        out.status = ParsedPacket.TCP;
        final int optionsEnd = l4 + headerLength;
        final int readable = Math.min(optionsEnd, captured);
        TcpOptionWalker.walk(s, frame, l4 + TCP_MIN_HEADER_LENGTH, optionsEnd, readable, out, malformedCounts);
        if (readable < optionsEnd)
        {
            return cut(out, Truncation.TCP_OPTIONS);
        }
        if (out.payloadCaptured < out.payloadLength)
        {
            truncatedCounts[Truncation.PAYLOAD]++;
            out.truncation = Truncation.PAYLOAD;
        }
        return firstFragment ? fragmentStatus(out) : out.status;
    }

    private static int fragmentStatus(final ParsedPacket out)
    {
        out.status = ParsedPacket.FRAGMENT;
        return out.status;
    }

    private int cut(final ParsedPacket out, final int where)
    {
        truncatedCounts[where]++;
        out.truncation = where;
        out.status = ParsedPacket.TRUNCATED;
        return out.status;
    }

    private int notTcp(final ParsedPacket out)
    {
        out.status = out.fragment == ParsedPacket.FRAGMENT_NONE ? ParsedPacket.NOT_TCP : ParsedPacket.FRAGMENT;
        return out.status;
    }

    private int malformed(final ParsedPacket out, final int reason)
    {
        malformedCounts[reason]++;
        out.malformed = reason;
        out.status = ParsedPacket.MALFORMED;
        return out.status;
    }

    /**
     * @param reason a {@link Malformed} code.
     * @return how many packets or options were rejected for it.
     */
    public long malformedCount(final int reason)
    {
        return malformedCounts[reason];
    }

    /**
     * @param where a {@link Truncation} code.
     * @return how many frames were cut there (for {@link Truncation#PAYLOAD}: parsed, payload cut).
     */
    public long truncatedCount(final int where)
    {
        return truncatedCounts[where];
    }
}
