package org.mpdp.robe;

import org.mpdp.robe.net.Segment;

/**
 * What a RobE process does on the plane's control thread: the client's session runner ({@code robe connect})
 * or a responder ({@code robe listen}).
 */
public interface Driver
{
    /**
     * Periodic work, once per control-thread cycle.
     *
     * @param now   nanoTime.
     * @param plane the plane.
     * @return work done (0 lets the thread idle).
     */
    int poll(long now, RobePlane plane);

    /**
     * A TCP segment to one of our addresses that no subflow owns (a responder takes SYNs here).
     *
     * @param segment the segment.
     * @param path    the path whose address it was sent to.
     * @param now     nanoTime.
     * @param plane   the plane.
     * @return whether it was taken; false: the plane answers it with RST (RFC 9293 §3.10.7.1).
     */
    default boolean unclaimed(final Segment segment, final int path, final long now, final RobePlane plane)
    {
        return false;
    }

    /** @return whether the driver has finished (the process may stop). */
    boolean finished();
}
