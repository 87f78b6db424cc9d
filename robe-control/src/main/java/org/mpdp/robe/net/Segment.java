package org.mpdp.robe.net;

import java.nio.ByteOrder;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * A received frame, parsed in place (a flyweight over the mbuf's bytes, reused for every frame): ARP, or IPv4 +
 * TCP with the MPTCP options a client needs. Valid until the next {@link #wrap}; the payload is copied out with
 * {@link #copyPayload} before the mbuf is freed.
 */
public final class Segment
{
    /** Not something this stack handles. */
    public static final int OTHER = 0;
    /** An ARP request. */
    public static final int ARP_REQUEST = 1;
    /** An ARP reply. */
    public static final int ARP_REPLY = 2;
    /** An IPv4 TCP segment. */
    public static final int TCP = 3;

    private static final ByteOrder NET = ByteOrder.BIG_ENDIAN;
    private final UnsafeBuffer frame = new UnsafeBuffer(0, 0);
    private int optionsOffset;
    private int optionsLength;

    private int type;
    private long arpSenderMac;
    private int arpSender;
    private int arpTarget;
    private int src;
    private int dst;
    private int sport;
    private int dport;
    private int seq;
    private int ack;
    private int flags;
    private int window;
    private int payloadOffset;
    private int payloadLength;
    private long srcMac;
    private int mss;

    // MPTCP options (RFC 8684 §3): which were present and their fields.
    private boolean mpc;
    private int mpcKeys;
    private long mpcKey1;
    private long mpcKey2;
    private boolean join;
    private int joinLength;
    private long joinThmac;
    private int joinNonce;
    private int joinToken;
    private boolean dss;
    private int dssFlags;
    private long dataAck;
    private long dsn;
    private int ssn;
    private int dataLength;
    private boolean mpTcpRst;
    private boolean fastClose;
    private boolean addAddr;

    /**
     * Parses a frame.
     *
     * @param address first byte.
     * @param length  bytes.
     * @return the type ({@link #TCP}, {@link #ARP_REQUEST}, ...).
     */
    public int wrap(final long address, final int length)
    {
        frame.wrap(address, length);
        return parse(length);
    }

    /**
     * Parses a frame in a heap array (tests).
     *
     * @param bytes  the frame.
     * @param length bytes.
     * @return the type.
     */
    public int wrap(final byte[] bytes, final int length)
    {
        frame.wrap(bytes, 0, length);
        return parse(length);
    }

    private int parse(final int length)
    {
        type = OTHER;
        mpc = join = dss = mpTcpRst = fastClose = addAddr = false;
        mss = 0;
        if (length < Frames.ETH_LENGTH + 28)
        {
            return type;
        }
        srcMac = mac(6);
        final int etherType = frame.getShort(12, NET) & 0xFFFF;
        if (etherType == 0x0806)
        {
            final int oper = frame.getShort(Frames.ETH_LENGTH + 6, NET);
            arpSenderMac = mac(Frames.ETH_LENGTH + 8);
            arpSender = frame.getInt(Frames.ETH_LENGTH + 14, NET);
            arpTarget = frame.getInt(Frames.ETH_LENGTH + 24, NET);
            type = oper == 1 ? ARP_REQUEST : oper == 2 ? ARP_REPLY : OTHER;
            return type;
        }
        if (etherType != 0x0800)
        {
            return type;
        }
        final int e = Frames.ETH_LENGTH;
        final int ihl = (frame.getByte(e) & 0x0F) * 4;
        final int total = frame.getShort(e + 2, NET) & 0xFFFF;
        final boolean fragment = (frame.getShort(e + 6, NET) & 0x3FFF) != 0;
        if ((frame.getByte(e) & 0xF0) != 0x40 || ihl < 20 || total > length - e || frame.getByte(e + 9) != 6 ||
            fragment || total < ihl + Frames.TCP_LENGTH)
        {
            return type;
        }
        src = frame.getInt(e + 12, NET);
        dst = frame.getInt(e + 16, NET);
        final int t = e + ihl;
        sport = frame.getShort(t, NET) & 0xFFFF;
        dport = frame.getShort(t + 2, NET) & 0xFFFF;
        seq = frame.getInt(t + 4, NET);
        ack = frame.getInt(t + 8, NET);
        final int offsetFlags = frame.getShort(t + 12, NET) & 0xFFFF;
        flags = offsetFlags & 0x3F;
        window = frame.getShort(t + 14, NET) & 0xFFFF;
        final int dataOffset = (offsetFlags >>> 12) * 4;
        if (dataOffset < Frames.TCP_LENGTH || t + dataOffset > e + total)
        {
            return type;
        }
        payloadOffset = t + dataOffset;
        payloadLength = e + total - payloadOffset;
        optionsOffset = t + Frames.TCP_LENGTH;
        optionsLength = dataOffset - Frames.TCP_LENGTH;
        options(t + Frames.TCP_LENGTH, t + dataOffset);
        type = TCP;
        return type;
    }

    /** The option walker: EOL ends, NOP is one byte, a length under 2 or past the header ends the walk. */
    private void options(final int from, final int end)
    {
        int i = from;
        while (i < end)
        {
            final int kind = frame.getByte(i) & 0xFF;
            if (kind == 0)
            {
                return;
            }
            if (kind == 1)
            {
                i++;
                continue;
            }
            if (i + 1 >= end)
            {
                return;
            }
            final int len = frame.getByte(i + 1) & 0xFF;
            if (len < 2 || i + len > end)
            {
                return;
            }
            if (kind == 2 && len == 4)
            {
                mss = frame.getShort(i + 2, NET) & 0xFFFF;
            }
            else if (kind == Options.KIND_MPTCP && len >= 3)
            {
                mptcp(i, len);
            }
            i += len;
        }
    }

    private void mptcp(final int at, final int len)
    {
        final int subtype = (frame.getByte(at + 2) & 0xF0) >>> 4;
        switch (subtype)
        {
            case 0 -> // MP_CAPABLE: 4, 12, 20, 22 (24 with checksum)
            {
                mpc = true;
                mpcKeys = len >= 20 ? 2 : len >= 12 ? 1 : 0;
                mpcKey1 = mpcKeys > 0 ? frame.getLong(at + 4, NET) : 0;
                mpcKey2 = mpcKeys > 1 ? frame.getLong(at + 12, NET) : 0;
            }
            case 1 -> // MP_JOIN
            {
                join = true;
                joinLength = len;
                if (len == 12)
                {
                    joinToken = frame.getInt(at + 4, NET);
                    joinNonce = frame.getInt(at + 8, NET);
                }
                else if (len == 16)
                {
                    joinThmac = frame.getLong(at + 4, NET);
                    joinNonce = frame.getInt(at + 12, NET);
                }
            }
            case 2 -> dss(at, len);
            case 3 -> addAddr = true;
            case 7 -> fastClose = true;
            case 8 -> mpTcpRst = true;
            default ->
            {
            }
        }
    }

    /** DSS (RFC 8684 §3.3): flags, then DATA_ACK (4/8), then DSN (4/8), subflow seq, data-level length. */
    private void dss(final int at, final int len)
    {
        final int f = frame.getByte(at + 3) & 0x1F;
        int i = at + 4;
        final int need = 4 + ((f & Options.DSS_DATA_ACK) != 0 ? (f & Options.DSS_DATA_ACK8) != 0 ? 8 : 4 : 0) +
            ((f & Options.DSS_MAP) != 0 ? ((f & Options.DSS_DSN8) != 0 ? 8 : 4) + 6 : 0);
        if (len < need)
        {
            return;
        }
        dss = true;
        dssFlags = f;
        if ((f & Options.DSS_DATA_ACK) != 0)
        {
            if ((f & Options.DSS_DATA_ACK8) != 0)
            {
                dataAck = frame.getLong(i, NET);
                i += 8;
            }
            else
            {
                dataAck = frame.getInt(i, NET) & 0xFFFF_FFFFL;
                i += 4;
            }
        }
        if ((f & Options.DSS_MAP) != 0)
        {
            if ((f & Options.DSS_DSN8) != 0)
            {
                dsn = frame.getLong(i, NET);
                i += 8;
            }
            else
            {
                dsn = frame.getInt(i, NET) & 0xFFFF_FFFFL;
                i += 4;
            }
            ssn = frame.getInt(i, NET);
            dataLength = frame.getShort(i + 4, NET) & 0xFFFF;
        }
    }

    /**
     * Copies payload bytes out.
     *
     * @param from   first payload byte to copy (0 = the first).
     * @param dst    destination.
     * @param offset where in it.
     * @param length bytes.
     */
    public void copyPayload(final int from, final byte[] dst, final int offset, final int length)
    {
        frame.getBytes(payloadOffset + from, dst, offset, length);
    }

    private long mac(final int offset)
    {
        return (long)(frame.getShort(offset, NET) & 0xFFFF) << 32 | frame.getInt(offset + 2, NET) & 0xFFFF_FFFFL;
    }

    /** @return the frame as parsed (read only). */
    public org.agrona.DirectBuffer buffer()
    {
        return frame;
    }

    /** @return offset in {@link #buffer()} of the TCP options (for options this parser does not know, e.g. eSIM). */
    public int optionsOffset()
    {
        return optionsOffset;
    }

    /** @return bytes of TCP options. */
    public int optionsLength()
    {
        return optionsLength;
    }

    /** @return the frame type. */
    public int type()
    {
        return type;
    }

    /** @return Ethernet source. */
    public long srcMac()
    {
        return srcMac;
    }

    /** @return ARP sender hardware address. */
    public long arpSenderMac()
    {
        return arpSenderMac;
    }

    /** @return ARP sender protocol address. */
    public int arpSender()
    {
        return arpSender;
    }

    /** @return ARP target protocol address. */
    public int arpTarget()
    {
        return arpTarget;
    }

    /** @return IPv4 source, host order. */
    public int src()
    {
        return src;
    }

    /** @return IPv4 destination. */
    public int dst()
    {
        return dst;
    }

    /** @return TCP source port. */
    public int sport()
    {
        return sport;
    }

    /** @return TCP destination port. */
    public int dport()
    {
        return dport;
    }

    /** @return sequence number. */
    public int seq()
    {
        return seq;
    }

    /** @return acknowledgment number. */
    public int ack()
    {
        return ack;
    }

    /** @return TCP flags. */
    public int flags()
    {
        return flags;
    }

    /**
     * @param flag one of {@link Frames#SYN}, ...
     * @return whether set.
     */
    public boolean has(final int flag)
    {
        return (flags & flag) != 0;
    }

    /** @return the MSS option, or 0. */
    public int mss()
    {
        return mss;
    }

    /** @return the peer's window. */
    public int window()
    {
        return window;
    }

    /** @return payload bytes. */
    public int payloadLength()
    {
        return payloadLength;
    }

    /** @return whether an MP_CAPABLE option was present. */
    public boolean mpCapable()
    {
        return mpc;
    }

    /** @return keys in the MP_CAPABLE (0, 1 or 2). */
    public int mpCapableKeys()
    {
        return mpcKeys;
    }

    /** @return the MP_CAPABLE's first key (the sender's). */
    public long mpCapableKey1()
    {
        return mpcKey1;
    }

    /** @return the MP_CAPABLE's second key. */
    public long mpCapableKey2()
    {
        return mpcKey2;
    }

    /** @return whether an MP_JOIN option was present. */
    public boolean mpJoin()
    {
        return join;
    }

    /** @return its length (12 SYN, 16 SYN/ACK, 24 ACK). */
    public int mpJoinLength()
    {
        return joinLength;
    }

    /** @return the SYN/ACK's truncated HMAC. */
    public long mpJoinThmac()
    {
        return joinThmac;
    }

    /** @return the nonce (SYN or SYN/ACK). */
    public int mpJoinNonce()
    {
        return joinNonce;
    }

    /** @return the SYN's token. */
    public int mpJoinToken()
    {
        return joinToken;
    }

    /** @return whether a DSS option was present. */
    public boolean dss()
    {
        return dss;
    }

    /** @return whether the DSS carried a DATA_ACK. */
    public boolean hasDataAck()
    {
        return dss && (dssFlags & Options.DSS_DATA_ACK) != 0;
    }

    /** @return whether the DATA_ACK was 64 bits. */
    public boolean dataAck64()
    {
        return (dssFlags & Options.DSS_DATA_ACK8) != 0;
    }

    /** @return the DATA_ACK (low 32 bits only when not {@link #dataAck64()}). */
    public long dataAck()
    {
        return dataAck;
    }

    /** @return whether the DSS carried a mapping. */
    public boolean hasMapping()
    {
        return dss && (dssFlags & Options.DSS_MAP) != 0;
    }

    /** @return whether the DSN was 64 bits. */
    public boolean dsn64()
    {
        return (dssFlags & Options.DSS_DSN8) != 0;
    }

    /** @return the mapping's DSN. */
    public long dsn()
    {
        return dsn;
    }

    /** @return the mapping's relative subflow sequence number. */
    public int ssn()
    {
        return ssn;
    }

    /** @return the mapping's data-level length. */
    public int dataLength()
    {
        return dataLength;
    }

    /** @return whether DATA_FIN was set. */
    public boolean dataFin()
    {
        return dss && (dssFlags & Options.DSS_FIN) != 0;
    }

    /** @return whether an MP_TCPRST was present. */
    public boolean mpTcpRst()
    {
        return mpTcpRst;
    }

    /** @return whether an MP_FASTCLOSE was present. */
    public boolean fastClose()
    {
        return fastClose;
    }

    /** @return whether an ADD_ADDR was present. */
    public boolean addAddr()
    {
        return addAddr;
    }
}
