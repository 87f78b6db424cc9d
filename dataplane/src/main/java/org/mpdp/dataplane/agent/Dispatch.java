package org.mpdp.dataplane.agent;

import org.agrona.concurrent.status.AtomicCounter;
import org.mpdp.dataplane.steer.ParkedJoins;
import org.mpdp.dataplane.steer.Steerer;

/**
 * Where a steered packet goes when the thread that steered it does not process it itself: to its
 * owner's ring, parked (a join whose token is not yet published; a full park sends it to its hash
 * owner), to the control thread, or, for the box's own traffic with no control thread, counted and
 * freed. One per steering thread (RX thread or run-to-completion worker); the mbuf moves with the call.
 */
final class Dispatch
{
    private final Handoff handoff;
    private final ParkedJoins parked;
    private final Steerer steerer;
    private final AtomicCounter control;
    private final FreeList free;
    private Handoff toControl;

    /**
     * @param handoff to the workers' rings.
     * @param parked  where joins wait for their token (may be null when the steerer never parks).
     * @param steerer the steerer whose verdicts are dispatched (its hash owner takes an overflowing park).
     * @param control counts packets for the box freed because no control thread runs.
     * @param free    this thread's free list.
     */
    Dispatch(final Handoff handoff, final ParkedJoins parked, final Steerer steerer, final AtomicCounter control,
        final FreeList free)
    {
        this.handoff = handoff;
        this.parked = parked;
        this.steerer = steerer;
        this.control = control;
        this.free = free;
    }

    /** Packets for the box go to the control thread through this from now on. */
    void toControl(final Handoff toControl)
    {
        this.toControl = toControl;
    }

    /** Commits what was handed to the control thread this cycle. */
    void flushControl()
    {
        if (toControl != null)
        {
            toControl.flush();
        }
    }

    /**
     * @param owner the steerer's verdict for the packet: a worker, {@link Steerer#PARK} or {@link Steerer#CONTROL}.
     */
    void send(final int owner, final long mbuf, final long stamp, final int port, final int queue, final long now)
    {
        if (owner >= 0)
        {
            handoff.add(owner, mbuf, stamp, port, queue);
        }
        else if (owner == Steerer.PARK)
        {
            if (!parked.park(mbuf, stamp, port, queue, steerer, now))
            {
                handoff.add(steerer.lastHashOwner(), mbuf, stamp, port, queue);
            }
        }
        else if (toControl != null)
        {
            // For the box itself (ARP, ND, its addresses): the control thread's from now on.
            toControl.add(0, mbuf, stamp, port, queue);
        }
        else
        {
            // For the box itself, and no control thread runs.
            control.incrementRelease();
            free.add(mbuf);
        }
    }
}
