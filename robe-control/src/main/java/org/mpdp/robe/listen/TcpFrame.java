package org.mpdp.robe.listen;

import static org.mpdp.dataplane.wire.Bytes.put16;
import static org.mpdp.dataplane.wire.Bytes.put32;
import static org.mpdp.dataplane.wire.Bytes.put8;

import java.lang.foreign.MemorySegment;

import org.mpdp.dataplane.crypto.InternetChecksum;

/**
 * Writes an Ethernet + IPv4 + TCP frame in place: headers first with {@link #begin}, then the caller writes
 * TCP options at {@link #OPTIONS_OFFSET} and the payload after them, and {@link #finish} fills in the lengths
 * and both checksums (RFC 791 header checksum, RFC 9293 §3.1 checksum over the pseudo-header).
 *
 * <pre>
 *   0 destination MAC   6 source MAC   12 EtherType 0x0800
 *  14 IPv4 (20 bytes, no options, DF set, TTL 64)
 *  34 TCP (20 bytes + options)
 * </pre>
 */
final class TcpFrame
{
    static final int ETH_LENGTH = 14;
    static final int IP_OFFSET = ETH_LENGTH;
    static final int IP_LENGTH = 20;
    static final int TCP_OFFSET = IP_OFFSET + IP_LENGTH;
    static final int TCP_LENGTH = 20;
    static final int OPTIONS_OFFSET = TCP_OFFSET + TCP_LENGTH;
    /** Most TCP option bytes (data offset 15 words). */
    static final int MAX_OPTIONS = 40;

    static final int FIN = 0x01;
    static final int SYN = 0x02;
    static final int RST = 0x04;
    static final int PSH = 0x08;
    static final int ACK = 0x10;

    private static final int PROTO_TCP = 6;
    private static final int TTL = 64;

    private TcpFrame()
    {
    }

    /**
     * Ethernet, IPv4 and the fixed TCP header; lengths and checksums come in {@link #finish}.
     *
     * @param s       the frame's memory.
     * @param dstMac  destination MAC, 6 wire bytes in the low 48 bits.
     * @param srcMac  source MAC.
     * @param src     source IPv4.
     * @param dst     destination IPv4.
     * @param srcPort source port.
     * @param dstPort destination port.
     * @param seq     sequence number.
     * @param ack     acknowledgment number.
     * @param flags   TCP flags.
     * @param window  receive window (unscaled).
     */
    static void begin(final MemorySegment s, final long dstMac, final long srcMac, final int src, final int dst,
        final int srcPort, final int dstPort, final int seq, final int ack, final int flags, final int window)
    {
        mac(s, 0, dstMac);
        mac(s, 6, srcMac);
        put16(s, 12, 0x0800);
        put8(s, IP_OFFSET, 0x45);
        put8(s, IP_OFFSET + 1, 0);
        put16(s, IP_OFFSET + 4, 0);
        put16(s, IP_OFFSET + 6, 0x4000);
        put8(s, IP_OFFSET + 8, TTL);
        put8(s, IP_OFFSET + 9, PROTO_TCP);
        put32(s, IP_OFFSET + 12, src);
        put32(s, IP_OFFSET + 16, dst);
        put16(s, TCP_OFFSET, srcPort);
        put16(s, TCP_OFFSET + 2, dstPort);
        put32(s, TCP_OFFSET + 4, seq);
        put32(s, TCP_OFFSET + 8, ack);
        put8(s, TCP_OFFSET + 13, flags);
        put16(s, TCP_OFFSET + 14, window);
        put16(s, TCP_OFFSET + 18, 0);
    }

    private static void mac(final MemorySegment s, final int o, final long mac)
    {
        for (int i = 0; i < 6; i++)
        {
            put8(s, o + i, (int)(mac >>> (40 - 8 * i)));
        }
    }

    /**
     * Pads the options to a multiple of 4 with NOPs, sets lengths and checksums.
     *
     * @param s             the frame.
     * @param optionsLength option bytes written at {@link #OPTIONS_OFFSET}.
     * @param payloadLength payload bytes written right after the padded options.
     * @return the frame's length.
     */
    static int finish(final MemorySegment s, final int optionsLength, final int payloadLength)
    {
        final int padded = (optionsLength + 3) & ~3;
        if (padded != optionsLength)
        {
            throw new IllegalStateException("options must be padded before the payload: length=" + optionsLength);
        }
        final int tcpLength = TCP_LENGTH + padded + payloadLength;
        put8(s, TCP_OFFSET + 12, (TCP_LENGTH + padded) / 4 << 4);
        put16(s, TCP_OFFSET + 16, 0);
        put16(s, IP_OFFSET + 2, IP_LENGTH + tcpLength);
        put16(s, IP_OFFSET + 10, 0);
        put16(s, IP_OFFSET + 10, InternetChecksum.complement(InternetChecksum.sum(s, IP_OFFSET, IP_LENGTH)));
        // Pseudo-header: source, destination, zero + protocol, TCP length (RFC 9293 §3.1).
        final long pseudo = (long)InternetChecksum.sum(s, IP_OFFSET + 12, 8) + PROTO_TCP + tcpLength;
        final long sum = pseudo + InternetChecksum.sum(s, TCP_OFFSET, tcpLength);
        put16(s, TCP_OFFSET + 16, InternetChecksum.complement(InternetChecksum.fold(sum)));
        return ETH_LENGTH + IP_LENGTH + tcpLength;
    }

    /**
     * Pads with NOPs to a multiple of 4.
     *
     * @param s      the frame.
     * @param length option bytes so far.
     * @return the padded length.
     */
    static int pad(final MemorySegment s, final int length)
    {
        int n = length;
        while ((n & 3) != 0)
        {
            put8(s, OPTIONS_OFFSET + n, 1);
            n++;
        }
        return n;
    }

    /**
     * Writes the MSS option (RFC 9293 §3.2), 4 bytes.
     *
     * @param s   the frame.
     * @param at  option offset from {@link #OPTIONS_OFFSET}.
     * @param mss the value.
     * @return bytes written.
     */
    static int mss(final MemorySegment s, final int at, final int mss)
    {
        put8(s, OPTIONS_OFFSET + at, 2);
        put8(s, OPTIONS_OFFSET + at + 1, 4);
        put16(s, OPTIONS_OFFSET + at + 2, mss);
        return 4;
    }
}
