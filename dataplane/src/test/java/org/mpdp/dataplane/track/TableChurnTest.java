package org.mpdp.dataplane.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mpdp.dataplane.wire.Mptcp;
import org.mpdp.dataplane.wire.MptcpOptionWriter;
import org.mpdp.dataplane.wire.TcpFrames;

/**
 * Defect 5 of the hardening issue: the tables' hashes had no secret, removal left tombstones that
 * were never reclaimed, nothing bounded a probe, and {@code evict} scanned connections x subflows in
 * one call. Asserted in counts, not times: 10 million connections churned through a 65,536-slot table
 * keep the longest probe short and every eviction call within its budget; 4-tuples chosen to share
 * one bucket under the old hash spread out under the keyed one.
 */
final class TableChurnTest
{
    private static final int SLOTS = 65_536;
    private static final int CHURN = 10_000_000;
    private static final int BUDGET = 256;
    /** Offset of the first key in an MP_CAPABLE: Ethernet 14 + IPv4 20 + TCP 20 + kind, length, subtype, flags. */
    private static final int MPC_KEY = 14 + 20 + 20 + 4;

    @Test
    void shouldKeepProbesAndEvictionWorkBoundedUnderChurn()
    {
        try (TrackerRig rig = new TrackerRig(new Tracker(SLOTS, SLOTS, SLOTS / 4, VerdictPolicy.defaults())))
        {
            final Tracker tracker = rig.tracker;
            // One connection = SYN, SYN/ACK, third ACK, RST; sources and ports rewritten per connection.
            final byte[] syn = TcpFrames.ipv4(0, 0, TrackerRig.SERVER, TrackerRig.SERVER_PORT, Mptcp.TCP_SYN, 100, 0,
                o -> MptcpOptionWriter.mpCapable(o, 0, Mptcp.MPC_SYN_V1_LENGTH, 1, Mptcp.MPC_FLAG_H, 0, 0, 0, 0));
            final byte[] synAck = TcpFrames.ipv4(TrackerRig.SERVER, TrackerRig.SERVER_PORT, 0, 0,
                Mptcp.TCP_SYN | Mptcp.TCP_ACK, 500, 0, o -> MptcpOptionWriter.mpCapable(o, 0,
                    Mptcp.MPC_ONE_KEY_LENGTH, 1, Mptcp.MPC_FLAG_H, 0x0BL, 0, 0, 0));
            final byte[] ack = TcpFrames.ipv4(0, 0, TrackerRig.SERVER, TrackerRig.SERVER_PORT, Mptcp.TCP_ACK, 101, 0,
                o -> MptcpOptionWriter.mpCapable(o, 0, Mptcp.MPC_ACK_LENGTH, 1, Mptcp.MPC_FLAG_H, 0x0AL, 0x0BL, 0, 0));
            final byte[] rst = TcpFrames.ipv4(0, 0, TrackerRig.SERVER, TrackerRig.SERVER_PORT, Mptcp.TCP_RST, 102, 0,
                o -> 0);
            long time = 0;
            int maxWork = 0;
            for (int i = 0; i < CHURN; i++)
            {
                // Distinct 4-tuples over the whole run: 198.18.0.0/15 x ports 1024..65535 cycles slowly.
                final int client = 0xC6120000 | i >>> 6 & 0x1FFFF;
                final int port = 1024 + (i & 63) * 1000 + (i >>> 23);
                TrackerRig.spoof(syn, client, port);
                destination(synAck, client, port);
                TrackerRig.spoof(ack, client, port);
                TrackerRig.spoof(rst, client, port);
                // Distinct keys per connection, as real hosts pick them (RFC 8684: random).
                final long keyA = 0x5A5A_0000_0000_0000L | i;
                final long keyB = 0xB5B5_0000_0000_0000L | i;
                java.nio.ByteBuffer.wrap(synAck).putLong(MPC_KEY, keyB);
                java.nio.ByteBuffer.wrap(ack).putLong(MPC_KEY, keyA).putLong(MPC_KEY + 8, keyB);
                rig.feedFast(syn);
                rig.feedFast(synAck);
                rig.feedFast(ack);
                rig.feedFast(rst);
                time += 1_000; // 1 us per connection: about 20,000 live at the 20 ms linger below
                tracker.tick(time);
                if ((i & 15) == 0)
                {
                    tracker.evict(1_000_000_000L, 20_000_000L, null, BUDGET);
                    maxWork = Math.max(maxWork, tracker.evictionMaxWork());
                }
            }
            assertNull(tracker.checkInvariants());
            assertEquals(0, tracker.reasonCount(Reason.TABLE_FULL), "no connection refused");
            assertTrue(tracker.evicted() > CHURN - 40_000, "evicted " + tracker.evicted());
            // Each call examines at most BUDGET slots, BUDGET half-open entries and the freed connections'
            // subflows (one each here).
            assertTrue(maxWork <= 3 * BUDGET, "eviction work per call " + maxWork);
            assertTrue(tracker.subflows().maxProbe() <= 32, "longest subflow probe " + tracker.subflows().maxProbe());
            assertTrue(tracker.connections().tokenMaxProbe() <= 32, "token probe " +
                tracker.connections().tokenMaxProbe());
        }
    }

    private static void destination(final byte[] frame, final int dst, final int dstPort)
    {
        java.nio.ByteBuffer.wrap(frame).putInt(30, dst).putShort(36, (short)dstPort);
    }

    /** The subflow hash as it was before this change (no key; equal for both directions). */
    private static long oldHash(final long aHigh, final long aLow, final int aPort, final long bHigh, final long bLow,
        final int bPort)
    {
        final long a = aHigh * 31 + aLow * 0x9E3779B97F4A7C15L + aPort;
        final long b = bHigh * 31 + bLow * 0x9E3779B97F4A7C15L + bPort;
        final long h = (a ^ b) * 0xC2B2AE3D27D4EB4FL + (a + b);
        return h ^ h >>> 29;
    }

    @Test
    void shouldSpreadTuplesChosenToCollideUnderTheOldHash()
    {
        // The old table for 65,536 subflows had 131,072 index slots: find 2,000 tuples with one home.
        final int mask = 131_071;
        final long server = Integer.toUnsignedLong(TrackerRig.SERVER);
        final List<long[]> chosen = new ArrayList<>();
        final int target = (int)oldHash(0, 0xC6120101L, 40000, 0, server, 5201) & mask;
        for (long ip = 0xC6120000L; chosen.size() < 2000; ip++)
        {
            for (int port = 1024; port < 65536 && chosen.size() < 2000; port++)
            {
                if (((int)oldHash(0, ip, port, 0, server, 5201) & mask) == target)
                {
                    chosen.add(new long[] {ip, port});
                }
            }
        }
        final SubflowTable table = new SubflowTable(SLOTS);
        for (final long[] t : chosen)
        {
            assertTrue(table.add(4, 0, t[0], (int)t[1], 0, server, 5201) >= 0);
        }
        // Under the old hash these 2,000 share one bucket: linear probing walks 2,000 entries to the last.
        assertTrue(table.maxProbe() <= 8, "longest probe " + table.maxProbe());
        for (final long[] t : chosen)
        {
            assertTrue(table.find(4, 0, t[0], (int)t[1], 0, server, 5201) >= 0);
        }
    }
}
