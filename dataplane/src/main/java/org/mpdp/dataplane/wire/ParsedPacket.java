package org.mpdp.dataplane.wire;

/**
 * Everything {@link PacketParser} learned about one frame: a holder reused for every packet, so
 * parsing allocates nothing. Offsets are relative to the frame's first byte; addresses and ports
 * are numbers in host order.
 */
public final class ParsedPacket
{
    /** Parsed as far as TCP, options included. */
    public static final int TCP = 1;
    /** Not IPv4/IPv6, or IP but not TCP (counted, not an error). */
    public static final int NOT_TCP = 2;
    /** An IP fragment: flagged, not parsed as TCP. */
    public static final int FRAGMENT = 3;
    /** A header broke a length rule: see {@link #malformed}. */
    public static final int MALFORMED = 4;

    /** One of {@link #TCP}, {@link #NOT_TCP}, {@link #FRAGMENT}, {@link #MALFORMED}. */
    public int status;
    /** The header rule broken when {@link #status} is {@link #MALFORMED}. */
    public int malformed;

    /** Bytes parsed (the frame length given). */
    public int frameLength;
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
    /** TCP payload bytes. */
    public int payloadLength;
    /** TCP options that broke a length rule (the walk stops at the first). */
    public int tcpOptionMalformed;

    /** MPTCP options of this segment. */
    public final MptcpOptions mptcp = new MptcpOptions();

    /**
     * @return whether the segment carried at least one MPTCP option (valid or not).
     */
    public boolean isMptcp()
    {
        return status == TCP && mptcp.optionCount > 0;
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

    void reset(final int length)
    {
        status = MALFORMED;
        malformed = Malformed.NONE;
        frameLength = length;
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
