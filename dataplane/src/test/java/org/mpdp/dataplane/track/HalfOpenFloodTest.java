package org.mpdp.dataplane.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.mpdp.dataplane.wire.Mptcp;
import org.mpdp.dataplane.wire.MptcpOptionWriter;
import org.mpdp.dataplane.wire.TcpFrames;

/**
 * Defect 3 of the hardening issue: every MP_CAPABLE SYN, and every join SYN with a known token, used
 * to take a subflow slot until eviction, so a SYN flood filled the table and every later legitimate
 * connection was refused. Half-open state now has its own budget whose oldest entry is recycled.
 * During 1,000,000 spoofed MP_CAPABLE SYNs and 100,000 spoofed join SYNs for an established
 * connection's token, a connection that starts mid-flood is tracked and its join verifies, the
 * established connection and its join survive, and the flood creates no connection.
 */
final class HalfOpenFloodTest
{
    private static final int MPC_FLOOD = 1_000_000;
    private static final int JOIN_FLOOD = 100_000;
    private static final long KEY_A = 0x0A0A0A0A0A0A0A0AL;
    private static final long KEY_B = 0x0B0B0B0B0B0B0B0BL;
    private static final long LATE_A = 0x1C1C1C1C1C1C1C1CL;
    private static final long LATE_B = 0x2D2D2D2D2D2D2D2DL;
    private static final int CLIENT = 0xC6120101;

    @Test
    void shouldTrackAConnectionStartedDuringASynFloodAndKeepEstablishedOnes()
    {
        // 4,096 connections, 16,384 subflows, half-open budget 4,096: the flood is 275x the budget.
        try (TrackerRig rig = new TrackerRig(new Tracker(4096, 16384, 4096, VerdictPolicy.defaults())))
        {
            assertEquals(Reason.OK, rig.connect(CLIENT, 40000, KEY_A, KEY_B, false));
            final int established = rig.tracker.lastConnection();
            for (final byte[] f : rig.join(CLIENT + 1, 40001, KEY_A, KEY_B, 11, 12))
            {
                assertEquals(Reason.OK, rig.feed(f));
            }
            assertEquals("established", rig.lastSubflow().joinState());

            final byte[] mpcSyn = TcpFrames.ipv4(0, 0, TrackerRig.SERVER, TrackerRig.SERVER_PORT, Mptcp.TCP_SYN, 1, 0,
                o -> MptcpOptionWriter.mpCapable(o, 0, Mptcp.MPC_SYN_V1_LENGTH, 1, Mptcp.MPC_FLAG_H, 0, 0, 0, 0));
            final int token = TrackerRig.token(KEY_B);
            final byte[] joinSyn = TcpFrames.ipv4(0, 0, TrackerRig.SERVER, TrackerRig.SERVER_PORT, Mptcp.TCP_SYN, 1, 0,
                o -> MptcpOptionWriter.mpJoinSyn(o, 0, false, 5, token, 77));
            final SplittableRandom random = new SplittableRandom(7);
            final int total = MPC_FLOOD + JOIN_FLOOD;
            int joinsSent = 0;
            for (int i = 0; i < total; i++)
            {
                // Spoofed sources across 198.18.0.0/15, ports 1024..65535; a join every 11th packet.
                final boolean join = i % 11 == 10 && joinsSent < JOIN_FLOOD;
                final byte[] f = join ? joinSyn : mpcSyn;
                joinsSent += join ? 1 : 0;
                TrackerRig.spoof(f, 0xC6120000 | random.nextInt(1 << 17), 1024 + random.nextInt(64512));
                rig.feedFast(f);
                if (i == total / 2)
                {
                    lateConnection(rig, mpcSyn, random);
                }
            }
            assertEquals(JOIN_FLOOD, joinsSent);
            assertNull(rig.tracker.checkInvariants());
            assertEquals(2, rig.tracker.connections().count(), "the flood created no connection");
            assertTrue(rig.tracker.halfOpenRecycled() > MPC_FLOOD, "half-open entries were recycled");
            assertTrue(rig.tracker.halfOpen() <= 4096);
            assertEquals(0, rig.tracker.reasonCount(Reason.TABLE_FULL), "nothing was refused");
            // The established connection and its verified join are still there, untouched.
            final List<SubflowView> subflows = SubflowView.ofConnection(rig.tracker, established);
            assertEquals(2, subflows.stream().filter(s -> !"join".equals(s.role()) ||
                "established".equals(s.joinState())).count(), subflows.toString());
            assertEquals(KEY_A, ConnectionView.of(rig.tracker, established).keyA());
        }
    }

    /** A connection and its join, each packet separated from the next by flood packets. */
    private static void lateConnection(final TrackerRig rig, final byte[] flood, final SplittableRandom random)
    {
        final int client = 0xC6130101;
        final byte[][] handshake = new byte[3][];
        handshake[0] = TcpFrames.ipv4(client, 45000, TrackerRig.SERVER, TrackerRig.SERVER_PORT, Mptcp.TCP_SYN, 100, 0,
            o -> MptcpOptionWriter.mpCapable(o, 0, Mptcp.MPC_SYN_V1_LENGTH, 1, Mptcp.MPC_FLAG_H, 0, 0, 0, 0));
        handshake[1] = TcpFrames.ipv4(TrackerRig.SERVER, TrackerRig.SERVER_PORT, client, 45000,
            Mptcp.TCP_SYN | Mptcp.TCP_ACK, 500, 0, o -> MptcpOptionWriter.mpCapable(o, 0, Mptcp.MPC_ONE_KEY_LENGTH, 1,
                Mptcp.MPC_FLAG_H, LATE_B, 0, 0, 0));
        handshake[2] = TcpFrames.ipv4(client, 45000, TrackerRig.SERVER, TrackerRig.SERVER_PORT, Mptcp.TCP_ACK, 101, 0,
            o -> MptcpOptionWriter.mpCapable(o, 0, Mptcp.MPC_ACK_LENGTH, 1, Mptcp.MPC_FLAG_H, LATE_A, LATE_B, 0, 0));
        final byte[][] join = rig.join(client + 1, 45001, LATE_A, LATE_B, 21, 22);
        int subflow = -1;
        int connection = -1;
        for (final byte[][] packets : new byte[][][] {handshake, join})
        {
            for (final byte[] f : packets)
            {
                assertEquals(Reason.OK, rig.feed(f), "legitimate packet");
                subflow = rig.tracker.lastSubflow();
                connection = rig.tracker.lastConnection();
                // One RTT's worth of flood between the legitimate packets: 1,000 SYNs.
                for (int i = 0; i < 1000; i++)
                {
                    TrackerRig.spoof(flood, 0xC6120000 | random.nextInt(1 << 17), 1024 + random.nextInt(64512));
                    rig.feedFast(flood);
                }
            }
        }
        assertEquals("established", SubflowView.of(rig.tracker, subflow).joinState());
        final ConnectionView late = ConnectionView.of(rig.tracker, connection);
        assertEquals(LATE_A, late.keyA());
        assertEquals(LATE_B, late.keyB());
    }
}
