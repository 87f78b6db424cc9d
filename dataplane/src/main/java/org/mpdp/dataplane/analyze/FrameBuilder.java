package org.mpdp.dataplane.analyze;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.foreign.MemorySegment;
import java.util.SplittableRandom;

/**
 * Assembles Ethernet/IPv4-or-IPv6/TCP frames straight into one large pcap output buffer, with correct
 * IPv4 header and TCP checksums (RFC 1071, RFC 793 and RFC 8200 §8.1 pseudo-headers), and flushes the
 * buffer when it fills. A frame is built in two calls: {@link #begin} writes the pcap record header and the
 * Ethernet, IP and TCP headers and returns where the TCP options go; the caller writes the options (through
 * {@link #segment()}, e.g. with {@code MptcpOptionWriter}); {@link #end} copies the payload and fills in the
 * checksums. Nothing is allocated per frame.
 *
 * <pre>
 *   pcap record (16, little-endian) | Ethernet (14) | IPv4 (20) or IPv6 (40) | TCP (20 + options) | payload
 * </pre>
 *
 * <p>Payload bytes (random lowercase text) come from a fixed pattern whose 16-bit prefix sums are precomputed, so the
 * checksum of any even-offset slice costs O(1): the generator's speed does not depend on payload size.
 */
final class FrameBuilder
{
    /** Largest frame built (Ethernet + IPv6 + TCP with 40 option bytes + 1400 payload fits). */
    static final int MAX_FRAME_LENGTH = 1600;
    /** pcap snaplen written to the file header. */
    static final int SNAPLEN = 65535;
    /** Bytes of the repeating payload pattern (a power of two). */
    static final int PATTERN_LENGTH = 1 << 16;

    private static final int PCAP_RECORD_LENGTH = 16;
    private static final int ETHERNET_LENGTH = 14;
    private static final int IPV4_LENGTH = 20;
    private static final int IPV6_LENGTH = 40;
    private static final int TCP_LENGTH = 20;
    private static final int PROTO_TCP = 6;

    private final OutputStream out;
    private final byte[] buf;
    private final MemorySegment segment;
    private final byte[] pattern = new byte[PATTERN_LENGTH * 2];
    /** prefix[i] = sum of the big-endian 16-bit words pattern[0..2i), over both copies of the pattern. */
    private final long[] prefix = new long[PATTERN_LENGTH + 1];
    private int pos;
    private long frames;
    private long bytesWritten;

    private final byte[] clientMac = {2, 0, 0, 0, 0, 1};
    private final byte[] serverMac = {2, 0, 0, 0, 0, 2};

    // The frame being built.
    private int frameStart;
    private int ipStart;
    private int tcpStart;
    private int optionsStart;
    private int optionsLength;
    private boolean ipv6;

    /**
     * @param out         where the pcap goes (the caller closes it).
     * @param bufferBytes output buffer size; at least a few frames.
     * @param seed        seed of the payload pattern.
     * @throws IOException if the file header cannot be written.
     */
    FrameBuilder(final OutputStream out, final int bufferBytes, final long seed) throws IOException
    {
        this.out = out;
        this.buf = new byte[Math.max(bufferBytes, 4 * (MAX_FRAME_LENGTH + PCAP_RECORD_LENGTH))];
        this.segment = MemorySegment.ofArray(buf);
        final SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < PATTERN_LENGTH; i++)
        {
            // Lowercase letters and spaces: random binary bytes make tshark's heuristic dissectors (e.g. Thrift)
            // claim some segments and report them as malformed.
            final int r = random.nextInt(32);
            pattern[i] = (byte)(r < 26 ? 'a' + r : ' ');
        }
        // The pattern is stored twice so that a slice starting near the end can be copied in one go.
        System.arraycopy(pattern, 0, pattern, PATTERN_LENGTH, PATTERN_LENGTH);
        for (int i = 0; i < PATTERN_LENGTH; i++)
        {
            final int word = (pattern[2 * i] & 0xFF) << 8 | (pattern[2 * i + 1] & 0xFF);
            prefix[i + 1] = prefix[i] + word;
        }
        // pcap file header: magic, version 2.4, zone 0, sigfigs 0, snaplen, LINKTYPE_ETHERNET.
        le32(0xA1B2C3D4);
        le16(2);
        le16(4);
        le32(0);
        le32(0);
        le32(SNAPLEN);
        le32(1);
    }

    /**
     * Sets the MAC addresses frames carry (e.g. the real ones of a live testbed).
     *
     * @param client the client's MAC (6 bytes), source of client-to-server frames.
     * @param server the server's MAC.
     */
    void macs(final byte[] client, final byte[] server)
    {
        System.arraycopy(client, 0, clientMac, 0, 6);
        System.arraycopy(server, 0, serverMac, 0, 6);
    }

    /**
     * @return the output buffer as a segment, for option writers (offsets as returned by {@link #begin}).
     */
    MemorySegment segment()
    {
        return segment;
    }

    /**
     * @return frames written so far.
     */
    long frames()
    {
        return frames;
    }

    /**
     * @return bytes written so far, including pcap headers.
     */
    long bytesWritten()
    {
        return bytesWritten + pos;
    }

    /**
     * Starts a TCP frame.
     *
     * @param timestampMicros capture time.
     * @param v6              IPv6 rather than IPv4.
     * @param src             source address, 4 or 16 bytes.
     * @param dst             destination address.
     * @param srcPort         source port.
     * @param dstPort         destination port.
     * @param seq             TCP sequence number.
     * @param ack             TCP acknowledgment number (written only with ACK in {@code flags}).
     * @param flags           TCP flags.
     * @param window          advertised window.
     * @param optionBytes     option bytes the caller will write, a multiple of 4, at most 40.
     * @param payloadLength   payload bytes {@link #end} will copy.
     * @param ipId            IPv4 identification.
     * @param clientToServer  picks the MAC addresses.
     * @return offset in {@link #segment()} of the first option byte.
     * @throws IOException if flushing the buffer fails.
     */
    int begin(final long timestampMicros, final boolean v6, final byte[] src, final byte[] dst, final int srcPort,
        final int dstPort, final int seq, final int ack, final int flags, final int window, final int optionBytes,
        final int payloadLength, final int ipId, final boolean clientToServer) throws IOException
    {
        if (buf.length - pos < MAX_FRAME_LENGTH + PCAP_RECORD_LENGTH)
        {
            flush();
        }
        ipv6 = v6;
        final int tcpLength = TCP_LENGTH + optionBytes;
        final int ipLength = (v6 ? IPV6_LENGTH : IPV4_LENGTH) + tcpLength + payloadLength;
        final int frameLength = ETHERNET_LENGTH + ipLength;
        le32((int)(timestampMicros / 1_000_000));
        le32((int)(timestampMicros % 1_000_000));
        le32(frameLength);
        le32(frameLength);
        frameStart = pos;
        final byte[] b = buf;
        int p = pos;
        // Ethernet: locally administered MACs 02:00:00:00:00:01 (client) and :02 (server) unless set by macs().
        System.arraycopy(clientToServer ? serverMac : clientMac, 0, b, p, 6);
        System.arraycopy(clientToServer ? clientMac : serverMac, 0, b, p + 6, 6);
        be16(p + 12, v6 ? 0x86DD : 0x0800);
        p += ETHERNET_LENGTH;
        ipStart = p;
        if (v6)
        {
            be32(p, 0x6000_0000);
            be16(p + 4, tcpLength + payloadLength);
            b[p + 6] = PROTO_TCP;
            b[p + 7] = 64;
            System.arraycopy(src, 0, b, p + 8, 16);
            System.arraycopy(dst, 0, b, p + 24, 16);
            p += IPV6_LENGTH;
        }
        else
        {
            be32(p, 0x4500_0000 | ipLength);
            be32(p + 4, (ipId & 0xFFFF) << 16 | 0x4000);
            be32(p + 8, 64 << 24 | PROTO_TCP << 16);
            System.arraycopy(src, 0, b, p + 12, 4);
            System.arraycopy(dst, 0, b, p + 16, 4);
            be16(p + 10, ~fold(sumWords(ipStart, IPV4_LENGTH)) & 0xFFFF);
            p += IPV4_LENGTH;
        }
        tcpStart = p;
        be16(p, srcPort);
        be16(p + 2, dstPort);
        be32(p + 4, seq);
        be32(p + 8, (flags & 0x10) != 0 ? ack : 0);
        be16(p + 12, (tcpLength / 4) << 12 | flags);
        be16(p + 14, window);
        be32(p + 16, 0);
        optionsStart = p + TCP_LENGTH;
        optionsLength = optionBytes;
        pos = optionsStart;
        return optionsStart;
    }

    /**
     * Pads the options the caller wrote with NOPs, copies the payload and writes the TCP checksum.
     *
     * @param optionsWritten option bytes actually written, at most the {@code optionBytes} given to begin.
     * @param payloadLength  payload bytes, as given to begin.
     * @param patternOffset  where in the payload pattern to start; made even here.
     */
    void end(final int optionsWritten, final int payloadLength, final int patternOffset)
    {
        final byte[] b = buf;
        for (int i = optionsWritten; i < optionsLength; i++)
        {
            b[optionsStart + i] = 1; // NOP
        }
        final int payloadStart = optionsStart + optionsLength;
        final int from = patternOffset & (PATTERN_LENGTH - 2);
        System.arraycopy(pattern, from, b, payloadStart, payloadLength);
        final int tcpLength = payloadStart - tcpStart + payloadLength;
        // Pseudo-header: addresses, protocol and TCP length (RFC 793 3.1, RFC 8200 8.1).
        long sum = ipv6 ? sumWords(ipStart + 8, 32) : sumWords(ipStart + 12, 8);
        sum += PROTO_TCP + tcpLength;
        sum += sumWords(tcpStart, payloadStart - tcpStart);
        sum += payloadSum(from, payloadLength);
        be16(tcpStart + 16, ~fold(sum) & 0xFFFF);
        pos = payloadStart + payloadLength;
        frames++;
    }

    /** Sum of the payload's 16-bit words; payload starts at an even offset of the TCP segment. */
    private long payloadSum(final int from, final int length)
    {
        final int words = length >>> 1;
        final int first = from >>> 1;
        // The prefix sums span both copies of the pattern, so any slice from the first copy is covered.
        long sum = prefix[first + words] - prefix[first];
        if ((length & 1) != 0)
        {
            sum += (pattern[from + length - 1] & 0xFF) << 8;
        }
        return sum;
    }

    /**
     * Writes what is buffered.
     *
     * @throws IOException if the write fails.
     */
    void flush() throws IOException
    {
        out.write(buf, 0, pos);
        bytesWritten += pos;
        pos = 0;
    }

    private long sumWords(final int from, final int length)
    {
        final byte[] b = buf;
        long sum = 0;
        for (int i = from, end = from + length; i < end; i += 2)
        {
            sum += (b[i] & 0xFF) << 8 | (b[i + 1] & 0xFF);
        }
        return sum;
    }

    private static int fold(final long value)
    {
        long sum = value;
        while ((sum >>> 16) != 0)
        {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return (int)sum;
    }

    private void be16(final int p, final int v)
    {
        buf[p] = (byte)(v >>> 8);
        buf[p + 1] = (byte)v;
    }

    private void be32(final int p, final int v)
    {
        buf[p] = (byte)(v >>> 24);
        buf[p + 1] = (byte)(v >>> 16);
        buf[p + 2] = (byte)(v >>> 8);
        buf[p + 3] = (byte)v;
    }

    private void le16(final int v)
    {
        buf[pos++] = (byte)v;
        buf[pos++] = (byte)(v >>> 8);
    }

    private void le32(final int v)
    {
        buf[pos++] = (byte)v;
        buf[pos++] = (byte)(v >>> 8);
        buf[pos++] = (byte)(v >>> 16);
        buf[pos++] = (byte)(v >>> 24);
    }
}
