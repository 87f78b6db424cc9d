package org.mpdp.dataplane.port;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import org.mpdp.dataplane.wire.PacketParser;
import org.mpdp.dataplane.wire.ParsedPacket;

/**
 * How the live path parses a received mbuf, chained or not. A frame longer than one segment (jumbo
 * frames; net_pcap chains any frame larger than the mbuf data room) is parsed with two lengths:
 * the bytes readable contiguously and the whole packet's pkt_len, so header lengths are checked
 * against pkt_len and {@link ParsedPacket#payloadLength} counts the payload over all segments.
 *
 * <p>When the first segment holds at least {@link #LINEARISE_LENGTH} bytes (or the whole packet),
 * the frame is parsed in place, no copy. Otherwise (a chain whose first segment is short, e.g.
 * header split) the first {@link #LINEARISE_LENGTH} bytes of the chain are copied into a scratch
 * buffer this object owns and parsed there. 256 bytes covers the longest header stack the parser
 * follows to TCP with room to spare in practice: Ethernet 14 + two VLAN tags 8 + IPv6 40 + TCP 60
 * (40 bytes of options) = 122, leaving 134 bytes for IPv6 extension headers; a frame whose headers
 * run longer is reported {@link ParsedPacket#TRUNCATED}, never read past.
 *
 * <p>After {@link #parse}, the parsed offsets are relative to {@link #frame()} in {@link #segment()};
 * only {@link ParsedPacket#capturedLength} bytes are readable there, and
 * {@link ParsedPacket#payloadCaptured} of the payload (below {@link ParsedPacket#payloadLength} for a
 * chain, so a DSS checksum over it is unverifiable from these bytes). One instance per thread: the
 * scratch buffer is reused for every packet and nothing is allocated per packet.
 */
public final class MbufParser
{
    /** Bytes of a chain linearised when its first segment is shorter (and shorter than the packet). */
    public static final int LINEARISE_LENGTH = 256;

    private final MemorySegment scratch;
    private MemorySegment segment = Mbuf.MEMORY;
    private long frame;
    private boolean copied;
    private long copies;

    /**
     * @param arena owns the scratch buffer; must outlive this object's use.
     */
    public MbufParser(final Arena arena)
    {
        scratch = arena.allocate(LINEARISE_LENGTH, 64);
    }

    /**
     * Parses an Ethernet frame held in an mbuf (chain).
     *
     * @param parser the calling thread's parser.
     * @param mbuf   rte_mbuf address of the packet's first segment.
     * @param out    result holder.
     * @return {@code out.status}.
     */
    public int parse(final PacketParser parser, final long mbuf, final ParsedPacket out)
    {
        final int packetLength = Mbuf.packetLength(mbuf);
        final int firstLength = Mbuf.dataLength(mbuf);
        if (Mbuf.segments(mbuf) == 1 || firstLength >= Math.min(packetLength, LINEARISE_LENGTH))
        {
            segment = Mbuf.MEMORY;
            frame = Mbuf.dataAddress(mbuf);
            copied = false;
            return parser.parseEthernet(Mbuf.MEMORY, frame, firstLength, packetLength, out);
        }
        final int readable = linearise(mbuf, Math.min(packetLength, LINEARISE_LENGTH));
        segment = scratch;
        frame = 0;
        copied = true;
        copies++;
        return parser.parseEthernet(scratch, 0, readable, packetLength, out);
    }

    /** Copies up to {@code wanted} bytes from the chain's segments, at most nb_segs of them. */
    private int linearise(final long mbuf, final int wanted)
    {
        int position = 0;
        long m = mbuf;
        for (int i = Mbuf.segments(mbuf); i > 0 && m != 0 && position < wanted; i--)
        {
            final int n = Math.min(Mbuf.dataLength(m), wanted - position);
            MemorySegment.copy(Mbuf.MEMORY, Mbuf.dataAddress(m), scratch, position, n);
            position += n;
            m = Mbuf.next(m);
        }
        return position;
    }

    /**
     * @return the segment the last parse's offsets refer to: all memory (in place) or the scratch buffer.
     */
    public MemorySegment segment()
    {
        return segment;
    }

    /**
     * @return offset in {@link #segment()} of the last parsed frame's first byte.
     */
    public long frame()
    {
        return frame;
    }

    /**
     * @return whether the last parse read a linearised copy.
     */
    public boolean copied()
    {
        return copied;
    }

    /**
     * @return how many packets were linearised so far.
     */
    public long copies()
    {
        return copies;
    }
}
