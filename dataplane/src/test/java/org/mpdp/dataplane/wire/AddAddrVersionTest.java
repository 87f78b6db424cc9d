package org.mpdp.dataplane.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import org.junit.jupiter.api.Test;

/**
 * {@link MptcpOptionParser#addAddrForVersion}: an ADD_ADDR re-parsed under the connection's version,
 * on frames built with {@link MptcpOptionWriter} and on hand-built option bytes.
 */
final class AddAddrVersionTest
{
    private static final byte[] V4 = {(byte)198, 18, 0, 9};
    private static final byte[] V6 = {(byte)0xfd, 0, 1, (byte)0x98, 0, 0x18, 0, 1, 0, 0, 0, 0, 0, 0, 0, 9};
    private static final long HMAC = 0x0123456789ABCDEFL;

    private final PacketParser parser = new PacketParser();
    private final ParsedPacket p = new ParsedPacket();

    @Test
    void shouldRecordTheOffsetAndLengthOfEveryAddAddr()
    {
        try (Arena arena = Arena.ofConfined())
        {
            final MemorySegment s = frame(arena, TcpFrames.options(o -> MptcpOptionWriter.addAddr(o, 0, false, 5, V4,
                -1, HMAC)));
            assertTrue(p.mptcp.has(Mptcp.ADD_ADDR));
            assertEquals(14 + 20 + 20, p.mptcp.addAddrOffset);
            assertEquals(16, p.mptcp.addAddrLength);
            assertEquals(Mptcp.OPTION_KIND, Bytes.u8(s, p.mptcp.addAddrOffset));
            frame(arena, TcpFrames.options(o -> MptcpOptionWriter.dss(o, 0, Mptcp.DSS_FLAG_ACK, 1, 0, 0, 0, false, 0)));
            assertEquals(-1, p.mptcp.addAddrOffset, "no ADD_ADDR in the next segment");
            assertEquals(Malformed.NONE, MptcpOptionParser.addAddrForVersion(s, 0, 1, p.mptcp));
            assertFalse(p.mptcp.has(Mptcp.ADD_ADDR));
        }
    }

    @Test
    void shouldAcceptEveryV1FormUnderV1Rules()
    {
        try (Arena arena = Arena.ofConfined())
        {
            for (final byte[] address : new byte[][] {V4, V6})
            {
                for (final int port : new int[] {-1, 8080})
                {
                    for (final boolean echo : new boolean[] {false, true})
                    {
                        final MemorySegment s = frame(arena, TcpFrames.options(o -> MptcpOptionWriter.addAddr(o, 0,
                            echo, 7, address, port, HMAC)));
                        final String what = address.length + "-byte address, port " + port + ", echo " + echo;
                        assertEquals(Malformed.NONE, MptcpOptionParser.addAddrForVersion(s, 0, 1, p.mptcp), what);
                        assertTrue(p.mptcp.has(Mptcp.ADD_ADDR), what);
                        assertFalse(p.mptcp.addAddrV0, what);
                        assertEquals(echo, p.mptcp.addAddrEcho, what);
                        assertEquals(!echo, p.mptcp.addAddrHasHmac, what);
                        assertEquals(echo ? 0 : HMAC, p.mptcp.addAddrHmac, what);
                        assertEquals(address.length == 4 ? 4 : 6, p.mptcp.addAddrIpVersion, what);
                        assertEquals(port >= 0, p.mptcp.addAddrHasPort, what);
                        assertEquals(7, p.mptcp.addAddrId, what);
                    }
                }
            }
        }
    }

    @Test
    void shouldTakeAV1OptionWhoseReservedBitsReadLikeAnIpVerAsV1()
    {
        // RFC 8684 ADD_ADDR with HMAC, IPv4, reserved bits set to 0100: the default parse takes the
        // nibble for a v0 IPVer and rejects length 16; under v1 rules the reserved bits are ignored.
        try (Arena arena = Arena.ofConfined())
        {
            final byte[] option = TcpFrames.options(o -> MptcpOptionWriter.addAddr(o, 0, false, 3, V4, -1, HMAC));
            option[2] = (byte)(Mptcp.ADD_ADDR << 4 | 0x4);
            final MemorySegment s = frame(arena, option);
            assertFalse(p.mptcp.has(Mptcp.ADD_ADDR));
            assertEquals(Malformed.ADD_ADDR_BAD_LENGTH, p.mptcp.malformed);

            assertEquals(Malformed.NONE, MptcpOptionParser.addAddrForVersion(s, 0, 1, p.mptcp));
            assertTrue(p.mptcp.has(Mptcp.ADD_ADDR));
            assertEquals(0xC6120009, p.mptcp.addAddrV4);
            assertEquals(HMAC, p.mptcp.addAddrHmac);
            assertFalse(p.mptcp.addAddrEcho);
            // Reserved bits with E: 0101 + length 8 is an IPv4 echo.
            option[2] = (byte)(Mptcp.ADD_ADDR << 4 | 0x5);
            final byte[] echo = java.util.Arrays.copyOf(option, 8);
            echo[1] = 8;
            final MemorySegment e = frame(arena, echo);
            assertEquals(Malformed.NONE, MptcpOptionParser.addAddrForVersion(e, 0, 1, p.mptcp));
            assertTrue(p.mptcp.addAddrEcho);
            assertFalse(p.mptcp.addAddrHasHmac);
        }
    }

    @Test
    void shouldRejectUnderV1TheV0FormsAndEveryOtherLength()
    {
        try (Arena arena = Arena.ofConfined())
        {
            // A v0 ADD_ADDR (IPVer 4, length 8, no HMAC) has E clear: under v1 it needs an HMAC.
            final MemorySegment s = frame(arena, TcpFrames.options(o -> MptcpOptionWriter.addAddrV0(o, 0, 2, V4, -1)));
            assertTrue(p.mptcp.has(Mptcp.ADD_ADDR));
            assertEquals(Malformed.ADD_ADDR_BAD_LENGTH, MptcpOptionParser.addAddrForVersion(s, 0, 1, p.mptcp));
            assertFalse(p.mptcp.has(Mptcp.ADD_ADDR));
            for (int length = 4; length <= 38; length++)
            {
                for (final int flags : new int[] {0, 1})
                {
                    final MemorySegment h = frame(arena, handBuilt(length, flags));
                    final boolean valid = flags == 1 ? length == 8 || length == 10 || length == 20 || length == 22 :
                        length == 16 || length == 18 || length == 28 || length == 30;
                    assertEquals(valid ? Malformed.NONE : Malformed.ADD_ADDR_BAD_LENGTH,
                        MptcpOptionParser.addAddrForVersion(h, 0, 1, p.mptcp), "length " + length + " E " + flags);
                }
            }
        }
    }

    @Test
    void shouldCheckTheIpVerNibbleAgainstTheLengthUnderV0Rules()
    {
        try (Arena arena = Arena.ofConfined())
        {
            for (final byte[] address : new byte[][] {V4, V6})
            {
                for (final int port : new int[] {-1, 443})
                {
                    final MemorySegment s = frame(arena, TcpFrames.options(o -> MptcpOptionWriter.addAddrV0(o, 0, 9,
                        address, port)));
                    assertEquals(Malformed.NONE, MptcpOptionParser.addAddrForVersion(s, 0, 0, p.mptcp));
                    assertTrue(p.mptcp.addAddrV0);
                    assertFalse(p.mptcp.addAddrHasHmac);
                    assertEquals(port >= 0 ? port : 0, p.mptcp.addAddrPort);
                }
            }
            // IPVer 6 on an 8-byte (IPv4) option, IPVer 5, and a v1 HMAC form, under v0 rules.
            assertEquals(Malformed.ADD_ADDR_BAD_IPVER, reparse(arena, handBuilt(8, 6), 0));
            assertEquals(Malformed.ADD_ADDR_BAD_IPVER, reparse(arena, handBuilt(20, 4), 0));
            assertEquals(Malformed.ADD_ADDR_BAD_IPVER, reparse(arena, handBuilt(10, 5), 0));
            assertEquals(Malformed.ADD_ADDR_BAD_LENGTH, reparse(arena, handBuilt(16, 4), 0));
            assertEquals(Malformed.ADD_ADDR_BAD_LENGTH, reparse(arena, TcpFrames.options(o ->
                MptcpOptionWriter.addAddr(o, 0, false, 1, V6, -1, HMAC)), 0));
            assertFalse(p.mptcp.has(Mptcp.ADD_ADDR));
        }
    }

    private int reparse(final Arena arena, final byte[] option, final int version)
    {
        final MemorySegment s = frame(arena, option);
        return MptcpOptionParser.addAddrForVersion(s, 0, version, p.mptcp);
    }

    /** An ADD_ADDR of any length with a given low nibble; the bytes after the address ID count up. */
    private static byte[] handBuilt(final int length, final int nibble)
    {
        final byte[] o = new byte[length];
        o[0] = (byte)Mptcp.OPTION_KIND;
        o[1] = (byte)length;
        o[2] = (byte)(Mptcp.ADD_ADDR << 4 | nibble);
        for (int i = 3; i < length; i++)
        {
            o[i] = (byte)i;
        }
        return o;
    }

    /** Builds an Ethernet/IPv4/TCP frame around the option, parses it from native memory at offset 0. */
    private MemorySegment frame(final Arena arena, final byte[] option)
    {
        final byte[] frame = TcpFrames.frame(false, 0, Mptcp.TCP_ACK, option, 0);
        final MemorySegment s = arena.allocate(frame.length);
        MemorySegment.copy(frame, 0, s, ValueLayout.JAVA_BYTE, 0, frame.length);
        parser.parseEthernet(s, 0, frame.length, p);
        return s;
    }
}
