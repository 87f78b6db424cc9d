package org.mpdp.robe.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;

import org.junit.jupiter.api.Test;
import org.mpdp.dataplane.crypto.InternetChecksum;

/** Frames built by {@link Frames} and {@link Options} parse back with {@link Segment}, checksums verifying. */
final class SegmentTest
{
    private static final int CLIENT = Ipv4.parse("198.18.1.20");
    private static final int SERVER = Ipv4.parse("198.18.1.2");

    @Test
    void shouldRoundTripADssDataSegmentWithValidChecksums()
    {
        final Frames frames = new Frames();
        final Options o = new Options();
        o.dss(0x8000_0000_0000_0001L, true, 0xFEDC_BA98_7654_3210L, 1, 5, false);
        o.pad();
        final byte[] payload = "hello".getBytes();
        final int n = frames.tcp(0x0272_6200_000AL, 0x0272_6200_010AL, CLIENT, SERVER, 40000, 7000, 123, 456,
            Frames.ACK | Frames.PSH, 65535, o.bytes(), o.length(), payload, 0, payload.length);
        final byte[] frame = frames.bytes();
        final MemorySegment m = MemorySegment.ofArray(frame);
        assertEquals(0, InternetChecksum.complement(InternetChecksum.sum(m, Frames.ETH_LENGTH, Frames.IP_LENGTH)),
            "IPv4 header checksum");
        final int tcpLength = n - Frames.TCP_OFFSET;
        final long pseudo = (CLIENT >>> 16) + (CLIENT & 0xFFFF) + (SERVER >>> 16) + (SERVER & 0xFFFF) + 6 + tcpLength;
        assertEquals(0, InternetChecksum.complement(InternetChecksum.fold(pseudo +
            InternetChecksum.sum(m, Frames.TCP_OFFSET, tcpLength))), "TCP checksum over the pseudo-header");

        final Segment s = new Segment();
        assertEquals(Segment.TCP, s.wrap(frame, n));
        assertEquals(CLIENT, s.src());
        assertEquals(SERVER, s.dst());
        assertEquals(40000, s.sport());
        assertEquals(7000, s.dport());
        assertEquals(123, s.seq());
        assertEquals(456, s.ack());
        assertTrue(s.has(Frames.ACK) && s.has(Frames.PSH) && !s.has(Frames.SYN));
        assertEquals(5, s.payloadLength());
        assertTrue(s.dss() && s.hasDataAck() && s.dataAck64() && s.hasMapping() && s.dsn64() && !s.dataFin());
        assertEquals(0x8000_0000_0000_0001L, s.dataAck());
        assertEquals(0xFEDC_BA98_7654_3210L, s.dsn());
        assertEquals(1, s.ssn());
        assertEquals(5, s.dataLength());
        final byte[] copy = new byte[5];
        s.copyPayload(0, copy, 0, 5);
        assertEquals("hello", new String(copy));
    }

    @Test
    void shouldRoundTripMpCapableAndMpJoinOptions()
    {
        final Frames frames = new Frames();
        final Options o = new Options();
        o.mss(1460).mpCapable(2, 0x1122_3344_5566_7788L, 0x99AA_BBCC_DDEE_FF00L, -1);
        o.pad();
        final Segment s = new Segment();
        int n = frames.tcp(1, 2, CLIENT, SERVER, 1, 2, 0, 0, Frames.ACK, 100, o.bytes(), o.length(), null, 0, 0);
        assertEquals(Segment.TCP, s.wrap(frames.bytes(), n));
        assertTrue(s.mpCapable());
        assertEquals(2, s.mpCapableKeys());
        assertEquals(0x1122_3344_5566_7788L, s.mpCapableKey1());
        assertEquals(0x99AA_BBCC_DDEE_FF00L, s.mpCapableKey2());
        assertEquals(1460, s.mss());
        assertFalse(s.mpJoin());

        o.clear();
        o.joinSynAck(3, 0x0102_0304_0506_0708L, 0xCAFE_BABE);
        o.pad();
        n = frames.tcp(1, 2, SERVER, CLIENT, 2, 1, 0, 1, Frames.SYN | Frames.ACK, 100, o.bytes(), o.length(), null, 0,
            0);
        assertEquals(Segment.TCP, s.wrap(frames.bytes(), n));
        assertTrue(s.mpJoin() && !s.mpCapable());
        assertEquals(16, s.mpJoinLength());
        assertEquals(0x0102_0304_0506_0708L, s.mpJoinThmac());
        assertEquals(0xCAFE_BABE, s.mpJoinNonce());
    }

    @Test
    void shouldParseAnArpRequest()
    {
        final Frames frames = new Frames();
        final int n = frames.arpRequest(0x0272_6200_000AL, CLIENT, SERVER);
        final Segment s = new Segment();
        assertEquals(Segment.ARP_REQUEST, s.wrap(frames.bytes(), n));
        assertEquals(CLIENT, s.arpSender());
        assertEquals(SERVER, s.arpTarget());
        assertEquals(0x0272_6200_000AL, s.arpSenderMac());
    }
}
