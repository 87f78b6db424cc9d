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
 * Frames built by the project's encoders, cut at every length from 0 to the whole frame and parsed
 * with the two-length entry point from native memory of exactly the cut size (a read past the cut
 * throws): the cut is located, never called malformed, the wire payload length is kept, and the
 * options wholly before a cut inside the option space are parsed.
 */
final class TruncatedFrameTest
{
    private static final int SYN = Mptcp.TCP_SYN;
    private static final int ACK = Mptcp.TCP_ACK;
    private static final int PAYLOAD = 300;

    private final PacketParser parser = new PacketParser();
    private final ParsedPacket p = new ParsedPacket();

    @Test
    void shouldLocateEveryCutOfAnIpv4FrameWithMpCapableAndDss()
    {
        // MP_CAPABLE with data (22 bytes) then DSS with DATA_ACK and a mapping (18 bytes): all 40 option bytes.
        final byte[] mpc = TcpFrames.options(s -> MptcpOptionWriter.mpCapable(s, 0, Mptcp.MPC_ACK_DATA_LENGTH, 1,
            Mptcp.MPC_FLAG_H, 0x1111L, 0x2222L, PAYLOAD, 0));
        final byte[] dss = TcpFrames.options(s -> MptcpOptionWriter.dss(s, 0, Mptcp.DSS_FLAG_ACK | Mptcp.DSS_FLAG_MAP,
            7, 8, 1, PAYLOAD, false, 0));
        final byte[] options = concat(mpc, dss);
        final byte[] frame = TcpFrames.frame(false, 0, ACK, options, PAYLOAD);
        everyCut(frame, 14, 14 + 20, options, new int[] {Mptcp.MP_CAPABLE, Mptcp.DSS}, new int[] {mpc.length,
            options.length});
    }

    @Test
    void shouldLocateEveryCutOfAnIpv6QinQFrameWithMpJoinAndAddAddr()
    {
        final byte[] join = TcpFrames.options(s -> MptcpOptionWriter.mpJoinSyn(s, 0, true, 3, 0xCAFEF00D, 42));
        final byte[] addr = TcpFrames.options(s -> MptcpOptionWriter.addAddr(s, 0, false, 5,
            new byte[] {(byte)198, 18, 0, 9}, 8080, 0x0123456789ABCDEFL));
        final byte[] options = concat(join, addr);
        final byte[] frame = TcpFrames.frame(true, 2, SYN, options, PAYLOAD);
        everyCut(frame, 14 + 8, 14 + 8 + 40, options, new int[] {Mptcp.MP_JOIN, Mptcp.ADD_ADDR}, new int[] {
            join.length, options.length});
    }

    @Test
    void shouldStillRejectLengthsThatBreakTheRulesAgainstTheWireLength()
    {
        final byte[] frame = TcpFrames.frame(false, 0, ACK, new byte[0], PAYLOAD);
        // Total length 100 bytes more than the frame had on the wire: malformed, whatever the snap length.
        ByteBuffer.wrap(frame).putShort(14 + 2, (short)(20 + 20 + PAYLOAD + 100));
        assertEquals(ParsedPacket.MALFORMED, parse(frame, 80));
        assertEquals(Malformed.IPV4_BAD_TOTAL_LENGTH, p.malformed);
        // Data offset past the IP packet: malformed, even though the cut falls before it.
        final byte[] bad = TcpFrames.frame(false, 0, ACK, new byte[0], 0);
        bad[14 + 20 + 12] = (byte)0xF0;
        assertEquals(ParsedPacket.MALFORMED, parse(bad, 14 + 20 + 20));
        assertEquals(Malformed.TCP_BAD_DATA_OFFSET, p.malformed);
    }

    @Test
    void shouldKeepTheSingleLengthEntryPointMeaningCapturedEqualsOriginal()
    {
        final byte[] frame = TcpFrames.frame(false, 0, ACK, new byte[0], PAYLOAD);
        try (Arena arena = Arena.ofConfined())
        {
            final MemorySegment s = arena.allocate(80);
            MemorySegment.copy(frame, 0, s, ValueLayout.JAVA_BYTE, 0, 80);
            // 80 bytes given as the whole frame: the IPv4 total length runs past it.
            assertEquals(ParsedPacket.MALFORMED, parser.parseEthernet(s, 0, 80, p));
            assertEquals(Malformed.IPV4_BAD_TOTAL_LENGTH, p.malformed);
            assertFalse(p.truncated);
        }
    }

    @Test
    void shouldTakeAnOriginalLengthBelowTheCapturedLengthAsTheCapturedLength()
    {
        final byte[] frame = TcpFrames.frame(false, 0, ACK, new byte[0], PAYLOAD);
        try (Arena arena = Arena.ofConfined())
        {
            final MemorySegment s = arena.allocateFrom(ValueLayout.JAVA_BYTE, frame);
            assertEquals(ParsedPacket.TCP, parser.parseEthernet(s, 0, frame.length, 10, p));
            assertEquals(frame.length, p.frameLength);
            assertFalse(p.truncated);
            assertEquals(PAYLOAD, p.payloadCaptured);
        }
    }

    private void everyCut(final byte[] frame, final int l3, final int l4, final byte[] options, final int[] subtypes,
        final int[] optionEnds)
    {
        final int optionsEnd = l4 + 20 + ((options.length + 3) & ~3);
        for (int cut = 0; cut <= frame.length; cut++)
        {
            final int status = parse(frame, cut);
            final String at = "cut at " + cut + " of " + frame.length;
            assertEquals(Malformed.NONE, p.firstMalformed(), at);
            assertEquals(frame.length, p.frameLength, at);
            assertEquals(cut, p.capturedLength, at);
            assertEquals(cut < frame.length, p.truncated, at);
            final int expected = cut < l3 ? Truncation.LINK_HEADER : cut < l4 ? Truncation.IP_HEADER :
                cut < l4 + 20 ? Truncation.TCP_HEADER : cut < optionsEnd ? Truncation.TCP_OPTIONS :
                cut < frame.length ? Truncation.PAYLOAD : Truncation.NONE;
            assertEquals(expected, p.truncation, at);
            assertEquals(expected == Truncation.PAYLOAD || expected == Truncation.NONE ? ParsedPacket.TCP :
                ParsedPacket.TRUNCATED, status, at);
            assertEquals(cut >= l4 + 20, p.tcpValid, at);
            if (!p.tcpValid)
            {
                continue;
            }
            assertEquals(PAYLOAD, p.payloadLength, at);
            assertEquals(Math.max(0, cut - optionsEnd), p.payloadCaptured, at);
            int present = 0;
            for (int i = 0; i < subtypes.length; i++)
            {
                if (l4 + 20 + optionEnds[i] <= cut)
                {
                    present |= MptcpOptions.bit(subtypes[i]);
                }
            }
            assertEquals(present, p.mptcp.present, at);
            assertEquals(Integer.bitCount(present), p.mptcp.optionCount, at);
        }
        assertTrue(parser.truncatedCount(Truncation.TCP_OPTIONS) > 0);
        assertEquals(0, parser.malformedCount(Malformed.OPTION_TRUNCATED));
        assertEquals(0, parser.malformedCount(Malformed.IPV4_BAD_TOTAL_LENGTH));
    }

    /** Parses the first {@code cut} bytes of a frame given its whole length as the original. */
    private int parse(final byte[] frame, final int cut)
    {
        try (Arena arena = Arena.ofConfined())
        {
            final MemorySegment s = arena.allocate(Math.max(1, cut));
            MemorySegment.copy(frame, 0, s, ValueLayout.JAVA_BYTE, 0, cut);
            return parser.parseEthernet(s, 0, cut, frame.length, p);
        }
    }

    private static byte[] concat(final byte[] a, final byte[] b)
    {
        final byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
