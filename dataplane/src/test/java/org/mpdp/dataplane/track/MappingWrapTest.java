package org.mpdp.dataplane.track;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.mpdp.dataplane.crypto.KeyDerivation;
import org.mpdp.dataplane.wire.Mptcp;
import org.mpdp.dataplane.wire.MptcpOptionWriter;
import org.mpdp.dataplane.wire.TcpFrames;

/**
 * Defect 6 of the hardening issue: mapping checks compared DSNs as they travel, so 32-bit DSNs across
 * a 2^32 wrap, a 32-bit and a 64-bit announcement of the same mapping, and the DSS that re-maps the
 * data an MP_CAPABLE carried (recorded as DSN 0) were flagged as inconsistent. Every comparison now
 * uses the expanded 64-bit DSN.
 */
final class MappingWrapTest
{
    private static final int CLIENT = 0xC6120101;
    private static final long KEY_B = 0x0F0E0D0C0B0A0908L;
    private static final int SEGMENT = 1000;
    private static final int SEGMENTS = 200;

    /** A client key whose IDSN's low 32 bits sit within 64 KiB below 2^32, so the data crosses the wrap. */
    private static long keyNearWrap()
    {
        final KeyDerivation derive = new KeyDerivation();
        final SplittableRandom random = new SplittableRandom(42);
        while (true)
        {
            final long key = random.nextLong();
            if ((int)derive.idsnV1(key) >>> 16 == 0xFFFF)
            {
                return key;
            }
        }
    }

    @Test
    void shouldSeeNoAnomalyAcrossAWrapWithMixed32And64BitMappings()
    {
        final long keyA = keyNearWrap();
        final long idsn = new KeyDerivation().idsnV1(keyA);
        try (TrackerRig rig = new TrackerRig(new Tracker(8, 16)))
        {
            final int port = 40000;
            final int s = TrackerRig.SERVER;
            final int sp = TrackerRig.SERVER_PORT;
            rig.feed(TcpFrames.ipv4(CLIENT, port, s, sp, Mptcp.TCP_SYN, 100, 0, o -> MptcpOptionWriter.mpCapable(o, 0,
                Mptcp.MPC_SYN_V1_LENGTH, 1, Mptcp.MPC_FLAG_H, 0, 0, 0, 0)));
            rig.feed(TcpFrames.ipv4(s, sp, CLIENT, port, Mptcp.TCP_SYN | Mptcp.TCP_ACK, 500, 0, o ->
                MptcpOptionWriter.mpCapable(o, 0, Mptcp.MPC_ONE_KEY_LENGTH, 1, Mptcp.MPC_FLAG_H, KEY_B, 0, 0, 0)));
            // Third ACK with data (RFC 8684 3.1): DSN = IDSN + 1, SSN 1, no DSS.
            assertEquals(Reason.OK, rig.feed(TcpFrames.ipv4(CLIENT, port, s, sp, Mptcp.TCP_ACK | Mptcp.TCP_PSH, 101,
                SEGMENT, o -> MptcpOptionWriter.mpCapable(o, 0, Mptcp.MPC_ACK_DATA_LENGTH, 1, Mptcp.MPC_FLAG_H, keyA,
                    KEY_B, SEGMENT, 0))));
            // Its retransmission carries a DSS re-mapping the same bytes, as Linux does.
            assertEquals(Reason.OK, data(rig, 1, idsn + 1, true));
            for (int k = 1; k <= SEGMENTS; k++)
            {
                // Alternate 32- and 64-bit DSNs; the data crosses 2^32 about a third of the way in.
                assertEquals(Reason.OK, data(rig, 1 + k * SEGMENT, idsn + 1 + (long)k * SEGMENT, k % 2 == 0), "segment " + k);
                if (k % 10 == 0)
                {
                    // A retransmission announcing the same mapping in the other width.
                    assertEquals(Reason.OK, data(rig, 1 + k * SEGMENT, idsn + 1 + (long)k * SEGMENT, k % 2 != 0),
                        "retransmitted segment " + k);
                }
            }
            final int c = rig.tracker.lastConnection();
            assertEquals(0, ConnectionView.of(rig.tracker, c).mappingAnomalies());
            assertEquals((SEGMENTS + 1L) * SEGMENT, rig.tracker.dataBytes(c, 0));
            assertEquals(0, ConnectionView.of(rig.tracker, c).reinjectedBytes());
        }
    }

    private static Reason data(final TrackerRig rig, final int ssn, final long dsn, final boolean dsn64)
    {
        final int flags = Mptcp.DSS_FLAG_MAP | (dsn64 ? Mptcp.DSS_FLAG_DSN64 : 0);
        return rig.feed(TcpFrames.ipv4(CLIENT, 40000, TrackerRig.SERVER, TrackerRig.SERVER_PORT,
            Mptcp.TCP_ACK | Mptcp.TCP_PSH, 100 + ssn, SEGMENT, o -> MptcpOptionWriter.dss(o, 0, flags, 0, dsn, ssn,
                SEGMENT, false, 0)));
    }
}
