package org.mpdp.dataplane.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mpdp.dataplane.crypto.AddAddrHmac;
import org.mpdp.dataplane.crypto.HmacSha256Keys;
import org.mpdp.dataplane.wire.Mptcp;
import org.mpdp.dataplane.wire.MptcpOptionWriter;
import org.mpdp.dataplane.wire.TcpFrames;

/**
 * Defect 1 of the hardening issue: an ADD_ADDR in the RFC 6824 form (IPVer nibble 4/6, no HMAC) on a
 * v1 connection used to be announced and forwarded unauthenticated. On v1 only RFC 8684's forms
 * count: the v0 form is refused under its own reason and dropped by default; a v1 ADD_ADDR with the
 * right HMAC is announced; ID re-use for another address is flagged.
 */
final class AddAddrVersionTest
{
    private static final int CLIENT = 0xC6120101;
    private static final long KEY_A = 0x1111222233334444L;
    private static final long KEY_B = 0x5555666677778888L;
    private static final byte[] ADDRESS = {(byte)198, 18, 9, 9};

    @Test
    void shouldRefuseTheUnauthenticatedV0FormOnAV1Connection()
    {
        try (TrackerRig rig = new TrackerRig(new Tracker(8, 16)))
        {
            assertEquals(Reason.OK, rig.connect(CLIENT, 40000, KEY_A, KEY_B, false));
            final Reason r = rig.feed(TcpFrames.ipv4(TrackerRig.SERVER, TrackerRig.SERVER_PORT, CLIENT, 40000,
                Mptcp.TCP_ACK, 501, 0, o -> MptcpOptionWriter.addAddrV0(o, 0, 3, ADDRESS, 8080)));
            assertEquals(Reason.ADD_ADDR_NO_HMAC, r);
            assertEquals(Action.DROP, rig.lastAction);
            assertEquals(1, rig.tracker.reasonCount(Reason.ADD_ADDR_NO_HMAC));
            final ConnectionView c = ConnectionView.of(rig.tracker, rig.tracker.lastConnection());
            assertEquals(List.of(), c.announced(), "nothing announced without an HMAC");
            assertEquals(List.of("add_addr_no_hmac"), c.flags());
        }
    }

    @Test
    void shouldAnnounceAV1AddAddrWithTheRightHmacAndFlagIdReuse()
    {
        try (TrackerRig rig = new TrackerRig(new Tracker(8, 16));
            Arena arena = Arena.ofConfined())
        {
            rig.connect(CLIENT, 40000, KEY_A, KEY_B, false);
            final HmacSha256Keys keys = new HmacSha256Keys(1);
            keys.setKey(0, KEY_B, KEY_A); // sent by the server: Key-B first
            final MemorySegment addr = arena.allocate(4);
            final AddAddrHmac hmacs = new AddAddrHmac();
            addr.copyFrom(MemorySegment.ofArray(ADDRESS));
            final long good = hmacs.hmac(keys, 0, 3, addr, 0, AddAddrHmac.IPV4_LENGTH, 8080);
            assertEquals(Reason.OK, rig.feed(TcpFrames.ipv4(TrackerRig.SERVER, TrackerRig.SERVER_PORT, CLIENT, 40000,
                Mptcp.TCP_ACK, 501, 0, o -> MptcpOptionWriter.addAddr(o, 0, false, 3, ADDRESS, 8080, good))));
            assertEquals(Reason.ADD_ADDR_BAD_HMAC, rig.feed(TcpFrames.ipv4(TrackerRig.SERVER, TrackerRig.SERVER_PORT,
                CLIENT, 40000, Mptcp.TCP_ACK, 501, 0, o -> MptcpOptionWriter.addAddr(o, 0, false, 4, ADDRESS, 8080,
                    good))));
            final byte[] other = {(byte)198, 18, 9, 10};
            addr.copyFrom(MemorySegment.ofArray(other));
            final long reuse = hmacs.hmac(keys, 0, 3, addr, 0, AddAddrHmac.IPV4_LENGTH, AddAddrHmac.NO_PORT);
            assertEquals(Reason.ADD_ADDR_ID_REUSED, rig.feed(TcpFrames.ipv4(TrackerRig.SERVER, TrackerRig.SERVER_PORT,
                CLIENT, 40000, Mptcp.TCP_ACK, 501, 0, o -> MptcpOptionWriter.addAddr(o, 0, false, 3, other, -1,
                    reuse))));
            assertEquals(Action.FLAG, rig.lastAction);
            final ConnectionView c = ConnectionView.of(rig.tracker, rig.tracker.lastConnection());
            assertEquals(List.of("server id 3 198.18.9.10:0"), c.announced());
            assertTrue(c.flags().containsAll(List.of("add_addr_bad_hmac", "addr_id_reused")), c.flags().toString());
        }
    }
}
