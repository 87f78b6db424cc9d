package org.mpdp.dataplane.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.mpdp.dataplane.wire.Mptcp;
import org.mpdp.dataplane.wire.MptcpOptionWriter;
import org.mpdp.dataplane.wire.ParsedPacket;
import org.mpdp.dataplane.wire.TcpFrames;

/**
 * Ingress source validation: prefixes per port match exactly their addresses, and a flood of
 * spoofed MP_CAPABLE SYNs from outside a port's prefixes is counted as {@code source-not-allowed},
 * dropped and takes no tracker state, while a connection started during it is tracked and its join
 * verifies. (Before {@link IngressFilter}, the same flood took half-open entries and every SYN was
 * forwarded: the half-open budget only bounds state.)
 */
final class IngressFilterTest
{
    private static final int FLOOD = 100_000;
    private static final long KEY_A = 0x0A0A0A0A0A0A0A0AL;
    private static final long KEY_B = 0x0B0B0B0B0B0B0B0BL;
    private static final int CLIENT = 0xC6120101; // 198.18.1.1
    private static final int PORT_ID = 3;

    @Test
    void shouldMatchPrefixesPerPort()
    {
        final IngressFilter f = IngressFilter.of(new int[] {3, 5, 7},
            List.of(List.of("198.18.2.0/24", "198.18.9.9/32", "fe80::/10"), List.of(), List.of("0.0.0.0/0",
            "2001:db8:0:1::/64", "2001:db8::1/128")), 8);
        assertTrue(f.active());
        final ParsedPacket p = new ParsedPacket();
        assertTrue(f.allows(3, v4(p, "198.18.2.0")));
        assertTrue(f.allows(3, v4(p, "198.18.2.255")));
        assertFalse(f.allows(3, v4(p, "198.18.3.0")));
        assertFalse(f.allows(3, v4(p, "198.18.1.255")));
        assertTrue(f.allows(3, v4(p, "198.18.9.9")));
        assertFalse(f.allows(3, v4(p, "198.18.9.8")));
        assertTrue(f.allows(3, v6(p, 0xFE80_0000_0000_0000L, 1)));
        assertTrue(f.allows(3, v6(p, 0xFEBF_FFFF_FFFF_FFFFL, -1)));
        assertFalse(f.allows(3, v6(p, 0xFEC0_0000_0000_0000L, 1)), "outside fe80::/10");
        // No list: any source; ports never configured and ids past the limit too.
        assertTrue(f.allows(5, v4(p, "8.8.8.8")));
        assertTrue(f.allows(4, v4(p, "8.8.8.8")));
        assertTrue(f.allows(99, v4(p, "8.8.8.8")));
        // A v4 /0 admits every IPv4 source, no IPv6 one but those listed.
        assertTrue(f.allows(7, v4(p, "255.255.255.255")));
        assertTrue(f.allows(7, v6(p, 0x2001_0db8_0000_0001L, 0x1234)));
        assertFalse(f.allows(7, v6(p, 0x2001_0db8_0000_0002L, 0x1234)));
        assertTrue(f.allows(7, v6(p, 0x2001_0db8_0000_0000L, 1)));
        assertFalse(f.allows(7, v6(p, 0x2001_0db8_0000_0000L, 2)), "the /128 is one address");
        // Not IP (ARP): not the filter's to judge.
        p.ipVersion = 0;
        assertTrue(f.allows(3, p));
        assertSame(IngressFilter.NONE, IngressFilter.of(new int[] {0, 1}, List.of(List.of(), List.of()), 2));
    }

    @Test
    void shouldRejectWhatIsNotAPrefix()
    {
        assertNull(IngressFilter.checkPrefix("198.18.2.0/24"));
        assertNull(IngressFilter.checkPrefix("::/0"));
        for (final Map.Entry<String, String> e : Map.of(
            "198.18.2.0", "must be an IPv4 or IPv6 prefix",
            "example.com/24", "must be an IPv4 or IPv6 prefix",
            "198.18.2.0/33", "prefix length must be 0..32",
            "fe80::/129", "prefix length must be 0..128",
            "198.18.2/24", "not an IP address literal",
            "1.2.3.4/x", "prefix length must be 0..32").entrySet())
        {
            final String problem = IngressFilter.checkPrefix(e.getKey());
            assertNotNull(problem, e.getKey());
            assertTrue(problem.startsWith(e.getValue()), e.getKey() + ": " + problem);
        }
        assertThrows(IllegalArgumentException.class, () -> IngressFilter.of(new int[] {0},
            List.of(List.of("198.18.2.0/40")), 1));
    }

    @Test
    void shouldDropASpoofedSynFloodBeforeItTakesStateAndTrackAConnectionStartedDuringIt()
    {
        final IngressFilter filter = IngressFilter.of(new int[] {PORT_ID}, List.of(List.of("198.18.1.0/24")), 4);
        try (TrackerRig rig = new TrackerRig(new Tracker(4096, 16384, 4096, VerdictPolicy.defaults())))
        {
            final byte[] syn = TcpFrames.ipv4(0, 0, TrackerRig.SERVER, TrackerRig.SERVER_PORT, Mptcp.TCP_SYN, 1, 0,
                o -> MptcpOptionWriter.mpCapable(o, 0, Mptcp.MPC_SYN_V1_LENGTH, 1, Mptcp.MPC_FLAG_H, 0, 0, 0, 0));
            final SplittableRandom random = new SplittableRandom(9);
            long dropped = 0;
            for (int i = 0; i < FLOOD; i++)
            {
                // Spoofed sources across 198.19.0.0/16, outside the port's 198.18.1.0/24.
                TrackerRig.spoof(syn, 0xC6130000 | random.nextInt(1 << 16), 1024 + random.nextInt(64512));
                dropped += feed(rig, filter, syn) == Action.DROP ? 1 : 0;
                if (i == FLOOD / 2)
                {
                    assertEquals(Reason.OK, connect(rig, filter), "the connection started mid-flood");
                    final byte[][] join = rig.join(CLIENT + 1, 40001, KEY_A, KEY_B, 11, 12);
                    assertEquals(Action.FORWARD, feed(rig, filter, join[0]));
                    assertEquals(Reason.OK, rig.feed(join[1]), "the server's SYN/ACK enters on the other port");
                    assertEquals(Action.FORWARD, feed(rig, filter, join[2]));
                    assertEquals("established", rig.lastSubflow().joinState());
                }
            }
            assertEquals(FLOOD, dropped);
            assertEquals(FLOOD, rig.tracker.reasonCount(Reason.SOURCE_NOT_ALLOWED));
            assertEquals(0, rig.tracker.halfOpen(), "the flood took no half-open entry");
            assertEquals(0, rig.tracker.halfOpenRecycled());
            assertEquals(1, rig.tracker.connections().count());
            assertEquals(2, rig.tracker.subflows().count(), "the connection's two subflows, nothing of the flood");
            assertNull(rig.tracker.checkInvariants());
        }
    }

    @Test
    void shouldAllocateNothingWhenCheckingAndDroppingSources()
    {
        final IngressFilter filter = IngressFilter.of(new int[] {PORT_ID}, List.of(List.of("198.18.1.0/24",
            "fe80::/10")), 4);
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)java.lang.management.ManagementFactory.getThreadMXBean();
        try (TrackerRig rig = new TrackerRig(new Tracker(64, 256, 64, VerdictPolicy.defaults())))
        {
            final byte[] syn = TcpFrames.ipv4(0xC6130001, 1234, TrackerRig.SERVER, TrackerRig.SERVER_PORT, Mptcp.TCP_SYN,
                1, 0, o -> MptcpOptionWriter.mpCapable(o, 0, Mptcp.MPC_SYN_V1_LENGTH, 1, Mptcp.MPC_FLAG_H, 0, 0, 0, 0));
            final MemorySegment s = MemorySegment.ofArray(syn);
            rig.parser.parseEthernet(s, 0, syn.length, rig.p);
            long drops = 0;
            for (int round = 0; round < 2; round++)
            {
                // Round 0 warms up (the JIT); round 1 is measured.
                final long before = threads.getCurrentThreadAllocatedBytes();
                for (int i = 0; i < 200_000; i++)
                {
                    drops += filter.allows(PORT_ID, rig.p) ? 0 : rig.tracker.onRefusedSource(rig.p, s, 0).ordinal();
                }
                final long allocated = threads.getCurrentThreadAllocatedBytes() - before;
                if (round == 1)
                {
                    // One object per packet would be at least 16 bytes each, 3.2 MB; the JIT itself
                    // allocates a little (about 1 KB here).
                    assertTrue(allocated < 64 * 1024, "bytes allocated by 200,000 refused packets: " + allocated);
                }
            }
            assertEquals(400_000L * Action.DROP.ordinal(), drops);
            assertEquals(400_000, rig.tracker.reasonCount(Reason.SOURCE_NOT_ALLOWED));
        }
    }

    @Test
    void shouldTrackARefusedSourceWhenThePolicyOnlyFlagsIt()
    {
        final IngressFilter filter = IngressFilter.of(new int[] {PORT_ID}, List.of(List.of("198.18.200.0/24")), 4);
        final VerdictPolicy policy = VerdictPolicy.defaults().set(Reason.SOURCE_NOT_ALLOWED, Action.FLAG);
        try (TrackerRig rig = new TrackerRig(new Tracker(64, 256, 64, policy)))
        {
            final byte[] syn = TcpFrames.ipv4(CLIENT, 40000, TrackerRig.SERVER, TrackerRig.SERVER_PORT, Mptcp.TCP_SYN,
                1, 0, o -> MptcpOptionWriter.mpCapable(o, 0, Mptcp.MPC_SYN_V1_LENGTH, 1, Mptcp.MPC_FLAG_H, 0, 0, 0, 0));
            assertEquals(Action.FLAG, feed(rig, filter, syn));
            assertEquals(Reason.SOURCE_NOT_ALLOWED, rig.tracker.lastReason());
            assertEquals(1, rig.tracker.halfOpen(), "flagged, so tracked as usual");
        }
    }

    private static Action feed(final TrackerRig rig, final IngressFilter filter, final byte[] frame)
    {
        final MemorySegment s = MemorySegment.ofArray(frame);
        rig.parser.parseEthernet(s, 0, frame.length, rig.p);
        // What WorkerAgent.process does with the port a packet entered on.
        return filter.allows(PORT_ID, rig.p) ? rig.tracker.onPacket(rig.p, s, 0) :
            rig.tracker.onRefusedSource(rig.p, s, 0);
    }

    private static Reason connect(final TrackerRig rig, final IngressFilter filter)
    {
        final int port = 40000;
        feed(rig, filter, TcpFrames.ipv4(CLIENT, port, TrackerRig.SERVER, TrackerRig.SERVER_PORT, Mptcp.TCP_SYN, 100, 0,
            o -> MptcpOptionWriter.mpCapable(o, 0, Mptcp.MPC_SYN_V1_LENGTH, 1, Mptcp.MPC_FLAG_H, 0, 0, 0, 0)));
        // The server's answers enter on the other port, which has no list.
        rig.feed(TcpFrames.ipv4(TrackerRig.SERVER, TrackerRig.SERVER_PORT, CLIENT, port, Mptcp.TCP_SYN | Mptcp.TCP_ACK,
            500, 0, o -> MptcpOptionWriter.mpCapable(o, 0, Mptcp.MPC_ONE_KEY_LENGTH, 1, Mptcp.MPC_FLAG_H, KEY_B, 0, 0,
            0)));
        feed(rig, filter, TcpFrames.ipv4(CLIENT, port, TrackerRig.SERVER, TrackerRig.SERVER_PORT, Mptcp.TCP_ACK, 101, 0,
            o -> MptcpOptionWriter.mpCapable(o, 0, Mptcp.MPC_ACK_LENGTH, 1, Mptcp.MPC_FLAG_H, KEY_A, KEY_B, 0, 0)));
        return rig.tracker.lastReason();
    }

    private static ParsedPacket v4(final ParsedPacket p, final String dotted)
    {
        final String[] b = dotted.split("\\.");
        p.ipVersion = 4;
        p.srcV4 = Integer.parseInt(b[0]) << 24 | Integer.parseInt(b[1]) << 16 | Integer.parseInt(b[2]) << 8 |
            Integer.parseInt(b[3]);
        return p;
    }

    private static ParsedPacket v6(final ParsedPacket p, final long high, final long low)
    {
        p.ipVersion = 6;
        p.srcV6High = high;
        p.srcV6Low = low;
        return p;
    }
}
