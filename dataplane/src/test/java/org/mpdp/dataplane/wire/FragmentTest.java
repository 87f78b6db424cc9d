package org.mpdp.dataplane.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;

import org.junit.jupiter.api.Test;

/**
 * IPv4 (RFC 791 MF / fragment offset) and IPv6 (RFC 8200 4.5 Fragment header) fragments: a first
 * fragment holding the whole TCP header is parsed as TCP (an MP_JOIN SYN cannot hide in it) while
 * keeping status FRAGMENT; later fragments are not parsed past IP; an IPv6 atomic fragment is a
 * whole packet (RFC 6946).
 */
final class FragmentTest
{
    private static final int IPV4_FLAGS_OFFSET = 14 + 6;
    private static final int IPV4_MF = 0x2000;
    private static final int IPV6_FRAGMENT_AT = 14 + 40;

    private final PacketParser parser = new PacketParser();
    private final ParsedPacket p = new ParsedPacket();
    private final byte[] joinSyn = TcpFrames.options(s -> MptcpOptionWriter.mpJoinSyn(s, 0, false, 2, 0x5EC0DE01, 77));

    @Test
    void shouldParseTheTcpHeaderOfAFirstIpv4Fragment()
    {
        final byte[] frame = TcpFrames.frame(false, 0, Mptcp.TCP_SYN, joinSyn, 64);
        ByteBuffer.wrap(frame).putShort(IPV4_FLAGS_OFFSET, (short)IPV4_MF);

        assertEquals(ParsedPacket.FRAGMENT, parse(frame, frame.length));
        assertEquals(ParsedPacket.FRAGMENT_FIRST, p.fragment);
        assertTrue(p.tcpValid);
        assertEquals(40000, p.srcPort);
        assertTrue(p.mptcp.has(Mptcp.MP_JOIN));
        assertEquals(0x5EC0DE01, p.mptcp.joinToken);
        assertEquals(64, p.payloadLength, "payload bytes in this fragment only");
        assertTrue(p.isMptcp());
    }

    @Test
    void shouldNotParseLaterIpv4FragmentsAsTcp()
    {
        for (final int flagsOffset : new int[] {IPV4_MF | 185, 185, 1})
        {
            final byte[] frame = TcpFrames.frame(false, 0, Mptcp.TCP_SYN, joinSyn, 64);
            ByteBuffer.wrap(frame).putShort(IPV4_FLAGS_OFFSET, (short)flagsOffset);

            assertEquals(ParsedPacket.FRAGMENT, parse(frame, frame.length), "flags/offset " + flagsOffset);
            assertEquals(ParsedPacket.FRAGMENT_LATER, p.fragment);
            assertFalse(p.tcpValid);
            assertEquals(PacketParser.PROTO_TCP, p.ipProtocol);
            assertEquals(0, p.mptcp.optionCount);
            assertFalse(p.isMptcp());
        }
    }

    @Test
    void shouldNotCallAFirstFragmentTooShortForItsTcpHeaderMalformed()
    {
        // The fragment ends 4 bytes into the 12-byte MP_JOIN: the rest of the header is in the next fragment.
        final byte[] whole = TcpFrames.frame(false, 0, Mptcp.TCP_SYN, joinSyn, 0);
        final byte[] frame = java.util.Arrays.copyOf(whole, 14 + 20 + 24);
        ByteBuffer.wrap(frame).putShort(14 + 2, (short)(20 + 24)).putShort(IPV4_FLAGS_OFFSET, (short)IPV4_MF);

        assertEquals(ParsedPacket.FRAGMENT, parse(frame, frame.length));
        assertEquals(ParsedPacket.FRAGMENT_FIRST, p.fragment);
        assertFalse(p.tcpValid);
        assertEquals(Malformed.NONE, p.firstMalformed());
    }

    @Test
    void shouldFlagAFirstFragmentOfAnotherProtocolAsAFragment()
    {
        final byte[] frame = TcpFrames.frame(false, 0, Mptcp.TCP_SYN, joinSyn, 64);
        frame[14 + 9] = 17;
        ByteBuffer.wrap(frame).putShort(IPV4_FLAGS_OFFSET, (short)IPV4_MF);

        assertEquals(ParsedPacket.FRAGMENT, parse(frame, frame.length));
        assertEquals(ParsedPacket.FRAGMENT_FIRST, p.fragment);
        assertFalse(p.tcpValid);
    }

    @Test
    void shouldParseTheTcpHeaderOfAFirstIpv6Fragment()
    {
        final byte[] frame = ipv6Fragment(0, true);

        assertEquals(ParsedPacket.FRAGMENT, parse(frame, frame.length));
        assertEquals(ParsedPacket.FRAGMENT_FIRST, p.fragment);
        assertEquals(PacketParser.PROTO_TCP, p.ipProtocol);
        assertTrue(p.tcpValid);
        assertEquals(IPV6_FRAGMENT_AT + 8, p.l4Offset);
        assertTrue(p.mptcp.has(Mptcp.MP_JOIN));
        assertEquals(0x5EC0DE01, p.mptcp.joinToken);
        assertEquals(64, p.payloadLength);
    }

    @Test
    void shouldNotParseLaterIpv6FragmentsAsTcp()
    {
        for (final boolean more : new boolean[] {true, false})
        {
            final byte[] frame = ipv6Fragment(1448 / 8, more);

            assertEquals(ParsedPacket.FRAGMENT, parse(frame, frame.length));
            assertEquals(ParsedPacket.FRAGMENT_LATER, p.fragment);
            assertEquals(PacketParser.PROTO_TCP, p.ipProtocol, "the fragment header's next header");
            assertFalse(p.tcpValid);
            assertEquals(0, p.mptcp.optionCount);
        }
    }

    @Test
    void shouldParseAnIpv6AtomicFragmentAsAWholePacket()
    {
        final byte[] frame = ipv6Fragment(0, false);

        assertEquals(ParsedPacket.TCP, parse(frame, frame.length));
        assertEquals(ParsedPacket.FRAGMENT_NONE, p.fragment);
        assertTrue(p.mptcp.has(Mptcp.MP_JOIN));
    }

    @Test
    void shouldReportACutInsideTheOptionsOfAFirstFragmentAsTruncated()
    {
        final byte[] frame = ipv6Fragment(0, true);
        // 6 bytes into the MP_JOIN.
        final int cut = IPV6_FRAGMENT_AT + 8 + 20 + 6;

        assertEquals(ParsedPacket.TRUNCATED, parse(frame, cut));
        assertEquals(Truncation.TCP_OPTIONS, p.truncation);
        assertEquals(ParsedPacket.FRAGMENT_FIRST, p.fragment);
        assertTrue(p.tcpValid);
        assertFalse(p.mptcp.has(Mptcp.MP_JOIN));
        // And inside the fragment header itself.
        assertEquals(ParsedPacket.TRUNCATED, parse(frame, IPV6_FRAGMENT_AT + 4));
        assertEquals(Truncation.IP_HEADER, p.truncation);
    }

    /** An Ethernet/IPv6 MP_JOIN SYN with a Fragment header (offset in 8-byte units, M flag) before TCP. */
    private byte[] ipv6Fragment(final int offset, final boolean more)
    {
        final byte[] plain = TcpFrames.frame(true, 0, Mptcp.TCP_SYN, joinSyn, 64);
        final ByteBuffer b = ByteBuffer.allocate(plain.length + 8);
        b.put(plain, 0, IPV6_FRAGMENT_AT);
        b.put((byte)PacketParser.PROTO_TCP).put((byte)0).putShort((short)(offset << 3 | (more ? 1 : 0)))
            .putInt(0x12345678);
        b.put(plain, IPV6_FRAGMENT_AT, plain.length - IPV6_FRAGMENT_AT);
        final byte[] frame = b.array();
        // Next header 44, payload length + 8.
        frame[14 + 6] = PacketParser.IPV6_FRAGMENT_HEADER;
        ByteBuffer.wrap(frame).putShort(14 + 4, (short)(frame.length - IPV6_FRAGMENT_AT));
        return frame;
    }

    private int parse(final byte[] frame, final int cut)
    {
        try (Arena arena = Arena.ofConfined())
        {
            final MemorySegment s = arena.allocate(cut);
            MemorySegment.copy(frame, 0, s, ValueLayout.JAVA_BYTE, 0, cut);
            return parser.parseEthernet(s, 0, cut, frame.length, p);
        }
    }
}
