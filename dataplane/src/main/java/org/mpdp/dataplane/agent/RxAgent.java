package org.mpdp.dataplane.agent;

import java.lang.foreign.Arena;
import java.util.List;

import org.agrona.concurrent.Agent;
import org.agrona.concurrent.status.AtomicCounter;
import org.mpdp.dataplane.latency.LatencyClock;
import org.mpdp.dataplane.port.Burst;
import org.mpdp.dataplane.port.MbufParser;
import org.mpdp.dataplane.steer.BurstRing;
import org.mpdp.dataplane.steer.ParkedJoins;
import org.mpdp.dataplane.steer.Steerer;
import org.mpdp.dataplane.steer.Wakeup;
import org.mpdp.dataplane.wire.PacketParser;
import org.mpdp.dataplane.wire.ParsedPacket;

/**
 * Pipelined layout, RX side: poll the queues this thread owns, parse just enough to steer, hand every
 * packet to its owner's ring (bursts per owner), park joins whose token is not yet published, hand
 * what is for the box itself to the control ring (or free and count it when no control thread runs). It never blocks: a full ring is counted and its burst freed.
 */
public final class RxAgent implements Agent
{
    private final int id;
    private final int cpu;
    private final WorkerAgent.RxQueue[] queues;
    private final Steerer steerer;
    private final ParkedJoins parked;
    private final Handoff handoff;
    private final AtomicCounter control;
    private final LatencyClock clock;
    private final Arena arena = Arena.ofShared();
    private final Burst rx;
    private final FreeList free;
    private final PacketParser parser = new PacketParser();
    private final ParsedPacket packet = new ParsedPacket();
    private final MbufParser mbufs = new MbufParser(arena);
    /** To the control thread (null: none runs, packets for the box are counted and freed). */
    private final Dispatch dispatch;
    private final int burst;
    private RxRateLimit rxLimit = RxRateLimit.NONE;
    private volatile boolean stopRx;
    private int lcore = -1;

    RxAgent(final int id, final int cpu, final List<WorkerAgent.RxQueue> queues, final Steerer steerer,
        final ParkedJoins parked, final BurstRing[] rings, final int burst, final AtomicCounter handedOff,
        final AtomicCounter ringFull, final AtomicCounter control, final LatencyClock clock)
    {
        this.id = id;
        this.cpu = cpu;
        this.queues = queues.toArray(new WorkerAgent.RxQueue[0]);
        this.steerer = steerer;
        this.parked = parked;
        this.control = control;
        this.clock = clock;
        this.burst = burst;
        rx = new Burst(burst, arena);
        free = new FreeList(burst * 4, arena);
        handoff = new Handoff(rings, burst, handedOff, ringFull, free);
        dispatch = new Dispatch(handoff, parked, steerer, control, free);
    }

    /**
     * Attaches the control thread: packets for the box go to {@code controlRing}. Before the thread starts.
     *
     * @param ringFull counts those freed because the control ring was full.
     */
    void control(final BurstRing controlRing, final Wakeup controlWakeup, final AtomicCounter ringFull)
    {
        dispatch.toControl(new Handoff(new BurstRing[] {controlRing}, rx.capacity(), control, ringFull, free,
            controlWakeup));
    }

    /** Paces this thread's RX ({@code rx.max-pps}); before the thread starts. */
    void rxLimit(final long pps)
    {
        rxLimit = RxRateLimit.of(pps, burst);
    }

    @Override
    public void onStart()
    {
        lcore = PacketThreads.enter(cpu);
    }

    @Override
    public int doWork()
    {
        final long now = System.nanoTime();
        steerer.tick(now);
        int work = 0;
        for (final WorkerAgent.RxQueue q : stopRx ? NONE : queues)
        {
            final int n = rx.receive(q.port(), q.queue(), rxLimit.allowance(burst));
            if (n == 0)
            {
                continue;
            }
            rxLimit.took(n);
            q.rx().getAndAddRelease(n);
            final long stamp = clock != null ? clock.ticks() : 0;
            for (int i = 0; i < n; i++)
            {
                steer(rx.mbuf(i), stamp, q, now);
            }
            rx.count(0);
            work += n;
        }
        dispatch.flushControl();
        // Commit this cycle's bursts first: parked joins wait for the rings' positions as they are now.
        handoff.flush();
        work += parked.poll(now, handoff);
        handoff.flush();
        free.flush();
        return work;
    }

    private void steer(final long mbuf, final long stamp, final WorkerAgent.RxQueue q, final long now)
    {
        mbufs.parse(parser, mbuf, packet);
        dispatch.send(steerer.steer(packet), mbuf, stamp, q.port(), q.queue(), now);
    }

    private static final WorkerAgent.RxQueue[] NONE = {};

    /** Stops polling RX; parked joins are still released. */
    void stopRx()
    {
        stopRx = true;
    }

    /** @return whether nothing is parked here. */
    boolean drained()
    {
        return parked.size() == 0;
    }

    @Override
    public void onClose()
    {
        free.flush();
        PacketThreads.leave(lcore);
    }

    /** Frees native memory; after the thread stopped. */
    void release()
    {
        arena.close();
    }

    @Override
    public String roleName()
    {
        return "mpdp-rx-" + id;
    }
}
