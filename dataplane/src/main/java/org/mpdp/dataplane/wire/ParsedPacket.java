package org.mpdp.dataplane.wire;

/**
 * Everything {@link PacketParser} learned about one frame: a holder reused for every packet, so
 * parsing allocates nothing. Offsets are relative to the frame's first byte; addresses and ports
 * are numbers in host order.
 *
 * <p>Which fields are valid:
 * <ul>
 * <li>always: {@link #status}, {@link #frameLength}, {@link #capturedLength}, {@link #truncated},
 *     {@link #truncation}, {@link #fragment}, the VLAN fields and {@link #etherType};</li>
 * <li>{@link #ipVersion} != 0: the addresses, {@link #ipEnd} and {@link #ipProtocol} (for a fragment,
 *     the protocol of the fragmented packet);</li>
 * <li>{@link #tcpValid}: the TCP fields from {@link #l4Offset} to {@link #payloadCaptured}, and
 *     {@link #mptcp} holds every option that lies wholly inside the readable bytes. It is true for
 *     status {@link #TCP}; for status {@link #FRAGMENT} when the packet is a first fragment whose
 *     fragment holds the whole TCP header with its options; and for status {@link #TRUNCATED} when
 *     the cut falls inside the TCP options ({@link Truncation#TCP_OPTIONS}: the options after the cut
 *     are unknown).</li>
 * </ul>
 */
public final class ParsedPacket
{
    /** Parsed as far as TCP, options included. */
    public static final int TCP = 1;
    /** Not IPv4/IPv6, or IP but not TCP (counted, not an error). */
    public static final int NOT_TCP = 2;
    /**
     * An IP fragment ({@link #fragment} says which). A first fragment holding the whole TCP header and
     * options is parsed as TCP too ({@link #tcpValid}); its {@link #payloadLength} counts only the
     * payload bytes in this fragment. A later fragment is not parsed past the IP header.
     */
    public static final int FRAGMENT = 3;
    /** A header broke a length rule: see {@link #malformed}. */
    public static final int MALFORMED = 4;
    /**
     * The readable bytes end inside the link, IP or TCP headers or the TCP options (a snap length or
     * an mbuf chain): {@link #truncation} says where; not an error, and not counted as malformed.
     */
    public static final int TRUNCATED = 5;

    /** Not a fragment (nor an IPv6 atomic fragment, RFC 6946, which is parsed as a whole packet). */
    public static final int FRAGMENT_NONE = 0;
    /** Fragment offset 0 with more fragments to come (IPv4 MF, IPv6 M flag). */
    public static final int FRAGMENT_FIRST = 1;
    /** Fragment offset above 0: the TCP header is in the first fragment. */
    public static final int FRAGMENT_LATER = 2;

    /** One of {@link #TCP}, {@link #NOT_TCP}, {@link #FRAGMENT}, {@link #MALFORMED}, {@link #TRUNCATED}. */
    public int status;
    /** The header rule broken when {@link #status} is {@link #MALFORMED}. */
    public int malformed;

    /** The frame's length on the wire (a capture's original length, an mbuf's pkt_len). */
    public int frameLength;
    /** Bytes readable from the frame's first byte (a capture's captured length, an mbuf's contiguous bytes). */
    public int capturedLength;
    /** Whether {@link #capturedLength} is below {@link #frameLength}. */
    public boolean truncated;
    /** Where the readable bytes end, a {@link Truncation} code ({@link Truncation#NONE} when all are there). */
    public int truncation;
    /** {@link #FRAGMENT_NONE}, {@link #FRAGMENT_FIRST} or {@link #FRAGMENT_LATER}. */
    public int fragment;
    /** VLAN tags seen (0, 1 or 2). */
    public int vlanCount;
    /** Outer VLAN ID, or -1. */
    public int vlanOuter;
    /** Inner VLAN ID, or -1. */
    public int vlanInner;
    /** EtherType after any VLAN tags (or the SLL protocol). */
    public int etherType;

    /** Offset of the IP header. */
    public int l3Offset;
    /** 4 or 6. */
    public int ipVersion;
    /** IP protocol / IPv6 final next header. */
    public int ipProtocol;
    /** IPv4 source. */
    public int srcV4;
    /** IPv4 destination. */
    public int dstV4;
    /** IPv6 source, high 64 bits. */
    public long srcV6High;
    /** IPv6 source, low 64 bits. */
    public long srcV6Low;
    /** IPv6 destination, high 64 bits. */
    public long dstV6High;
    /** IPv6 destination, low 64 bits. */
    public long dstV6Low;
    /** End of the IP packet (excludes Ethernet padding). */
    public int ipEnd;

    /** Offset of the TCP header. */
    public int l4Offset;
    /** Source port. */
    public int srcPort;
    /** Destination port. */
    public int dstPort;
    /** Sequence number. */
    public int seq;
    /** Acknowledgment number. */
    public int ack;
    /** Flags byte (CWR ECE URG ACK PSH RST SYN FIN). */
    public int tcpFlags;
    /** Receive window. */
    public int window;
    /** TCP header length in bytes. */
    public int tcpHeaderLength;
    /** Offset of the TCP payload. */
    public int payloadOffset;
    /** TCP payload bytes on the wire, from the IP lengths (checked against {@link #frameLength}). */
    public int payloadLength;
    /** TCP payload bytes readable at {@link #payloadOffset}: {@link #payloadLength} unless truncated. */
    public int payloadCaptured;
    /** Whether the TCP fields are valid (see the class comment for when). */
    public boolean tcpValid;
    /** TCP options that broke a length rule (the walk stops at the first). */
    public int tcpOptionMalformed;

    /** MPTCP options of this segment. */
    public final MptcpOptions mptcp = new MptcpOptions();

    /**
     * @return whether the TCP header was parsed ({@link #tcpValid}) and carried at least one MPTCP option
     *         (valid or not).
     */
    public boolean isMptcp()
    {
        return tcpValid && mptcp.optionCount > 0;
    }

    /**
     * @return the first malformed reason of the packet, its TCP options or its MPTCP options, or 0.
     */
    public int firstMalformed()
    {
        if (status == MALFORMED)
        {
            return malformed;
        }
        return tcpOptionMalformed != Malformed.NONE ? tcpOptionMalformed : mptcp.malformed;
    }

    void reset(final int captured, final int original)
    {
        status = MALFORMED;
        malformed = Malformed.NONE;
        frameLength = original;
        capturedLength = captured;
        truncated = captured < original;
        truncation = Truncation.NONE;
        fragment = FRAGMENT_NONE;
        tcpValid = false;
        payloadCaptured = 0;
        vlanCount = 0;
        vlanOuter = -1;
        vlanInner = -1;
        etherType = 0;
        ipVersion = 0;
        ipProtocol = -1;
        tcpOptionMalformed = Malformed.NONE;
        payloadLength = 0;
        mptcp.reset();
    }
}
