package org.mpdp.dataplane.mirror;

import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;
import org.mpdp.dataplane.port.Mbuf;
import org.mpdp.dataplane.track.Action;
import org.mpdp.dataplane.track.Reason;
import org.mpdp.dataplane.track.VerdictPolicy;

/**
 * One worker's side of the mirror: a rate limit and the copy into the shared {@link MirrorRing}. The
 * limit is per worker (the configured packets per second split evenly, at least 1 each), so workers
 * share no state but the ring: a bucket refilled to full at the start of each second of the worker's
 * cycle clock. No allocation: the frame view is reused. One worker thread only.
 */
public final class MirrorTap
{
    private static final long SECOND = 1_000_000_000L;

    private final MirrorRing ring;
    private final VerdictPolicy policy;
    private final int perSecond;
    private final AtomicCounter mirrored;
    private final AtomicCounter rateLimited;
    private final AtomicCounter ringFull;
    private final UnsafeBuffer frame = new UnsafeBuffer(0, 0);
    private long windowEnd = Long.MIN_VALUE;
    private int tokens;

    /**
     * @param ring        the shared ring.
     * @param policy      the worker's verdict policy (which reason gave the action).
     * @param perSecond   this worker's share of {@code mirror.max-packets-per-second}.
     * @param mirrored    counts packets copied into the ring.
     * @param rateLimited counts packets not copied: over the rate.
     * @param ringFull    counts packets not copied: the ring was full.
     */
    public MirrorTap(final MirrorRing ring, final VerdictPolicy policy, final int perSecond, final AtomicCounter mirrored,
        final AtomicCounter rateLimited, final AtomicCounter ringFull)
    {
        this.ring = ring;
        this.policy = policy;
        this.perSecond = Math.max(1, perSecond);
        this.mirrored = mirrored;
        this.rateLimited = rateLimited;
        this.ringFull = ringFull;
    }

    /**
     * Mirrors a packet the worker still owns (before it frees or sends it); the mbuf is only read.
     *
     * @param mbuf    rte_mbuf address.
     * @param port    port it came in on.
     * @param reasons the packet's reasons, {@code 1L << ordinal} bits ({@code Tracker.lastReasons()}).
     * @param action  the packet's action (drop or flag).
     * @param nanos   the worker's cycle clock ({@link System#nanoTime()}).
     */
    public void offer(final long mbuf, final int port, final long reasons, final Action action, final long nanos)
    {
        if (nanos >= windowEnd)
        {
            windowEnd = nanos + SECOND;
            tokens = perSecond;
        }
        if (tokens == 0)
        {
            rateLimited.incrementRelease();
            return;
        }
        tokens--;
        frame.wrap(Mbuf.dataAddress(mbuf), Mbuf.dataLength(mbuf));
        if (ring.offer(frame, Mbuf.packetLength(mbuf), port, reasonFor(reasons, action), action.ordinal(), nanos))
        {
            mirrored.incrementRelease();
        }
        else
        {
            ringFull.incrementRelease();
        }
    }

    /** The first of the packet's reasons whose policy action is the packet's: the one the comment names. */
    private int reasonFor(final long reasons, final Action action)
    {
        long bits = reasons;
        while (bits != 0)
        {
            final int r = Long.numberOfTrailingZeros(bits);
            if (policy.action(Reason.of(r)) == action)
            {
                return r;
            }
            bits &= bits - 1;
        }
        return Reason.OK.ordinal();
    }
}
