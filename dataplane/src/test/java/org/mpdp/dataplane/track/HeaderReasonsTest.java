package org.mpdp.dataplane.track;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;

import org.junit.jupiter.api.Test;
import org.mpdp.dataplane.wire.Mptcp;
import org.mpdp.dataplane.wire.MptcpOptionWriter;
import org.mpdp.dataplane.wire.TcpFrames;

/**
 * Defect 2 of the hardening issue: packets whose headers were malformed, whose TCP option walk
 * failed, or that were IP fragments used to get {@code OK} (the tracker returned before looking),
 * so no policy could drop them and a fragmented MP_JOIN SYN passed the token gate. Each is now a
 * reason with a documented default action.
 */
final class HeaderReasonsTest
{
    private static final int CLIENT = 0xC6120101;
    private static final long KEY_A = 0x1234L;
    private static final long KEY_B = 0x5678L;
    private static final int IPV4_FLAGS_OFFSET = 14 + 6;
    private static final int IPV4_MF = 0x2000;

    private static byte[] joinSyn()
    {
        final int token = TrackerRig.token(KEY_B);
        return TcpFrames.ipv4(CLIENT + 5, 41000, TrackerRig.SERVER, TrackerRig.SERVER_PORT, Mptcp.TCP_SYN, 1, 0,
            o -> MptcpOptionWriter.mpJoinSyn(o, 0, false, 2, token, 99));
    }

    @Test
    void shouldDropAFirstFragmentCarryingAJoinSynEvenWithAKnownToken()
    {
        try (TrackerRig rig = new TrackerRig(new Tracker(8, 32)))
        {
            rig.connect(CLIENT, 40000, KEY_A, KEY_B, false);
            final int before = rig.tracker.subflows().live();
            final byte[] f = joinSyn();
            ByteBuffer.wrap(f).putShort(IPV4_FLAGS_OFFSET, (short)IPV4_MF); // MF set, offset 0: a first fragment
            assertEquals(Reason.MPTCP_FRAGMENT, rig.feed(f));
            assertEquals(Action.DROP, rig.lastAction);
            assertEquals(before, rig.tracker.subflows().live(), "a fragment takes no state");
        }
    }

    @Test
    void shouldFlagLaterFragmentsAndDropTinyFirstFragments()
    {
        try (TrackerRig rig = new TrackerRig(new Tracker(8, 32)))
        {
            final byte[] later = joinSyn();
            ByteBuffer.wrap(later).putShort(IPV4_FLAGS_OFFSET, (short)(IPV4_MF | 3)); // offset 24 bytes
            assertEquals(Reason.IP_FRAGMENT, rig.feed(later));
            assertEquals(Action.FLAG, rig.lastAction);
            // RFC 1858: a first fragment that ends inside the TCP header (here 16 of its 32 bytes).
            final byte[] tiny = java.util.Arrays.copyOf(joinSyn(), 14 + 20 + 16);
            ByteBuffer.wrap(tiny).putShort(14 + 2, (short)(20 + 16)).putShort(IPV4_FLAGS_OFFSET, (short)IPV4_MF);
            assertEquals(Reason.MPTCP_FRAGMENT, rig.feed(tiny));
            assertEquals(Action.DROP, rig.lastAction);
        }
    }

    @Test
    void shouldDropMalformedHeadersAndFlagBrokenOptionWalks()
    {
        try (TrackerRig rig = new TrackerRig(new Tracker(8, 32)))
        {
            final byte[] badLength = joinSyn();
            ByteBuffer.wrap(badLength).putShort(14 + 2, (short)(badLength.length)); // IPv4 total length past the frame
            assertEquals(Reason.MALFORMED_HEADER, rig.feed(badLength));
            assertEquals(Action.DROP, rig.lastAction);
            // A TCP option of kind 8 with length 1 breaks the walk (RFC 9293 3.2: length includes kind and length).
            final byte[] badOption = TcpFrames.ipv4(CLIENT, 40000, TrackerRig.SERVER, TrackerRig.SERVER_PORT,
                Mptcp.TCP_ACK, 1, 0, o ->
                {
                    o.set(java.lang.foreign.ValueLayout.JAVA_BYTE, 0, (byte)8);
                    o.set(java.lang.foreign.ValueLayout.JAVA_BYTE, 1, (byte)1);
                    return 4;
                });
            assertEquals(Reason.MALFORMED_TCP_OPTION, rig.feed(badOption));
            assertEquals(Action.FLAG, rig.lastAction);
        }
    }
}
