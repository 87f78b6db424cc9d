package org.mpdp.robe.listen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToIntFunction;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mpdp.dataplane.counters.Counters;
import org.mpdp.dataplane.crypto.KeyDerivation;
import org.mpdp.dataplane.wire.Mptcp;
import org.mpdp.dataplane.wire.MptcpOptionWriter;
import org.mpdp.dataplane.wire.PacketParser;
import org.mpdp.dataplane.wire.ParsedPacket;
import org.mpdp.robe.esim.EsimHmac;
import org.mpdp.robe.esim.EsimOption;
import org.mpdp.robe.esim.EsimSubtypes;

/**
 * The responder's eSIM handshakes with real frames in native memory: frames built the way a client builds them
 * go in through {@link Responder#onFrame}, and what it sends is parsed back with the data plane's parser. Covers
 * the draft's case 2 (MP_JOIN_CAP before the initial flow's third ACK: the connection is established and carries
 * data without that ACK ever arriving), a forged MP_JOIN_CAP HMAC, an MP_JOIN_CAP for no connection, and a SYN
 * without ROBE_eSIM_EN (answered without it, as Linux would be).
 */
final class ResponderTest
{
    private static final int SERVER1 = 0xC612_2902; // 198.18.41.2
    private static final int SERVER2 = 0xC612_2A02; // 198.18.42.2
    private static final int CLIENT1 = 0xC612_2914;
    private static final int CLIENT2 = 0xC612_2A14;
    private static final int PORT = 7000;
    private static final long CLIENT_MAC = 0x02_00_00_00_00_01L;

    private final Arena arena = Arena.ofConfined();
    private final List<byte[]> sent = new ArrayList<>();
    private final Counters counters = new Counters(128);
    private final ListenCounters listenCounters = new ListenCounters(counters);
    private final FrameSink sink = new FrameSink()
    {
        private final MemorySegment room = arena.allocate(FRAME_ROOM);

        @Override
        public MemorySegment open(final int port)
        {
            return room;
        }

        @Override
        public void send(final int port, final int length)
        {
            sent.add(room.asSlice(0, length).toArray(ValueLayout.JAVA_BYTE));
        }
    };
    private final Responder responder = new Responder(new int[] {SERVER1, SERVER2}, new int[] {0, 1}, PORT,
        EsimSubtypes.DEFAULTS, 16, sink, new long[] {0x02_00_00_00_00_0AL, 0x02_00_00_00_00_0BL}, listenCounters,
        new SplittableRandom(7));
    private final PacketParser parser = new PacketParser();
    private final KeyDerivation keys = new KeyDerivation();
    private long now = 1_000_000_000L;

    @AfterEach
    void close()
    {
        arena.close();
    }

    /** A client flow: its addresses and sequence numbers. */
    private record Peer(int port, int src, int dst, int sport, int iss)
    {
    }

    private void in(final Peer p, final int seq, final int ack, final int flags, final ToIntFunction<MemorySegment> options,
        final byte[] payload)
    {
        final MemorySegment s = arena.allocate(FrameSink.FRAME_ROOM);
        TcpFrame.begin(s, 0x02_00_00_00_00_0AL, CLIENT_MAC, p.src, p.dst, p.sport, PORT, seq, ack, flags, 65535);
        final int o = TcpFrame.pad(s, options.applyAsInt(s));
        MemorySegment.copy(MemorySegment.ofArray(payload), 0, s, TcpFrame.OPTIONS_OFFSET + o, payload.length);
        final int length = TcpFrame.finish(s, o, payload.length);
        assertTrue(responder.onFrame(s.asSlice(0, length), length, p.port, now));
    }

    private ParsedPacket out(final int index)
    {
        final MemorySegment s = arena.allocate(sent.get(index).length);
        MemorySegment.copy(MemorySegment.ofArray(sent.get(index)), 0, s, 0, sent.get(index).length);
        final ParsedPacket p = new ParsedPacket();
        assertEquals(ParsedPacket.TCP, parser.parseEthernet(s, 0, sent.get(index).length, p));
        return p;
    }

    private boolean hasOption(final int index, final int subtype)
    {
        final ParsedPacket p = out(index);
        final UnsafeBuffer b = new UnsafeBuffer(sent.get(index));
        return EsimOption.find(b, p.l4Offset + 20, p.tcpHeaderLength - 20, subtype) >= 0;
    }

    private static int mpcSyn(final MemorySegment s, final boolean esim)
    {
        int o = MptcpOptionWriter.mpCapable(s, TcpFrame.OPTIONS_OFFSET, Mptcp.MPC_SYN_V1_LENGTH, 1, Mptcp.MPC_FLAG_H,
            0, 0, 0, 0);
        if (esim)
        {
            o += EsimOption.writeEnable(new UnsafeBuffer(s.address() + TcpFrame.OPTIONS_OFFSET + o, 4), 0,
                EsimSubtypes.DEFAULT_ENABLE);
        }
        return o;
    }

    private static int joinCap(final MemorySegment s, final long keyA, final EsimHmac hmac, final boolean forge)
    {
        final UnsafeBuffer b = new UnsafeBuffer(s.address() + TcpFrame.OPTIONS_OFFSET, 24);
        final int n = EsimOption.writeJoinCap(b, 0, EsimSubtypes.DEFAULT_JOIN_CAP, 2, keyA, hmac);
        if (forge)
        {
            b.putByte(EsimOption.HMAC_OFFSET, (byte)(b.getByte(EsimOption.HMAC_OFFSET) ^ 0x40));
        }
        return n;
    }

    /** SYN with MP_CAPABLE (+ ROBE_eSIM_EN) on both paths; returns the two SYN/ACKs' Key-B and ISNs. */
    private long[] twoSyns(final Peer one, final Peer two)
    {
        in(one, one.iss, 0, TcpFrame.SYN, s -> mpcSyn(s, true), new byte[0]);
        in(two, two.iss, 0, TcpFrame.SYN, s -> mpcSyn(s, true), new byte[0]);
        assertEquals(2, sent.size());
        final ParsedPacket a = out(0);
        final ParsedPacket b = out(1);
        assertEquals(TcpFrame.SYN | TcpFrame.ACK, a.tcpFlags);
        assertEquals(one.iss + 1, a.ack);
        assertTrue(a.mptcp.has(Mptcp.MP_CAPABLE) && a.mptcp.mpcHasSenderKey);
        assertTrue(hasOption(0, EsimSubtypes.DEFAULT_ENABLE), "ROBE_eSIM_EN answered");
        assertTrue(hasOption(1, EsimSubtypes.DEFAULT_ENABLE), "ROBE_eSIM_EN answered");
        return new long[] {a.mptcp.mpcSenderKey, b.mptcp.mpcSenderKey, a.seq, b.seq};
    }

    @Test
    void shouldEstablishTheInitialFlowFromAJoinCapThatOvertookItsThirdAck()
    {
        final Peer one = new Peer(0, CLIENT1, SERVER1, 40001, 1000);
        final Peer two = new Peer(1, CLIENT2, SERVER2, 40002, 5000);
        final long[] got = twoSyns(one, two);
        final long keyA = 0x0A0A_0A0A_1234_5678L;
        final EsimHmac hmac = new EsimHmac().compute(keyA, got[0], got[1]);
        // Flow two's third ACK carries MP_JOIN_CAP; flow one's third ACK is "lost" and never sent.
        in(two, two.iss + 1, (int)got[3] + 1, TcpFrame.ACK, s -> joinCap(s, keyA, hmac, false), new byte[0]);
        assertEquals(1, listenCounters.joinCapAccepted.get());
        assertEquals(1, listenCounters.joinCapAcceptedEarly.get());
        assertEquals(1, listenCounters.mpcEstablished.get());
        assertEquals(1, listenCounters.esimNegotiated.get());
        assertEquals(1, responder.connectionsInUse(), "flow two's own connection is gone");
        assertEquals(TcpFrame.ACK, out(2).tcpFlags);
        assertTrue(out(2).mptcp.has(Mptcp.DSS), "the acceptance ACK carries a DATA_ACK");
        // Data on flow one, mapped by DSS (no MP_CAPABLE third ACK ever): echoed back.
        keys.deriveV1(keyA);
        final long idsnA = keys.idsn();
        final byte[] request = "hello, eSIM".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        in(one, one.iss + 1, (int)got[2] + 1, TcpFrame.ACK | TcpFrame.PSH, s -> MptcpOptionWriter.dss(s,
            TcpFrame.OPTIONS_OFFSET, Mptcp.DSS_FLAG_MAP | Mptcp.DSS_FLAG_DSN64, 0, idsnA + 1, 1, request.length, false,
            0), request);
        final ParsedPacket echo = out(sent.size() - 1);
        assertEquals(request.length, echo.payloadLength);
        assertEquals(1, echo.mptcp.ssn);
        keys.deriveV1(got[0]);
        assertEquals(keys.idsn() + 1, echo.mptcp.dsn, "our data starts at Key-B's IDSN + 1");
        assertEquals(idsnA + 1 + request.length, echo.mptcp.dataAck);
        final byte[] back = new byte[request.length];
        System.arraycopy(sent.get(sent.size() - 1), echo.payloadOffset, back, 0, back.length);
        assertArrayEquals(request, back);
        assertEquals(0, listenCounters.rstsSent.get());
    }

    @Test
    void shouldResetAndCountAForgedJoinCapHmac()
    {
        final Peer one = new Peer(0, CLIENT1, SERVER1, 40011, 1000);
        final Peer two = new Peer(1, CLIENT2, SERVER2, 40012, 5000);
        final long[] got = twoSyns(one, two);
        final long keyA = 0x0B0B_0B0B_1234_5678L;
        in(one, one.iss + 1, (int)got[2] + 1, TcpFrame.ACK, s -> MptcpOptionWriter.mpCapable(s,
            TcpFrame.OPTIONS_OFFSET, Mptcp.MPC_ACK_LENGTH, 1, Mptcp.MPC_FLAG_H, keyA, got[0], 0, 0), new byte[0]);
        assertEquals(1, listenCounters.mpcEstablished.get());
        final EsimHmac hmac = new EsimHmac().compute(keyA, got[0], got[1]);
        in(two, two.iss + 1, (int)got[3] + 1, TcpFrame.ACK, s -> joinCap(s, keyA, hmac, true), new byte[0]);
        assertEquals(1, listenCounters.joinCapRejectedHmac.get());
        assertEquals(0, listenCounters.joinCapAccepted.get());
        final ParsedPacket rst = out(sent.size() - 1);
        assertEquals(TcpFrame.RST | TcpFrame.ACK, rst.tcpFlags);
        assertEquals(40012, rst.dstPort);
        assertEquals(1, listenCounters.rstsSent.get());
        assertEquals(1, responder.connectionsInUse(), "the forged flow's connection is gone, the real one stays");
    }

    @Test
    void shouldResetAJoinCapForNoConnection()
    {
        final Peer one = new Peer(0, CLIENT1, SERVER1, 40021, 1000);
        final Peer two = new Peer(1, CLIENT2, SERVER2, 40022, 5000);
        final long[] got = twoSyns(one, two);
        // Key-A nobody has, and an HMAC over a Key-B nobody has (so its fast hash points nowhere or fails).
        final EsimHmac hmac = new EsimHmac().compute(0x77, got[0] ^ 0x5555_0000_0000_0000L, got[1]);
        in(two, two.iss + 1, (int)got[3] + 1, TcpFrame.ACK, s -> joinCap(s, 0x77, hmac, false), new byte[0]);
        assertEquals(1, listenCounters.joinCapRejectedNoConnection.get() + listenCounters.joinCapRejectedHmac.get());
        assertEquals(0, listenCounters.joinCapAccepted.get());
        assertEquals(1, responder.connectionsInUse());
    }

    @Test
    void shouldNotAnswerRobeEsimEnWhenNotOffered()
    {
        final Peer one = new Peer(0, CLIENT1, SERVER1, 40031, 1000);
        in(one, one.iss, 0, TcpFrame.SYN, s -> mpcSyn(s, false), new byte[0]);
        assertEquals(1, sent.size());
        assertTrue(out(0).mptcp.has(Mptcp.MP_CAPABLE));
        assertFalse(hasOption(0, EsimSubtypes.DEFAULT_ENABLE));
        assertEquals(0, responder.esim.size(), "only eSIM connections are in the fast-hash index");
    }
}
