package org.mpdp.dataplane.control;

import org.mpdp.dataplane.steer.ControlTraffic;

/**
 * What runs on the control thread: the packets steered to {@code Steerer.CONTROL} (ARP, IPv6 neighbour
 * discovery, anything to the addresses the plane claims) arrive here, in the order each RX thread saw
 * them, and the plane answers through the {@link Injector}. Implemented by the built-in
 * {@link ControlResponder} and, later, by the robe-control module.
 *
 * <p>Threading: every method is called on the control thread only (an Agrona agent on its own thread,
 * not pinned to a packet core), so a plane needs no locks of its own. It must not block for long: the
 * control ring fills meanwhile, and what does not fit is freed and counted by the RX threads.
 *
 * <p>Ownership: the mbuf given to {@link #receive} belongs to the plane from then on. It must either
 * hand it to {@link Injector#send} (a reply built in place) or {@link Injector#free} it, exactly once,
 * before or after returning; the pools are checked for leaks at exit.
 */
public interface ControlPlane
{
    /**
     * Adds what this plane wants to see to the steering rule (its local addresses, EtherTypes); called
     * once per steering thread before any thread starts. ARP and IPv6 neighbour discovery are in already.
     *
     * @param traffic the rule one steering thread will use.
     */
    void claim(ControlTraffic traffic);

    /**
     * One packet for the box.
     *
     * @param mbuf     rte_mbuf address; now the plane's.
     * @param port     port id it came in on.
     * @param queue    RX queue it came from.
     * @param injector where replies go.
     */
    void receive(long mbuf, int port, int queue, Injector injector);

    /**
     * Timers and other periodic work, once per control-thread cycle.
     *
     * @param nowNanos {@link System#nanoTime()} of this cycle.
     * @param injector where frames go.
     * @return work done (0 lets the control thread idle).
     */
    default int doWork(final long nowNanos, final Injector injector)
    {
        return 0;
    }
}
