package org.mpdp.dataplane.agent;

import java.lang.foreign.Arena;
import java.util.List;

import org.agrona.concurrent.Agent;
import org.agrona.concurrent.status.AtomicCounter;
import org.mpdp.dataplane.port.Burst;

/**
 * The forwarding loop: for each route, RX a burst, TX it on the peer port, free what TX refused.
 * One {@link #doWork()} is one pass over every route, like l2fwd_main_loop's body; the runner's
 * idle strategy decides what an empty pass costs.
 *
 * <p>Ownership: mbufs received into {@link #burst} belong to this agent until {@link Burst#sendAll}
 * hands them to the driver or frees them, within the same pass, so nothing is held between passes.
 */
public final class ForwardingAgent implements Agent
{
    /**
     * One RX queue forwarded to one TX queue, with its counters.
     *
     * @param rxPort   port to receive from.
     * @param rxQueue  RX queue.
     * @param txPort   port to send on.
     * @param txQueue  TX queue.
     * @param rx       packets received.
     * @param tx       packets sent.
     * @param txDropped packets freed because the TX queue was full.
     */
    public record Route(int rxPort, int rxQueue, int txPort, int txQueue, AtomicCounter rx, AtomicCounter tx,
        AtomicCounter txDropped)
    {
    }

    private final Route[] routes;
    private final int cpu;
    private final Arena arena = Arena.ofShared();
    private final Burst burst;
    private int lcore = -1;

    /**
     * @param routes    what to forward.
     * @param burstSize packets per burst.
     * @param cpu       CPU to pin the loop's thread to, or -1 to leave it unpinned.
     */
    public ForwardingAgent(final List<Route> routes, final int burstSize, final int cpu)
    {
        this.routes = routes.toArray(new Route[0]);
        this.cpu = cpu;
        this.burst = new Burst(burstSize, arena);
    }

    @Override
    public void onStart()
    {
        lcore = PacketThreads.enter(cpu);
    }

    @Override
    public int doWork()
    {
        final Burst burst = this.burst;
        int work = 0;
        for (final Route route : routes)
        {
            final int received = burst.receive(route.rxPort, route.rxQueue);
            if (received == 0)
            {
                continue;
            }
            final int sent = burst.sendAll(route.txPort, route.txQueue);
            route.rx.getAndAddRelease(received);
            route.tx.getAndAddRelease(sent);
            if (sent < received)
            {
                route.txDropped.getAndAddRelease(received - sent);
            }
            work += received;
        }
        return work;
    }

    @Override
    public void onClose()
    {
        PacketThreads.leave(lcore);
        arena.close();
    }

    @Override
    public String roleName()
    {
        return "mpdp-forward";
    }

    /**
     * @return the EAL lcore id the loop thread got, or -1 before start.
     */
    public int lcore()
    {
        return lcore;
    }
}
