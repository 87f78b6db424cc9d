package org.mpdp.dataplane.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mpdp.dataplane.wire.Mptcp;
import org.mpdp.dataplane.wire.TcpFrames;

/**
 * A join's 4-tuple reused by a later connection's join after a reset, as the live testbed's setup-rate
 * run showed Linux doing (a join reset when its connection closed, the same tuple in a new join 190 ms
 * later, new token and nonce): the new SYN starts a new subflow, so its SYN/ACK is checked against the
 * new connection's keys. Before, the tracker kept the old subflow, checked the new SYN/ACK against the
 * old keys and nonce, and dropped it as {@code join-bad-synack-hmac}. A SYN with a new ISN on a live
 * subflow, and a retransmitted SYN, change nothing.
 */
final class TupleReuseTest
{
    private static final int CLIENT = 0xC6120101;
    private static final int CLIENT2 = 0xC6120201;
    private static final long A1 = 0x1111_2222_3333_4444L;
    private static final long B1 = 0x5555_6666_7777_8888L;
    private static final long A2 = 0x0123_4567_89AB_CDEFL;
    private static final long B2 = 0x7654_3210_FEDC_BA98L;

    @Test
    void shouldStartANewJoinOnATupleReusedAfterAReset()
    {
        try (TrackerRig rig = new TrackerRig(new Tracker(16, 64)))
        {
            assertEquals(Reason.OK, rig.connect(CLIENT, 40000, A1, B1, false));
            for (final byte[] f : rig.join(CLIENT2, 41000, A1, B1, 0x0A0A0A0A, 0x0B0B0B0B))
            {
                assertEquals(Reason.OK, rig.feed(f));
            }
            rig.feed(TcpFrames.ipv4(CLIENT2, 41000, TrackerRig.SERVER, TrackerRig.SERVER_PORT, Mptcp.TCP_RST, 7001, 0,
                o -> 0));

            assertEquals(Reason.OK, rig.connect(CLIENT, 40001, A2, B2, false));
            final byte[][] again = rig.join(CLIENT2, 41000, A2, B2, 0x1C1C1C1C, 0x1D1D1D1D);
            ByteBuffer.wrap(again[0]).putInt(38, 123_456); // a new ISN, as a new connect() picks
            assertEquals(Reason.OK, rig.feed(again[0]));
            assertEquals(Reason.OK, rig.feed(again[1]), "SYN/ACK of the new join, checked against the new keys");
            assertEquals(Reason.OK, rig.feed(again[2]));
            assertEquals(Boolean.TRUE, rig.lastSubflow().joinHmacOk());
            assertEquals(1, rig.tracker.reincarnatedSubflows());
            final List<SubflowView> second = SubflowView.ofConnection(rig.tracker, 1);
            assertTrue(second.stream().anyMatch(s -> s.role().equals("join")), "the join belongs to connection 2: " +
                second);
        }
    }

    @Test
    void shouldKeepALiveSubflowWhenASynWithANewIsnArrivesOnItsTuple()
    {
        try (TrackerRig rig = new TrackerRig(new Tracker(16, 64)))
        {
            assertEquals(Reason.OK, rig.connect(CLIENT, 40000, A1, B1, false));
            final byte[][] join = rig.join(CLIENT2, 41000, A1, B1, 0x0A0A0A0A, 0x0B0B0B0B);
            for (final byte[] f : join)
            {
                assertEquals(Reason.OK, rig.feed(f));
            }
            // Retransmitted SYN, then a SYN with another ISN: the established join stays (no reset, connection open).
            rig.feed(join[0]);
            final byte[] other = join[0].clone();
            ByteBuffer.wrap(other).putInt(38, 999_999);
            rig.feed(other);
            assertEquals(0, rig.tracker.reincarnatedSubflows());
            assertEquals(Boolean.TRUE, rig.lastSubflow().joinHmacOk());
        }
    }
}
