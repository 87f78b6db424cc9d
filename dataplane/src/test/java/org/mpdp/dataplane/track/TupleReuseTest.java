package org.mpdp.dataplane.track;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.mpdp.dataplane.wire.Mptcp;
import org.mpdp.dataplane.wire.TcpFrames;

/**
 * Found by {@code scripts/mpdp bench testbed} on kernel traffic: the Linux client resets a join subflow
 * when its connection closes, and a join of another connection may take the same source port a moment
 * later, so the same 4-tuple carries a new MP_JOIN SYN with another token, nonce and ISN. The tracker
 * kept the reset subflow for that tuple, checked the new SYN/ACK against the old connection's keys and
 * nonce and dropped it as {@code join-bad-synack-hmac} (149 legitimate joins in one run of 2000
 * connections). A new SYN on a reset subflow's tuple now starts a new subflow; a retransmitted SYN (same
 * ISN) and a SYN on a subflow that was not reset still belong to the old one.
 */
final class TupleReuseTest
{
    private static final int CLIENT = 0xC6120201;
    private static final int PORT = 37415;

    @Test
    void shouldTrackANewJoinOnTheTupleOfAResetJoin()
    {
        try (TrackerRig rig = new TrackerRig(new Tracker(16, 64)))
        {
            rig.tracker.tick(0);
            assertEquals(Reason.OK, rig.connect(0xC6120101, 40000, 0x0AL, 0x1BL, false));
            final int x = rig.tracker.lastConnection();
            assertEquals(Reason.OK, rig.connect(0xC6120101, 40001, 0x0CL, 0x1DL, false));
            final int y = rig.tracker.lastConnection();

            for (final byte[] f : rig.join(CLIENT, PORT, 0x0AL, 0x1BL, 11, 12, 7000))
            {
                assertEquals(Reason.OK, rig.feed(f));
            }
            assertEquals(x, rig.tracker.lastConnection());
            // The client resets the join (its connection closed).
            rig.feed(TcpFrames.ipv4(CLIENT, PORT, TrackerRig.SERVER, TrackerRig.SERVER_PORT,
                Mptcp.TCP_ACK | Mptcp.TCP_RST, 7001, 0, o -> 0));

            // Connection Y's join on the same tuple: another ISN, token and nonces. Every packet verifies.
            for (final byte[] f : rig.join(CLIENT, PORT, 0x0CL, 0x1DL, 21, 22, 300_000))
            {
                assertEquals(Reason.OK, rig.feed(f), "the new join's packets");
                assertEquals(y, rig.tracker.lastConnection());
            }
            assertEquals("established", rig.lastSubflow().joinState());
            assertEquals(3, rig.lastSubflow().packets(), "the new subflow starts at its SYN");
        }
    }

    @Test
    void shouldKeepARetransmittedSynAndAnUnresetSubflowOnTheOldJoin()
    {
        try (TrackerRig rig = new TrackerRig(new Tracker(16, 64)))
        {
            rig.tracker.tick(0);
            assertEquals(Reason.OK, rig.connect(0xC6120101, 40000, 0x0AL, 0x1BL, false));
            assertEquals(Reason.OK, rig.connect(0xC6120101, 40001, 0x0CL, 0x1DL, false));
            final byte[][] first = rig.join(CLIENT, PORT, 0x0AL, 0x1BL, 11, 12, 7000);
            for (final byte[] f : first)
            {
                assertEquals(Reason.OK, rig.feed(f));
            }
            // Not reset: a SYN of another join on this live tuple stays on the old subflow, whose keys
            // its SYN/ACK does not match (the tuple belongs to the live join).
            final byte[][] second = rig.join(CLIENT, PORT, 0x0CL, 0x1DL, 21, 22, 300_000);
            rig.feed(second[0]);
            assertEquals(Reason.JOIN_BAD_SYNACK_HMAC, rig.feed(second[1]));
        }
    }
}
