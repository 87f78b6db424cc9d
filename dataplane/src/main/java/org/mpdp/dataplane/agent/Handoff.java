package org.mpdp.dataplane.agent;

import org.agrona.concurrent.status.AtomicCounter;
import org.mpdp.dataplane.steer.BurstRing;
import org.mpdp.dataplane.steer.ReleaseHandler;
import org.mpdp.dataplane.steer.Wakeup;

/**
 * Packets a steering thread has decided to send to other workers, gathered per worker and offered to
 * each worker's {@link BurstRing} as one burst. A burst the ring cannot take is freed and counted
 * (RX never blocks). Owned by one thread; allocation-free after construction.
 */
final class Handoff implements ReleaseHandler
{
    private final BurstRing[] rings;
    private final int burst;
    private final long[][] mbufs;
    private final long[][] stamps;
    private final int[][] ports;
    private final int[][] queues;
    private final int[] counts;
    private final AtomicCounter handedOff;
    private final AtomicCounter ringFull;
    private final FreeList free;
    private final Wakeup wakeup;

    Handoff(final BurstRing[] rings, final int burst, final AtomicCounter handedOff, final AtomicCounter ringFull,
        final FreeList free)
    {
        this(rings, burst, handedOff, ringFull, free, null);
    }

    /** @param wakeup woken after every burst offered (one ring only: the control ring), or null. */
    Handoff(final BurstRing[] rings, final int burst, final AtomicCounter handedOff, final AtomicCounter ringFull,
        final FreeList free, final Wakeup wakeup)
    {
        this.wakeup = wakeup;
        this.free = free;
        this.rings = rings;
        this.burst = burst;
        mbufs = new long[rings.length][burst];
        stamps = new long[rings.length][burst];
        ports = new int[rings.length][burst];
        queues = new int[rings.length][burst];
        counts = new int[rings.length];
        this.handedOff = handedOff;
        this.ringFull = ringFull;
    }

    /** Adds a packet for {@code worker}; offers that worker's burst when it is full. */
    void add(final int worker, final long mbuf, final long stamp, final int port, final int queue)
    {
        final int n = counts[worker];
        mbufs[worker][n] = mbuf;
        stamps[worker][n] = stamp;
        ports[worker][n] = port;
        queues[worker][n] = queue;
        counts[worker] = n + 1;
        if (n + 1 == burst)
        {
            flush(worker);
        }
    }

    @Override
    public void onRelease(final long mbuf, final long stamp, final int port, final int queue, final int owner)
    {
        add(owner, mbuf, stamp, port, queue);
    }

    /** @return whether packets for {@code worker} are gathered but not yet offered. */
    boolean pending(final int worker)
    {
        return counts[worker] > 0;
    }

    /** Offers every gathered burst. */
    void flush()
    {
        for (int w = 0; w < rings.length; w++)
        {
            if (counts[w] > 0)
            {
                flush(w);
            }
        }
    }

    private void flush(final int worker)
    {
        final int n = counts[worker];
        counts[worker] = 0;
        if (rings[worker].offer(mbufs[worker], stamps[worker], ports[worker], queues[worker], n) == n)
        {
            handedOff.getAndAddRelease(n);
            if (wakeup != null)
            {
                wakeup.wake();
            }
            return;
        }
        // The ring is full: this thread still owns the mbufs, so it frees them and says so.
        for (int i = 0; i < n; i++)
        {
            free.add(mbufs[worker][i]);
        }
        ringFull.getAndAddRelease(n);
    }
}
