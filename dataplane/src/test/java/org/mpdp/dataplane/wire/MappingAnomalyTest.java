package org.mpdp.dataplane.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mpdp.dataplane.crypto.KeyDerivation;
import org.mpdp.dataplane.track.ConnectionView;
import org.mpdp.dataplane.track.SubflowView;
import org.mpdp.dataplane.track.Tracker;
import org.mpdp.dataplane.track.Reason;

/**
 * DSS mapping checks and the connection-level options: payload without a mapping, a mapping that
 * contradicts the previous one, a DSN far outside the DATA_ACK window, fallback on an infinite
 * mapping and on MP_FAIL, MP_PRIO changing a subflow's backup flag, ADD_ADDR and REMOVE_ADDR sets.
 */
final class MappingAnomalyTest
{
    private static final int C = 0xC6120101;
    private static final int S = 0xC6120102;
    private static final long KEY_A = 0x0123456789ABCDEFL;
    private static final long KEY_B = 0x7EDCBA9876543210L;
    private static final int ISN = 1000;
    private static final int MAP64 = Mptcp.DSS_FLAG_MAP | Mptcp.DSS_FLAG_DSN64;

    private final PacketParser parser = new PacketParser();
    private final ParsedPacket p = new ParsedPacket();
    private final Tracker tracker = new Tracker(8, 16);
    private final long dsn0 = new KeyDerivation().idsnV1(KEY_A) + 1;

    private Reason feed(final byte[] frame)
    {
        final MemorySegment s = MemorySegment.ofArray(frame);
        parser.parseEthernet(s, 0, frame.length, p);
        tracker.onPacket(p, s, 0);
        return tracker.lastReason();
    }

    private void handshake()
    {
        feed(TcpFrames.ipv4(C, 40000, S, 80, Mptcp.TCP_SYN, ISN, 0, o -> MptcpOptionWriter.mpCapable(o, 0, 4, 1, 1, 0, 0,
            0, 0)));
        feed(TcpFrames.ipv4(S, 80, C, 40000, Mptcp.TCP_SYN | Mptcp.TCP_ACK, 5000, 0, o -> MptcpOptionWriter.mpCapable(o,
            0, 12, 1, 1, KEY_B, 0, 0, 0)));
        feed(TcpFrames.ipv4(C, 40000, S, 80, Mptcp.TCP_ACK, ISN + 1, 0, o -> MptcpOptionWriter.mpCapable(o, 0, 20, 1, 1,
            KEY_A, KEY_B, 0, 0)));
    }

    private byte[] data(final int ssn, final int payload, final java.util.function.ToIntFunction<MemorySegment> dss)
    {
        return TcpFrames.ipv4(C, 40000, S, 80, Mptcp.TCP_ACK | Mptcp.TCP_PSH, ISN + ssn, payload, dss);
    }

    @Test
    void shouldAcceptMappedDataAndFlagPayloadNoMappingCovers()
    {
        handshake();
        assertEquals(Reason.OK, feed(data(1, 500, o -> MptcpOptionWriter.dss(o, 0, MAP64, 0, dsn0, 1, 1000, false, 0))));
        assertEquals(Reason.OK, feed(data(501, 500, o -> 0)));
        assertEquals(Reason.MISSING_MAPPING, feed(data(1001, 100, o -> 0)));
        assertEquals(1, ConnectionView.of(tracker, 0).mappingAnomalies());
    }

    @Test
    void shouldFlagAMappingThatContradictsThePreviousOne()
    {
        handshake();
        feed(data(1, 100, o -> MptcpOptionWriter.dss(o, 0, MAP64, 0, dsn0, 1, 1000, false, 0)));
        // Subflow bytes 501.. mapped again, to DSNs shifted by 7.
        assertEquals(Reason.INCONSISTENT_MAPPING, feed(data(501, 100, o -> MptcpOptionWriter.dss(o, 0, MAP64, 0,
            dsn0 + 507, 501, 500, false, 0))));
    }

    /**
     * Seen from Linux through mpdp (server-side capture, 2026-12-02): a mapping of 19,928 bytes with
     * DATA_FIN (data-level length 19,929), then, at the next subflow byte, a reinjection mapped to earlier
     * DSNs. The DATA_FIN takes one DSN but no subflow byte (RFC 8684 3.3.3), so the two mappings do not
     * overlap; mpdp used to count the DATA_FIN as a subflow byte and flagged every segment of the second
     * mapping inconsistent. tshark (mptcp.analyze_mptcp) raised nothing on that capture: tshark was right.
     */
    @Test
    void shouldNotCountTheDataFinAsASubflowByte()
    {
        handshake();
        final int fin = Mptcp.DSS_FLAG_DATA_FIN;
        assertEquals(Reason.OK, feed(data(1, 500, o -> MptcpOptionWriter.dss(o, 0, MAP64 | fin, 0, dsn0 + 4000, 1,
            501, false, 0))));
        // Subflow bytes 501..1000 carry data from DSN dsn0 again (sent first on another subflow): a new mapping.
        assertEquals(Reason.OK, feed(data(501, 500, o -> MptcpOptionWriter.dss(o, 0, MAP64, 0, dsn0, 501, 500, false,
            0))));
        assertEquals(0, ConnectionView.of(tracker, 0).mappingAnomalies());
    }

    @Test
    void shouldStillFlagAMappingOverTheLastDataByteBeforeADataFin()
    {
        handshake();
        feed(data(1, 500, o -> MptcpOptionWriter.dss(o, 0, MAP64 | Mptcp.DSS_FLAG_DATA_FIN, 0, dsn0 + 4000, 1, 501,
            false, 0)));
        // Subflow byte 500 is data (DSN dsn0 + 4499): mapping it to dsn0 contradicts that.
        assertEquals(Reason.INCONSISTENT_MAPPING, feed(data(500, 100, o -> MptcpOptionWriter.dss(o, 0, MAP64, 0, dsn0,
            500, 100, false, 0))));
    }

    @Test
    void shouldFlagADsnFarOutsideTheDataAckWindow()
    {
        handshake();
        // The server acknowledges the first 1000 bytes; then a mapping 2 GiB ahead.
        feed(TcpFrames.ipv4(S, 80, C, 40000, Mptcp.TCP_ACK, 5001, 0, o -> MptcpOptionWriter.dss(o, 0,
            Mptcp.DSS_FLAG_ACK | Mptcp.DSS_FLAG_ACK64, dsn0 + 1000, 0, 0, 0, false, 0)));
        assertEquals(dsn0 + 1000, tracker.dataAcked(0, 0), "DATA_ACK of the client's data");
        assertEquals(Reason.DSN_OUT_OF_WINDOW, feed(data(1, 100, o -> MptcpOptionWriter.dss(o, 0, MAP64, 0,
            dsn0 + (2L << 30), 1, 100, false, 0))));
    }

    @Test
    void shouldFallBackOnAnInfiniteMappingAndOnMpFail()
    {
        handshake();
        assertEquals(Reason.FALLBACK, feed(data(1, 100, o -> MptcpOptionWriter.dss(o, 0, MAP64, 0, dsn0, 0, 0, false,
            0))));
        assertTrue(ConnectionView.of(tracker, 0).fallback());
        // After fallback, unmapped payload is plain TCP: not flagged.
        assertEquals(Reason.OK, feed(data(101, 100, o -> 0)));
        assertEquals(Reason.FALLBACK, feed(data(201, 0, o -> MptcpOptionWriter.mpFail(o, 0, dsn0 + 100))));
    }

    @Test
    void shouldTrackBackupPriorityAndAnnouncedAddresses()
    {
        handshake();
        feed(TcpFrames.ipv4(C, 40000, S, 80, Mptcp.TCP_ACK, ISN + 1, 0, o -> MptcpOptionWriter.mpPrio(o, 0, true, -1)));
        assertTrue(SubflowView.ofConnection(tracker, 0).get(0).backup());
        // The v0 form of ADD_ADDR (no HMAC) on this v1 connection is refused, not announced (RFC 8684 3.4.1).
        assertEquals(Reason.ADD_ADDR_NO_HMAC, feed(TcpFrames.ipv4(S, 80, C, 40000, Mptcp.TCP_ACK, 5001, 0, o ->
            MptcpOptionWriter.addAddrV0(o, 0, 3, new byte[] {(byte)198, 18, 9, 9}, 8080))));
        assertEquals(List.of(), ConnectionView.of(tracker, 0).announced());
    }
}
