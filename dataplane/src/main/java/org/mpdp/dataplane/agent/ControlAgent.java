package org.mpdp.dataplane.agent;

import org.agrona.concurrent.Agent;
import org.agrona.concurrent.status.AtomicCounter;
import org.mpdp.dataplane.control.ControlPlane;
import org.mpdp.dataplane.control.Injector;
import org.mpdp.dataplane.steer.BurstHandler;
import org.mpdp.dataplane.steer.BurstRing;
import org.mpdp.dataplane.steer.BurstView;
import org.mpdp.dataplane.steer.Wakeup;

/**
 * The control thread: drains the control ring (packets for the box, from every RX thread) into the
 * {@link ControlPlane}, which replies through the {@link Injector}; then the plane's own periodic work.
 * Not pinned: it runs wherever the OS puts it, idling with a backoff of its own so it never spins on a
 * packet core. Registered with EAL so its frees and allocations use a mempool cache. Whoever hands it a burst
 * wakes it ({@link Wakeup}), so a packet for the box does not wait out that backoff's park.
 */
final class ControlAgent implements Agent, BurstHandler
{
    private final BurstRing ring;
    private final ControlPlane plane;
    private final Injector injector;
    private final AtomicCounter received;
    private final int drainLimit;
    private final Wakeup wakeup;
    private final BurstHandler freeAll = this::free;
    private int lcore = -1;

    ControlAgent(final BurstRing ring, final ControlPlane plane, final Injector injector, final AtomicCounter received,
        final int drainLimit, final Wakeup wakeup)
    {
        this.wakeup = wakeup;
        this.ring = ring;
        this.plane = plane;
        this.injector = injector;
        this.received = received;
        this.drainLimit = drainLimit;
    }

    @Override
    public void onStart()
    {
        lcore = PacketThreads.enter(-1);
        wakeup.bind();
    }

    @Override
    public int doWork()
    {
        final int work = ring.drain(this, drainLimit);
        return work + plane.doWork(System.nanoTime(), injector);
    }

    @Override
    public void onBurst(final BurstView burst)
    {
        for (int i = 0; i < burst.count(); i++)
        {
            received.incrementRelease();
            // From here the mbuf is the plane's: it sends or frees it.
            plane.receive(burst.mbuf(i), burst.port(i), burst.queue(i), injector);
        }
    }

    private void free(final BurstView burst)
    {
        for (int i = 0; i < burst.count(); i++)
        {
            injector.free(burst.mbuf(i));
        }
    }

    /** @return whether the control ring is empty. */
    boolean drained()
    {
        return ring.consumerPosition() == ring.producerPosition();
    }

    @Override
    public void onClose()
    {
        wakeup.unbind();
        // RX has stopped before this thread is closed; whatever is still queued is freed, not answered.
        while (ring.drain(freeAll, Integer.MAX_VALUE) > 0)
        {
            Thread.onSpinWait();
        }
        PacketThreads.leave(lcore);
    }

    @Override
    public String roleName()
    {
        return "mpdp-control";
    }
}
