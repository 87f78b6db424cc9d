package org.mpdp.dataplane.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mpdp.dataplane.crypto.KeyDerivation;
import org.mpdp.dataplane.track.ConnectionView;
import org.mpdp.dataplane.track.Tracker;
import org.mpdp.dataplane.track.Reason;

/**
 * Bounded tables: when full, new connections are refused and counted while existing ones keep
 * working; ended and idle connections are evicted (tokens and subflows with them) and their slots reused.
 */
final class EvictionTest
{
    private static final int S = 0xC6120102;
    private static final long SECOND = 1_000_000_000L;

    private final PacketParser parser = new PacketParser();
    private final ParsedPacket p = new ParsedPacket();
    private final Tracker tracker = new Tracker(2, 8);

    private Reason feed(final byte[] frame)
    {
        final MemorySegment s = MemorySegment.ofArray(frame);
        parser.parseEthernet(s, 0, frame.length, p);
        tracker.onPacket(p, s, 0);
        return tracker.lastReason();
    }

    private Reason connect(final int client, final long keyA, final long keyB)
    {
        feed(TcpFrames.ipv4(client, 40000, S, 80, Mptcp.TCP_SYN, o -> MptcpOptionWriter.mpCapable(o, 0, 4, 1, 1, 0, 0,
            0, 0)));
        feed(TcpFrames.ipv4(S, 80, client, 40000, Mptcp.TCP_SYN | Mptcp.TCP_ACK, o -> MptcpOptionWriter.mpCapable(o, 0,
            12, 1, 1, keyB, 0, 0, 0)));
        return feed(TcpFrames.ipv4(client, 40000, S, 80, Mptcp.TCP_ACK, o -> MptcpOptionWriter.mpCapable(o, 0, 20, 1, 1,
            keyA, keyB, 0, 0)));
    }

    private Reason joinSyn(final int client, final long keyB)
    {
        final int token = new KeyDerivation().tokenV1(keyB);
        return feed(TcpFrames.ipv4(client, 41000, S, 80, Mptcp.TCP_SYN, o -> MptcpOptionWriter.mpJoinSyn(o, 0, false,
            1, token, 5)));
    }

    @Test
    void shouldRefuseWhenFullAndReuseEvictedSlots()
    {
        tracker.tick(0);
        assertEquals(Reason.OK, connect(0xC6120101, 1, 2));
        assertEquals(Reason.OK, connect(0xC6120103, 3, 4));
        assertEquals(Reason.TABLE_FULL, connect(0xC6120104, 5, 6));
        assertEquals(1, tracker.reasonCount(Reason.TABLE_FULL));
        assertEquals(2, tracker.connections().count());
        // The two admitted connections are intact.
        assertEquals(1L, ConnectionView.of(tracker, 0).keyA());
        assertEquals(3L, ConnectionView.of(tracker, 1).keyA());

        // Connection 1 ends with a FASTCLOSE; a minute later it is evicted, connection 2 (active) is not.
        feed(TcpFrames.ipv4(0xC6120101, 40000, S, 80, Mptcp.TCP_ACK | Mptcp.TCP_RST, o ->
            MptcpOptionWriter.mpFastclose(o, 0, 2)));
        tracker.tick(61 * SECOND);
        feed(TcpFrames.ipv4(0xC6120103, 40000, S, 80, Mptcp.TCP_ACK, o -> 0));
        final List<Long> reported = new ArrayList<>();
        assertEquals(1, tracker.evict(3600 * SECOND, 60 * SECOND, slot -> reported.add(ConnectionView.of(tracker, slot)
            .keyA())));
        assertEquals(List.of(1L), reported);
        assertEquals(1, tracker.connections().count());
        // Its token is gone: a join to it is now an unknown token. The live connection still accepts joins.
        assertEquals(Reason.JOIN_UNKNOWN_TOKEN, joinSyn(0xC6120201, 2));
        assertEquals(Reason.OK, joinSyn(0xC6120202, 4));
        // The freed slot takes a new connection.
        assertEquals(Reason.OK, connect(0xC6120105, 7, 8));
        assertEquals(2, tracker.connections().count());

        // Two hours later everything idle goes.
        tracker.tick(2 * 3600 * SECOND);
        assertEquals(2, tracker.evict(3600 * SECOND, 60 * SECOND, null));
        assertEquals(0, tracker.connections().count());
        assertEquals(0, tracker.subflows().live());
        assertEquals(3, tracker.evicted());
    }
}
