package org.mpdp.robe.net;

import java.lang.foreign.MemorySegment;

import org.agrona.concurrent.UnsafeBuffer;
import org.mpdp.dataplane.crypto.InternetChecksum;

/**
 * Builds Ethernet II + IPv4 + TCP frames and ARP requests in a heap scratch buffer (the frame is then copied
 * into a fresh mbuf by the plane). One instance per thread; nothing is allocated per frame.
 *
 * <pre>
 *  0 dst MAC  6 src MAC  12 EtherType 0x0800
 * 14 IPv4: ver/IHL 0x45, TOS, total length, id, DF, TTL 64, proto 6, checksum, source, destination
 * 34 TCP: ports, seq, ack, data offset/flags, window, checksum, urgent, options (multiple of 4), payload
 * </pre>
 */
public final class Frames
{
    /** Ethernet header bytes. */
    public static final int ETH_LENGTH = 14;
    /** IPv4 header bytes (no options). */
    public static final int IP_LENGTH = 20;
    /** TCP header bytes without options. */
    public static final int TCP_LENGTH = 20;
    /** Where the TCP header starts. */
    public static final int TCP_OFFSET = ETH_LENGTH + IP_LENGTH;
    /** Largest frame built (fits a 2 KiB mbuf data room). */
    public static final int MAX_FRAME = 1600;
    /** TCP flags. */
    public static final int FIN = 0x01;
    /** TCP flags. */
    public static final int SYN = 0x02;
    /** TCP flags. */
    public static final int RST = 0x04;
    /** TCP flags. */
    public static final int PSH = 0x08;
    /** TCP flags. */
    public static final int ACK = 0x10;

    private static final int ETHERTYPE_IPV4 = 0x0800;
    private static final int ETHERTYPE_ARP = 0x0806;
    private static final int PROTO_TCP = 6;
    private static final int TTL = 64;

    private final byte[] bytes = new byte[MAX_FRAME];
    private final UnsafeBuffer frame = new UnsafeBuffer(bytes);
    private final MemorySegment segment = MemorySegment.ofArray(bytes);
    private int ipId;

    /** @return the scratch frame (valid until the next build). */
    public byte[] bytes()
    {
        return bytes;
    }

    /**
     * Writes a TCP segment.
     *
     * @param srcMac  source MAC, wire order in the low 48 bits.
     * @param dstMac  destination MAC.
     * @param src     source address, host order.
     * @param dst     destination address.
     * @param sport   source port.
     * @param dport   destination port.
     * @param seq     sequence number.
     * @param ack     acknowledgment number.
     * @param flags   TCP flags.
     * @param window  receive window (no scaling).
     * @param options option bytes (already padded to a multiple of 4).
     * @param optionsLength their length.
     * @param payload payload source, or null.
     * @param offset  first payload byte.
     * @param length  payload bytes.
     * @return the frame's length.
     */
    public int tcp(final long srcMac, final long dstMac, final int src, final int dst, final int sport,
        final int dport, final int seq, final int ack, final int flags, final int window, final byte[] options,
        final int optionsLength, final byte[] payload, final int offset, final int length)
    {
        final int tcpLength = TCP_LENGTH + optionsLength + length;
        ethernet(dstMac, srcMac, ETHERTYPE_IPV4);
        frame.putByte(ETH_LENGTH, (byte)0x45);
        frame.putByte(ETH_LENGTH + 1, (byte)0);
        putShort(ETH_LENGTH + 2, IP_LENGTH + tcpLength);
        putShort(ETH_LENGTH + 4, ipId++ & 0xFFFF);
        putShort(ETH_LENGTH + 6, 0x4000);
        frame.putByte(ETH_LENGTH + 8, (byte)TTL);
        frame.putByte(ETH_LENGTH + 9, (byte)PROTO_TCP);
        putShort(ETH_LENGTH + 10, 0);
        putInt(ETH_LENGTH + 12, src);
        putInt(ETH_LENGTH + 16, dst);
        putShort(ETH_LENGTH + 10, InternetChecksum.complement(InternetChecksum.sum(segment, ETH_LENGTH, IP_LENGTH)));
        final int t = TCP_OFFSET;
        putShort(t, sport);
        putShort(t + 2, dport);
        putInt(t + 4, seq);
        putInt(t + 8, ack);
        putShort(t + 12, ((TCP_LENGTH + optionsLength) / 4) << 12 | flags);
        putShort(t + 14, window);
        putShort(t + 16, 0);
        putShort(t + 18, 0);
        frame.putBytes(t + TCP_LENGTH, options, 0, optionsLength);
        if (length > 0)
        {
            frame.putBytes(t + TCP_LENGTH + optionsLength, payload, offset, length);
        }
        // RFC 793 §3.1: the pseudo-header (source, destination, zero, protocol, TCP length) and the segment.
        final long pseudo = (src >>> 16) + (src & 0xFFFF) + (dst >>> 16) + (dst & 0xFFFF) + PROTO_TCP + tcpLength;
        final int sum = InternetChecksum.fold(pseudo + InternetChecksum.sum(segment, t, tcpLength));
        putShort(t + 16, InternetChecksum.complement(sum));
        return TCP_OFFSET + tcpLength;
    }

    /**
     * Writes a broadcast ARP request (RFC 826) for a target address.
     *
     * @param srcMac  the asking port's MAC.
     * @param src     the asking address, host order.
     * @param target  the address whose MAC is wanted.
     * @return the frame's length (60: padded to the Ethernet minimum).
     */
    public int arpRequest(final long srcMac, final int src, final int target)
    {
        ethernet(0xFFFF_FFFF_FFFFL, srcMac, ETHERTYPE_ARP);
        putShort(ETH_LENGTH, 1);
        putShort(ETH_LENGTH + 2, ETHERTYPE_IPV4);
        frame.putByte(ETH_LENGTH + 4, (byte)6);
        frame.putByte(ETH_LENGTH + 5, (byte)4);
        putShort(ETH_LENGTH + 6, 1);
        putMac(ETH_LENGTH + 8, srcMac);
        putInt(ETH_LENGTH + 14, src);
        putMac(ETH_LENGTH + 18, 0);
        putInt(ETH_LENGTH + 24, target);
        frame.setMemory(ETH_LENGTH + 28, 60 - ETH_LENGTH - 28, (byte)0);
        return 60;
    }

    private void ethernet(final long dstMac, final long srcMac, final int etherType)
    {
        putMac(0, dstMac);
        putMac(6, srcMac);
        putShort(12, etherType);
    }

    private void putMac(final int offset, final long mac)
    {
        for (int i = 0; i < 6; i++)
        {
            frame.putByte(offset + i, (byte)(mac >>> (40 - 8 * i)));
        }
    }

    private void putShort(final int offset, final int value)
    {
        frame.putByte(offset, (byte)(value >>> 8));
        frame.putByte(offset + 1, (byte)value);
    }

    private void putInt(final int offset, final int value)
    {
        putShort(offset, value >>> 16);
        putShort(offset + 2, value & 0xFFFF);
    }
}
