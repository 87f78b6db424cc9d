package org.mpdp.dataplane.steer;

/**
 * Where {@link ParkedJoins#poll} sends a released packet: the steering thread enqueues it for
 * {@code owner} (as it would a freshly steered packet) and owns the mbuf until then.
 */
@FunctionalInterface
public interface ReleaseHandler
{
    /**
     * @param mbuf  rte_mbuf address.
     * @param stamp RX stamp given to {@link ParkedJoins#park}.
     * @param port  port given to {@link ParkedJoins#park}.
     * @param queue queue given to {@link ParkedJoins#park}.
     * @param owner the worker to send it to.
     */
    void onRelease(long mbuf, long stamp, int port, int queue, int owner);
}
