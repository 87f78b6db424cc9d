package org.mpdp.dataplane.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * Every encoder round-trips through the parser inside real frames (IPv4, IPv6, VLAN, QinQ), with
 * random field values; every wrong length for every subtype is rejected with its own reason.
 */
final class MptcpOptionRoundTripTest
{
    private static final int SYN = Mptcp.TCP_SYN;
    private static final int SYN_ACK = Mptcp.TCP_SYN | Mptcp.TCP_ACK;
    private static final int ACK = Mptcp.TCP_ACK;

    private final Random random = new Random(42);
    private final PacketParser parser = new PacketParser();
    private final ParsedPacket p = new ParsedPacket();

    private ParsedPacket parse(final byte[] frame)
    {
        // Native memory, as mbufs are; the frame is copied once for the test.
        try (Arena arena = Arena.ofConfined())
        {
            final MemorySegment s = arena.allocate(frame.length + 64);
            MemorySegment.copy(frame, 0, s, ValueLayout.JAVA_BYTE, 32, frame.length);
            parser.parseEthernet(s, 32, frame.length, p);
            return p;
        }
    }

    private ParsedPacket roundTrip(final int tcpFlags, final byte[] options)
    {
        final boolean ipv6 = random.nextBoolean();
        final int vlans = random.nextInt(3);
        final ParsedPacket parsed = parse(TcpFrames.frame(ipv6, vlans, tcpFlags, options, random.nextInt(100)));
        assertEquals(ParsedPacket.TCP, parsed.status);
        assertEquals(Malformed.NONE, parsed.firstMalformed(), Malformed.name(parsed.firstMalformed()));
        assertEquals(ipv6 ? 6 : 4, parsed.ipVersion);
        assertEquals(vlans, parsed.vlanCount);
        return parsed;
    }

    @Test
    void shouldRoundTripMpCapableInEveryForm()
    {
        for (int i = 0; i < 200; i++)
        {
            final long a = random.nextLong();
            final long b = random.nextLong();
            final int dll = random.nextInt(65536);
            final int csum = random.nextInt(65536);
            final int[][] forms = {{4, 1, SYN}, {12, 0, SYN}, {12, 1, SYN_ACK}, {20, 1, ACK}, {20, 0, ACK},
                {22, 1, ACK}, {24, 1, ACK}};
            for (final int[] f : forms)
            {
                final MptcpOptions m = roundTrip(f[2], TcpFrames.options(s ->
                    MptcpOptionWriter.mpCapable(s, 0, f[0], f[1], 0x81, a, b, dll, csum))).mptcp;
                assertTrue(m.has(Mptcp.MP_CAPABLE));
                assertEquals(f[1], m.mpcVersion);
                assertEquals(0x81, m.mpcFlags);
                assertEquals(f[0] >= 12, m.mpcHasSenderKey);
                if (f[0] >= 12)
                {
                    assertEquals(a, m.mpcSenderKey);
                }
                if (f[0] >= 20)
                {
                    assertEquals(b, m.mpcReceiverKey);
                }
                if (f[0] >= 22)
                {
                    assertEquals(dll, m.mpcDataLength);
                }
                assertEquals(f[0] == 24, m.mpcHasChecksum);
                if (f[0] == 24)
                {
                    assertEquals(csum, m.mpcChecksum);
                }
            }
        }
    }

    @Test
    void shouldRoundTripMpJoinOnSynSynAckAndAck()
    {
        for (int i = 0; i < 200; i++)
        {
            final int id = random.nextInt(256);
            final int token = random.nextInt();
            final int nonce = random.nextInt();
            final long thmac = random.nextLong();
            final boolean backup = random.nextBoolean();
            MptcpOptions m = roundTrip(SYN, TcpFrames.options(s -> MptcpOptionWriter.mpJoinSyn(s, 0, backup, id, token,
                nonce))).mptcp;
            assertTrue(m.has(Mptcp.MP_JOIN));
            assertEquals(backup, m.joinBackup);
            assertEquals(id, m.joinAddressId);
            assertEquals(token, m.joinToken);
            assertEquals(nonce, m.joinNonce);
            m = roundTrip(SYN_ACK, TcpFrames.options(s -> MptcpOptionWriter.mpJoinSynAck(s, 0, backup, id, thmac,
                nonce))).mptcp;
            assertEquals(thmac, m.joinTruncatedHmac);
            assertEquals(nonce, m.joinNonce);
            final byte[] hmac = new byte[20];
            random.nextBytes(hmac);
            final byte[] frame = TcpFrames.frame(false, 0, ACK, TcpFrames.options(s -> MptcpOptionWriter.mpJoinAck(s, 0,
                hmac)), 0);
            m = parse(frame).mptcp;
            assertEquals(24, m.joinLength);
            for (int k = 0; k < 20; k++)
            {
                assertEquals(hmac[k], frame[m.joinHmacOffset + k]);
            }
        }
    }

    @Test
    void shouldRoundTripDssForAllFlagCombinations()
    {
        for (int flags = 0; flags < 32; flags++)
        {
            for (final boolean csum : new boolean[] {false, true})
            {
                final int f = flags;
                final boolean withCsum = csum && (flags & Mptcp.DSS_FLAG_MAP) != 0;
                final long ack = random.nextLong();
                final long dsn = random.nextLong();
                final int ssn = random.nextInt();
                final int dll = random.nextInt(65536);
                final int sum = random.nextInt(65536);
                final MptcpOptions m = roundTrip(ACK, TcpFrames.options(s -> MptcpOptionWriter.dss(s, 0, f, ack, dsn,
                    ssn, dll, withCsum, sum))).mptcp;
                assertTrue(m.has(Mptcp.DSS), "flags " + flags);
                assertEquals(flags, m.dssFlags);
                if ((flags & Mptcp.DSS_FLAG_ACK) != 0)
                {
                    assertEquals((flags & Mptcp.DSS_FLAG_ACK64) != 0 ? ack : ack & 0xFFFFFFFFL, m.dataAck);
                }
                if ((flags & Mptcp.DSS_FLAG_MAP) != 0)
                {
                    assertEquals((flags & Mptcp.DSS_FLAG_DSN64) != 0 ? dsn : dsn & 0xFFFFFFFFL, m.dsn);
                    assertEquals(ssn, m.ssn);
                    assertEquals(dll, m.dataLevelLength);
                    assertEquals(withCsum, m.dssHasChecksum);
                    if (withCsum)
                    {
                        assertEquals(sum, m.dssChecksum);
                    }
                }
            }
        }
    }

    @Test
    void shouldRoundTripAddAddrV1V0EchoPortV4V6()
    {
        for (int i = 0; i < 100; i++)
        {
            for (final int family : new int[] {4, 16})
            {
                final byte[] addr = new byte[family];
                random.nextBytes(addr);
                final int id = random.nextInt(256);
                final int port = random.nextBoolean() ? random.nextInt(65536) : -1;
                final long hmac = random.nextLong();
                for (final int form : new int[] {0, 1, 2}) // v1 with HMAC, v1 echo, v0
                {
                    final MptcpOptions m = roundTrip(ACK, TcpFrames.options(s -> form == 2 ?
                        MptcpOptionWriter.addAddrV0(s, 0, id, addr, port) :
                        MptcpOptionWriter.addAddr(s, 0, form == 1, id, addr, port, hmac))).mptcp;
                    assertTrue(m.has(Mptcp.ADD_ADDR), "form " + form + " family " + family + " port " + port);
                    assertEquals(form == 2, m.addAddrV0);
                    assertEquals(form == 1, m.addAddrEcho);
                    assertEquals(form == 0, m.addAddrHasHmac);
                    assertEquals(id, m.addAddrId);
                    assertEquals(family == 4 ? 4 : 6, m.addAddrIpVersion);
                    final java.nio.ByteBuffer bb = java.nio.ByteBuffer.wrap(addr);
                    if (family == 4)
                    {
                        assertEquals(bb.getInt(), m.addAddrV4);
                    }
                    else
                    {
                        assertEquals(bb.getLong(), m.addAddrV6High);
                        assertEquals(bb.getLong(), m.addAddrV6Low);
                    }
                    assertEquals(port >= 0, m.addAddrHasPort);
                    assertEquals(Math.max(port, 0), m.addAddrPort);
                    if (form == 0)
                    {
                        assertEquals(hmac, m.addAddrHmac);
                    }
                }
            }
        }
    }

    @Test
    void shouldRoundTripTheRemainingSubtypesTogether()
    {
        final long dsn = random.nextLong();
        final long key = random.nextLong();
        final byte[] opts = TcpFrames.options(s ->
        {
            int o = MptcpOptionWriter.removeAddr(s, 0, 3, 7, 250);
            o += MptcpOptionWriter.mpPrio(s, o, true, -1);
            o += MptcpOptionWriter.mpFail(s, o, dsn);
            o += MptcpOptionWriter.mpFastclose(s, o, key);
            o += MptcpOptionWriter.mpTcprst(s, o, 0x1, 6);
            return o;
        });
        final ParsedPacket parsed = roundTrip(ACK | Mptcp.TCP_RST, opts);
        final MptcpOptions m = parsed.mptcp;
        assertEquals(5, m.optionCount);
        assertEquals(3, m.removeAddrCount);
        assertTrue(m.prioBackup);
        assertEquals(-1, m.prioAddressId);
        assertEquals(dsn, m.failDsn);
        assertEquals(key, m.fastcloseKey);
        assertEquals(1, m.tcprstFlags);
        assertEquals(6, m.tcprstReason);
        assertEquals(MptcpOptions.bit(Mptcp.REMOVE_ADDR) | MptcpOptions.bit(Mptcp.MP_PRIO) |
            MptcpOptions.bit(Mptcp.MP_FAIL) | MptcpOptions.bit(Mptcp.MP_FASTCLOSE) | MptcpOptions.bit(Mptcp.MP_TCPRST),
            m.present);
    }

    @Test
    void shouldRejectEveryWrongLengthWithItsOwnReason()
    {
        final int[][] cases = { // subtype, tcp flags, expected reason, valid lengths...
            {Mptcp.MP_CAPABLE, ACK, Malformed.MP_CAPABLE_BAD_LENGTH, 20, 22, 24},
            {Mptcp.MP_JOIN, SYN, Malformed.MP_JOIN_BAD_LENGTH, 12},
            {Mptcp.MP_JOIN, SYN_ACK, Malformed.MP_JOIN_BAD_LENGTH, 16},
            {Mptcp.MP_JOIN, ACK, Malformed.MP_JOIN_BAD_LENGTH, 24},
            {Mptcp.REMOVE_ADDR, ACK, Malformed.REMOVE_ADDR_BAD_LENGTH},
            {Mptcp.MP_PRIO, ACK, Malformed.MP_PRIO_BAD_LENGTH, 3, 4},
            {Mptcp.MP_FAIL, ACK, Malformed.MP_FAIL_BAD_LENGTH, 12},
            {Mptcp.MP_FASTCLOSE, ACK, Malformed.MP_FASTCLOSE_BAD_LENGTH, 12},
            {Mptcp.MP_TCPRST, ACK, Malformed.MP_TCPRST_BAD_LENGTH, 4},
        };
        for (final int[] c : cases)
        {
            for (int length = 3; length <= 36; length++)
            {
                boolean valid = c[0] == Mptcp.REMOVE_ADDR && length >= 4;
                for (int k = 3; k < c.length; k++)
                {
                    valid |= c[k] == length;
                }
                final byte[] opt = new byte[length];
                opt[0] = (byte)Mptcp.OPTION_KIND;
                opt[1] = (byte)length;
                opt[2] = (byte)(c[0] << 4 | (c[0] == Mptcp.MP_CAPABLE ? 1 : 0));
                final ParsedPacket parsed = parse(TcpFrames.frame(false, 0, c[1], opt, 0));
                assertEquals(ParsedPacket.TCP, parsed.status);
                assertEquals(valid, parsed.mptcp.has(c[0]), "subtype " + c[0] + " length " + length);
                assertEquals(valid ? Malformed.NONE : c[2], parsed.mptcp.malformed, "subtype " + c[0] + " length " + length);
            }
        }
        // DSS: only lengths matching the flags (plus a checksum when mapped).
        for (int flags = 0; flags < 32; flags++)
        {
            for (int length = 3; length <= 36; length++)
            {
                final int ack = (flags & 1) == 0 ? 0 : (flags & 2) != 0 ? 8 : 4;
                final int map = (flags & 4) == 0 ? 0 : ((flags & 8) != 0 ? 8 : 4) + 6;
                final boolean valid = length == 4 + ack + map || map > 0 && length == 6 + ack + map;
                final byte[] opt = new byte[length];
                opt[0] = (byte)Mptcp.OPTION_KIND;
                opt[1] = (byte)length;
                opt[2] = (byte)(Mptcp.DSS << 4);
                if (length > 3)
                {
                    opt[3] = (byte)flags;
                }
                final ParsedPacket parsed = parse(TcpFrames.frame(false, 0, ACK, opt, 0));
                assertEquals(valid, parsed.mptcp.has(Mptcp.DSS), "dss flags " + flags + " length " + length);
            }
        }
    }

    @Test
    void shouldStopAtTruncatedOrZeroLengthOptionsAndCountThem()
    {
        final byte[] truncated = {(byte)Mptcp.OPTION_KIND, 30, 0x20, 0x01};
        ParsedPacket parsed = parse(TcpFrames.frame(false, 0, ACK, truncated, 0));
        assertEquals(Malformed.OPTION_TRUNCATED, parsed.tcpOptionMalformed);
        assertFalse(parsed.isMptcp());
        final byte[] zero = {8, 0, 1, 1};
        parsed = parse(TcpFrames.frame(false, 0, ACK, zero, 0));
        assertEquals(Malformed.OPTION_BAD_LENGTH, parsed.tcpOptionMalformed);
        assertEquals(1, parser.malformedCount(Malformed.OPTION_TRUNCATED));
        assertEquals(1, parser.malformedCount(Malformed.OPTION_BAD_LENGTH));
    }

    @Test
    void shouldFlagFragmentsAndNotParseThemAsTcp()
    {
        final byte[] frame = TcpFrames.frame(false, 0, ACK, new byte[0], 10);
        frame[14 + 6] = 0x20; // MF
        assertEquals(ParsedPacket.FRAGMENT, parse(frame).status);
    }

    @Test
    void shouldNeverReadPastTheFrameWhateverTheBytes()
    {
        // Random mutations of valid frames at every truncation: no exception, every result a known status.
        final byte[] base = TcpFrames.frame(false, 1, ACK, TcpFrames.options(s -> MptcpOptionWriter.dss(s, 0, 0x1F,
            1, 2, 3, 4, true, 5)), 20);
        for (int i = 0; i < 20_000; i++)
        {
            final byte[] f = base.clone();
            for (int k = random.nextInt(6); k >= 0; k--)
            {
                f[random.nextInt(f.length)] = (byte)random.nextInt();
            }
            final int cut = random.nextInt(f.length + 1);
            try (Arena arena = Arena.ofConfined())
            {
                // Exactly the frame's bytes: any read past them throws IndexOutOfBoundsException.
                final MemorySegment s = arena.allocate(Math.max(1, cut));
                MemorySegment.copy(f, 0, s, ValueLayout.JAVA_BYTE, 0, cut);
                final int status = parser.parseEthernet(s, 0, cut, p);
                assertTrue(status >= ParsedPacket.TCP && status <= ParsedPacket.MALFORMED);
            }
        }
    }
}
