package org.mpdp.dataplane.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mpdp.dataplane.crypto.KeyDerivation;
import org.mpdp.dataplane.track.ConnectionView;
import org.mpdp.dataplane.track.Tracker;

/**
 * Data-level accounting: the same data mapped again on another subflow is a reinjection; a mapping
 * repeated on its own subflow, out-of-order mappings that fill a gap, and a DATA_FIN attached to the
 * last segment of a mapping are not.
 */
final class ReinjectionTest
{
    private static final int C1 = 0xC6120101;
    private static final int C2 = 0xC6120201;
    private static final int S = 0xC6120102;
    private static final long KEY_A = 0x1111222233334444L;
    private static final long KEY_B = 0x5555666677778888L;

    @Test
    void shouldCountOnlyDataSentAgainOnAnotherSubflow()
    {
        final KeyDerivation derive = new KeyDerivation();
        final long dsn0 = derive.idsnV1(KEY_A) + 1;
        final int token = derive.tokenV1(KEY_B);
        final int ack = Mptcp.TCP_ACK;
        final int map64 = Mptcp.DSS_FLAG_MAP | Mptcp.DSS_FLAG_DSN64;
        final List<byte[]> f = new ArrayList<>();
        f.add(TcpFrames.ipv4(C1, 40000, S, 80, Mptcp.TCP_SYN, o -> MptcpOptionWriter.mpCapable(o, 0, 4, 1, 1, 0, 0, 0, 0)));
        f.add(TcpFrames.ipv4(S, 80, C1, 40000, Mptcp.TCP_SYN | ack, o -> MptcpOptionWriter.mpCapable(o, 0, 12, 1, 1, KEY_B,
            0, 0, 0)));
        f.add(TcpFrames.ipv4(C1, 40000, S, 80, ack, o -> MptcpOptionWriter.mpCapable(o, 0, 20, 1, 1, KEY_A, KEY_B, 0, 0)));
        f.add(TcpFrames.ipv4(C2, 40001, S, 80, Mptcp.TCP_SYN, o -> MptcpOptionWriter.mpJoinSyn(o, 0, false, 1, token, 7)));
        // [0, 1000) on subflow 1, announced twice (one mapping over two segments).
        f.add(TcpFrames.ipv4(C1, 40000, S, 80, ack, o -> MptcpOptionWriter.dss(o, 0, map64, 0, dsn0, 1, 1000, false, 0)));
        f.add(TcpFrames.ipv4(C1, 40000, S, 80, ack, o -> MptcpOptionWriter.dss(o, 0, map64, 0, dsn0, 1, 1000, false, 0)));
        // [2000, 3000) on subflow 2 before [1000, 2000) on subflow 1: a gap filled later, not a reinjection.
        f.add(TcpFrames.ipv4(C2, 40001, S, 80, ack, o -> MptcpOptionWriter.dss(o, 0, map64, 0, dsn0 + 2000, 1, 1000, false,
            0)));
        f.add(TcpFrames.ipv4(C1, 40000, S, 80, ack, o -> MptcpOptionWriter.dss(o, 0, map64, 0, dsn0 + 1000, 1001, 1000,
            false, 0)));
        // [500, 1500) again on subflow 2: 1000 bytes reinjected.
        f.add(TcpFrames.ipv4(C2, 40001, S, 80, ack, o -> MptcpOptionWriter.dss(o, 0, map64, 0, dsn0 + 500, 1001, 1000,
            false, 0)));
        // The last mapping of subflow 1 again, now with DATA_FIN attached (DLL + 1): not a reinjection.
        f.add(TcpFrames.ipv4(C1, 40000, S, 80, ack, o -> MptcpOptionWriter.dss(o, 0, map64 | Mptcp.DSS_FLAG_DATA_FIN, 0,
            dsn0 + 1000, 1001, 1001, false, 0)));

        final PacketParser parser = new PacketParser();
        final ParsedPacket p = new ParsedPacket();
        try (Tracker tracker = new Tracker(8, 16))
        {
            for (final byte[] frame : f)
            {
                final MemorySegment s = MemorySegment.ofArray(frame);
                parser.parseEthernet(s, 0, frame.length, p);
                tracker.onPacket(p, s, 0);
            }
            assertEquals(1, tracker.connections().count());
            final ConnectionView c = ConnectionView.of(tracker, 0);
            assertEquals(1000, c.reinjectedBytes());
            assertEquals(3000, tracker.dataBytes(0, 0));
        }
    }
}
