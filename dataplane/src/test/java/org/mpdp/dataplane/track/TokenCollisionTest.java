package org.mpdp.dataplane.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.mpdp.dataplane.crypto.KeyDerivation;
import org.mpdp.dataplane.wire.Mptcp;
import org.mpdp.dataplane.wire.MptcpOptionWriter;
import org.mpdp.dataplane.wire.TcpFrames;

/**
 * Defect 4 of the hardening issue: two live connections whose keys give the same 32-bit token. The
 * token index used to keep only the first (the second insert failed silently) and removed by token
 * alone, so the second connection's joins were refused, and evicting one unindexed the other. Now
 * both stay reachable and a join binds to the one its SYN/ACK HMAC verifies with. The collision is
 * real: two keys found by a birthday search over SHA-256 tokens.
 */
final class TokenCollisionTest
{
    private static final long SECOND = 1_000_000_000L;

    /** Two different keys with equal v1 tokens (about 2^16 SHA-256 digests). */
    static long[] collidingKeys(final long seed)
    {
        final KeyDerivation derive = new KeyDerivation();
        final Map<Integer, Long> seen = new HashMap<>();
        final SplittableRandom random = new SplittableRandom(seed);
        while (true)
        {
            final long key = random.nextLong();
            final Long before = seen.putIfAbsent(derive.tokenV1(key), key);
            if (before != null && before != key)
            {
                return new long[] {before, key};
            }
        }
    }

    @Test
    void shouldKeepBothConnectionsOfASharedTokenReachable()
    {
        final long[] keys = collidingKeys(2026);
        assertNotEquals(keys[0], keys[1]);
        assertEquals(TrackerRig.token(keys[0]), TrackerRig.token(keys[1]), "a real collision");
        try (TrackerRig rig = new TrackerRig(new Tracker(16, 64)))
        {
            rig.tracker.tick(0);
            // Connections X and Y: their servers' keys (Key-B) share the token the joins carry.
            assertEquals(Reason.OK, rig.connect(0xC6120101, 40000, 0x0AL, keys[0], false));
            final int x = rig.tracker.lastConnection();
            assertEquals(Reason.OK, rig.connect(0xC6120201, 40000, 0x0BL, keys[1], false));
            final int y = rig.tracker.lastConnection();
            assertEquals(2, rig.tracker.connections().holders(TrackerRig.token(keys[0])));

            // A join to Y (the second indexed) verifies and binds to Y; one to X binds to X.
            joinVerifies(rig, 0xC6120202, 41000, 0x0BL, keys[1], y);
            joinVerifies(rig, 0xC6120102, 41000, 0x0AL, keys[0], x);

            // X ends with a FASTCLOSE and is evicted: Y must stay reachable by the shared token.
            rig.feed(TcpFrames.ipv4(0xC6120101, 40000, TrackerRig.SERVER, TrackerRig.SERVER_PORT,
                Mptcp.TCP_ACK | Mptcp.TCP_RST, 200, 0, o -> MptcpOptionWriter.mpFastclose(o, 0, keys[0])));
            rig.tracker.tick(120 * SECOND);
            rig.feed(TcpFrames.ipv4(0xC6120201, 40000, TrackerRig.SERVER, TrackerRig.SERVER_PORT, Mptcp.TCP_ACK, 300,
                0, o -> 0));
            assertEquals(1, rig.tracker.evict(3600 * SECOND, 60 * SECOND, null, 1 << 20));
            assertEquals(1, rig.tracker.connections().holders(TrackerRig.token(keys[1])));
            joinVerifies(rig, 0xC6120203, 41001, 0x0BL, keys[1], y);
        }
    }

    private static void joinVerifies(final TrackerRig rig, final int client, final int port, final long keyA,
        final long keyB, final int connection)
    {
        for (final byte[] f : rig.join(client, port, keyA, keyB, port * 3, port * 5))
        {
            assertEquals(Reason.OK, rig.feed(f));
        }
        assertEquals("established", rig.lastSubflow().joinState());
        assertEquals(connection, rig.tracker.lastConnection());
    }
}
