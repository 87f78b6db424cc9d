package org.mpdp.dataplane.track;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mpdp.dataplane.wire.Mptcp;
import org.mpdp.dataplane.wire.MptcpOptionWriter;
import org.mpdp.dataplane.wire.TcpFrames;

/**
 * The steering seam: a tracker tells its owner when a connection's tokens become known (during the
 * packet that reveals them, so before it is forwarded), when a join subflow is admitted, and when
 * both are freed again.
 */
final class OwnershipListenerTest
{
    @Test
    void shouldPublishTokensAndJoinsBeforeForwardingAndWithdrawThemOnEviction()
    {
        final List<String> events = new ArrayList<>();
        try (TrackerRig rig = new TrackerRig(new Tracker(8, 32)))
        {
            final Tracker t = rig.tracker;
            t.ownership(new OwnershipListener()
            {
                public void tokensKnown(final int c, final int a, final int b)
                {
                    events.add("known " + Integer.toHexString(a) + " " + Integer.toHexString(b));
                }

                public void tokensFreed(final int c, final int a, final int b)
                {
                    events.add("freed " + Integer.toHexString(a) + " " + Integer.toHexString(b));
                }

                public void joinAdmitted(final int s)
                {
                    events.add("join " + SubflowView.endpoint(t.subflows().ipVersion(s), t.subflows().clientHigh(s),
                        t.subflows().clientLow(s), t.subflows().clientPort(s)));
                }

                public void joinFreed(final int s)
                {
                    events.add("join freed " + t.subflows().clientPort(s));
                }

                public void joinReset(final int s)
                {
                    events.add("join reset " + t.subflows().clientPort(s));
                }
            });
            t.tick(0);
            rig.connect(0xC6120101, 40000, 0xAAL, 0xBBL, false);
            final String tokens = Integer.toHexString(TrackerRig.token(0xAAL)) + " " +
                Integer.toHexString(TrackerRig.token(0xBBL));
            assertEquals(List.of("known " + tokens), events, "published during the third ACK");
            rig.feed(rig.join(0xC6120102, 41000, 0xAAL, 0xBBL, 1, 2)[0]);
            assertEquals("join 198.18.1.2:41000", events.get(1));
            // A reset join stops being routed to this worker at once (its tuple may come back in another join).
            rig.feed(TcpFrames.ipv4(0xC6120102, 41000, TrackerRig.SERVER, TrackerRig.SERVER_PORT, Mptcp.TCP_RST, 7001,
                0, o -> 0));
            assertEquals("join reset 41000", events.get(2));
            rig.feed(TcpFrames.ipv4(0xC6120101, 40000, TrackerRig.SERVER, TrackerRig.SERVER_PORT,
                Mptcp.TCP_ACK | Mptcp.TCP_RST, 200, 0, o -> MptcpOptionWriter.mpFastclose(o, 0, 0xBBL)));
            t.tick(120_000_000_000L);
            assertEquals(1, t.evict(3_600_000_000_000L, 60_000_000_000L, null));
            assertEquals(List.of("known " + tokens, "join 198.18.1.2:41000", "join reset 41000", "join freed 41000",
                "freed " + tokens), events);
        }
    }
}
