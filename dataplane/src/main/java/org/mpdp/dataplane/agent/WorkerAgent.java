package org.mpdp.dataplane.agent;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

import org.agrona.concurrent.Agent;
import org.agrona.concurrent.status.AtomicCounter;
import org.mpdp.dataplane.analyze.ConnectionReport;
import org.mpdp.dataplane.analyze.FlagLog;
import org.mpdp.dataplane.latency.LatencyRecorders;
import org.mpdp.dataplane.mirror.MirrorTap;
import org.mpdp.dataplane.port.Burst;
import org.mpdp.dataplane.port.MbufParser;
import org.mpdp.dataplane.steer.BurstHandler;
import org.mpdp.dataplane.steer.BurstRing;
import org.mpdp.dataplane.steer.BurstView;
import org.mpdp.dataplane.steer.ControlTraffic;
import org.mpdp.dataplane.steer.OwnerDirectory;
import org.mpdp.dataplane.steer.ParkedJoins;
import org.mpdp.dataplane.steer.Steerer;
import org.mpdp.dataplane.steer.Wakeup;
import org.mpdp.dataplane.track.Action;
import org.mpdp.dataplane.track.IngressFilter;
import org.mpdp.dataplane.track.OwnershipListener;
import org.mpdp.dataplane.track.Reason;
import org.mpdp.dataplane.track.SubflowTable;
import org.mpdp.dataplane.track.Tracker;
import org.mpdp.dataplane.wire.PacketParser;
import org.mpdp.dataplane.wire.ParsedPacket;

/**
 * A worker: owns one {@link Tracker} and everything steered to it. One cycle, read top to bottom:
 * (run-to-completion only) RX a burst from each of its queues, parse, steer: its own packets are
 * processed at once, others' handed to their owners' rings, joins with a token not yet published
 * parked; then drain its ring; process = parse, track, verdict; forwarded packets go out on the peer
 * port's TX queue that belongs to this worker, dropped ones are freed; eviction in a bounded slice.
 * A lone worker polling one queue does not steer: everything but the box's own traffic is its own.
 *
 * <p>Ownership: an mbuf received or drained here belongs to this worker until it is sent, handed to
 * another worker's ring, or freed, all within the cycle (a parked join is held by {@link ParkedJoins}).
 * Tokens and join 4-tuples are published in the {@link OwnershipListener} calls the tracker makes
 * while it processes the packet that reveals them, so before that packet is forwarded.
 */
public final class WorkerAgent implements Agent, BurstHandler, OwnershipListener
{
    /** One RX queue polled by a run-to-completion worker. */
    record RxQueue(int port, int queue, AtomicCounter rx)
    {
    }

    private final int id;
    private final int cpu;
    private final Tracker tracker;
    private final OwnerDirectory directory;
    private final BurstRing inbound;
    private final RxQueue[] rxQueues;
    private final Steerer steerer;
    private final ControlTraffic control;
    private final ParkedJoins parked;
    private final Handoff handoff;
    private final TxStage[] txByPort;
    private final int[] peer;
    private final WorkerCounters counters;
    private final PipelineSettings settings;
    private final LatencyRecorders latency;
    private final FlagLog log;
    private final List<ConnectionReport> evictedReports = new ArrayList<>();
    private final Tracker.EvictionListener keepReport;
    private final Arena arena = Arena.ofShared();
    private final Burst rx;
    private final FreeList free;
    private final PacketParser parser = new PacketParser();
    private final WorkerState state;
    /** Own packets parsed and waiting to be tracked together (see {@link #track()}). */
    private final TrackBatch batch;
    private final MbufParser mbufs = new MbufParser(arena);
    private final BurstHandler injectHandler = this::onInjected;
    private final BurstHandler freeInjected = this::freeInjected;
    /** To the control thread (null: no control thread, packets for the box are counted and freed). */
    private final Dispatch dispatch;
    /** Woken by the control thread when it injected a frame for this worker's TX. */
    private final Wakeup wakeup = new Wakeup();
    /** Copies dropped and flagged packets for the mirror file (null: no mirror). */
    private MirrorTap mirror;
    /** Frames the control thread injects for the ports this worker transmits them on (null: none). */
    private BurstRing injected;
    private final boolean alone;
    private RxRateLimit rxLimit = RxRateLimit.NONE;
    private IngressFilter ingress = IngressFilter.NONE;
    private volatile boolean stopRx;
    private long nextEvict;
    private long now;
    private long frames;
    private long mptcpPackets;
    private long malformed;
    private long processedUnpublished;
    private long droppedUnpublished;
    private long flaggedUnpublished;
    private int lcore = -1;

    WorkerAgent(final int id, final int cpu, final Tracker tracker, final OwnerDirectory directory,
        final BurstRing[] rings, final List<RxQueue> rxQueues, final Steerer steerer, final ControlTraffic control,
        final ParkedJoins parked,
        final int[] peer, final WorkerCounters counters, final PipelineSettings settings,
        final LatencyRecorders latency, final boolean report)
    {
        this.id = id;
        this.cpu = cpu;
        this.tracker = tracker;
        this.directory = directory;
        this.inbound = rings[id];
        this.rxQueues = rxQueues.toArray(new RxQueue[0]);
        alone = rings.length == 1 && this.rxQueues.length == 1;
        this.steerer = steerer;
        this.control = control;
        this.parked = parked;
        this.peer = peer;
        this.counters = counters;
        this.settings = settings;
        this.latency = latency;
        rx = new Burst(settings.burst(), arena);
        free = new FreeList(settings.burst() * 4, arena);
        batch = new TrackBatch(settings.burst());
        handoff = new Handoff(rings, settings.burst(), counters.handedOff, counters.ringFull, free);
        dispatch = new Dispatch(handoff, parked, steerer, counters.control, free);
        txByPort = new TxStage[peer.length];
        for (int p = 0; p < peer.length; p++)
        {
            txByPort[p] = new TxStage(p, id, settings.burst(), arena, counters.tx, counters.txDropped);
        }
        tracker.ownership(this);
        state = new WorkerState(tracker);
        log = report ? new FlagLog(tracker, false) : null;
        if (log != null)
        {
            tracker.listener(log);
        }
        keepReport = report ? c -> evictedReports.add(ConnectionReport.of(tracker, c, log)) : null;
    }

    /**
     * Attaches the control thread: packets for the box go to {@code controlRing}, and frames it injects
     * arrive on {@code injectRing}. Before the thread starts.
     */
    void control(final BurstRing controlRing, final Wakeup controlWakeup, final BurstRing injectRing)
    {
        dispatch.toControl(new Handoff(new BurstRing[] {controlRing}, settings.burst(), counters.control,
            counters.controlRingFull, free, controlWakeup));
        injected = injectRing;
    }

    /** @return what the control thread wakes after injecting for this worker. */
    Wakeup wakeup()
    {
        return wakeup;
    }

    /** Turns the mirror on: dropped and flagged packets are copied (rate-limited) for its writer. Before start. */
    void mirror(final MirrorTap tap)
    {
        mirror = tap;
    }

    /** Refuses sources outside each port's {@code ports[i].sources}; before the thread starts. */
    void ingress(final IngressFilter filter)
    {
        ingress = filter;
    }

    /** Paces this worker's RX (run-to-completion, {@code rx.max-pps}); before the thread starts. */
    void rxLimit(final long pps)
    {
        rxLimit = RxRateLimit.of(pps, settings.burst());
    }

    @Override
    public void onStart()
    {
        lcore = PacketThreads.enter(cpu);
        wakeup.bind();
    }

    @Override
    public int doWork()
    {
        final long now = System.nanoTime();
        this.now = now;
        tracker.tick(now);
        if (steerer != null)
        {
            steerer.tick(now);
        }
        int work = 0;
        if (!stopRx)
        {
            for (final RxQueue q : rxQueues)
            {
                work += poll(q);
            }
        }
        dispatch.flushControl();
        if (parked != null)
        {
            handoff.flush();
            work += parked.poll(now, handoff);
        }
        handoff.flush();
        work += inbound.drain(this, settings.drainLimit());
        if (injected != null)
        {
            work += injected.drain(injectHandler, settings.drainLimit());
        }
        for (final TxStage t : txByPort)
        {
            t.send(latency);
        }
        free.flush();
        if (now >= nextEvict)
        {
            tracker.evict(settings.idleNanos(), settings.lingerNanos(), keepReport, settings.evictBudget());
            counters.publish(tracker);
            state.onSlice(now);
            nextEvict = now + settings.evictEveryNanos();
        }
        return work;
    }

    private int poll(final RxQueue q)
    {
        final int n = rx.receive(q.port(), q.queue(), rxLimit.allowance(settings.burst()));
        if (n == 0)
        {
            return 0;
        }
        rxLimit.took(n);
        q.rx().getAndAddRelease(n);
        final long stamp = latency != null ? latency.clock().ticks() : 0;
        // Read once a burst (two volatile reads): whatever others put in the ring meanwhile came concurrently.
        final boolean ringEmpty = inbound.consumerPosition() == inbound.producerPosition();
        for (int i = 0; i < n; i++)
        {
            final long mbuf = rx.mbuf(i);
            final ParsedPacket packet = batch.next();
            mbufs.parse(parser, mbuf, packet);
            // The only worker, polling one queue: every packet but the box's own is its own; nobody else can
            // publish a token, and what it publishes comes in this queue's order, so a join never waits.
            final int owner = alone ? (control.isControl(packet) ? Steerer.CONTROL : id) : steerer.steer(packet);
            if (owner == id && ringEmpty && !handoff.pending(id))
            {
                keep(mbuf, stamp, q.port());
            }
            else if (owner == id)
            {
                // Packets for this worker wait in its own ring (a released join): keep their order.
                handoff.add(id, mbuf, stamp, q.port(), q.queue());
            }
            else
            {
                dispatch.send(owner, mbuf, stamp, q.port(), q.queue(), now);
            }
        }
        track();
        rx.count(0);
        return n;
    }

    /**
     * Keeps the packet just parsed into {@link TrackBatch#next()} for {@link #track()}; a packet whose
     * headers were copied out of a chained mbuf is tracked at once, after the ones kept before it (the
     * copy is reused by the next parse).
     */
    private void keep(final long mbuf, final long stamp, final int port)
    {
        if (mbufs.copied())
        {
            final ParsedPacket p = batch.next();
            track();
            process(mbuf, stamp, port, p, mbufs.segment(), mbufs.frame());
            publishCounts();
            return;
        }
        batch.keep(mbuf, stamp, port, mbufs.segment(), mbufs.frame());
    }

    /**
     * Tracks the kept packets in their order, after showing the tracker the whole batch so that their
     * third-ACK HMACs are computed together.
     */
    private void track()
    {
        final int n = batch.count();
        if (n == 0)
        {
            return;
        }
        tracker.beginBurst();
        if (n > 1)
        {
            for (int i = 0; i < n; i++)
            {
                tracker.offer(batch.packet(i));
            }
            tracker.verifyOffered();
        }
        for (int i = 0; i < n; i++)
        {
            process(batch.mbuf(i), batch.stamp(i), batch.port(i), batch.packet(i), batch.segment(i), batch.frame(i));
        }
        batch.clear();
        publishCounts();
    }

    /** Adds what {@link #process} counted to the shared counters: one ordered write each per burst, not per packet. */
    private void publishCounts()
    {
        if (processedUnpublished != 0)
        {
            counters.processed.getAndAddRelease(processedUnpublished);
            processedUnpublished = 0;
        }
        if (droppedUnpublished != 0)
        {
            counters.dropped.getAndAddRelease(droppedUnpublished);
            droppedUnpublished = 0;
        }
        if (flaggedUnpublished != 0)
        {
            counters.flagged.getAndAddRelease(flaggedUnpublished);
            flaggedUnpublished = 0;
        }
    }

    @Override
    public void onBurst(final BurstView burst)
    {
        for (int i = 0; i < burst.count(); i++)
        {
            final long mbuf = burst.mbuf(i);
            mbufs.parse(parser, mbuf, batch.next());
            keep(mbuf, burst.stamp(i), burst.port(i));
            if (batch.full())
            {
                track();
            }
        }
        track();
    }

    /** Frames the control thread injected: out on this worker's TX queue of their port (stamp 0: no latency). */
    private void onInjected(final BurstView burst)
    {
        for (int i = 0; i < burst.count(); i++)
        {
            txByPort[burst.port(i)].add(burst.mbuf(i), 0, latency);
        }
    }

    private void freeInjected(final BurstView burst)
    {
        for (int i = 0; i < burst.count(); i++)
        {
            free.add(burst.mbuf(i));
        }
    }

    /**
     * Track, act. The RX port is the queue's, not {@code mbuf->port}: net_ring does not set it, so a
     * looped frame kept the port it was first received on and went out of the same port again, forever.
     */
    private void process(final long mbuf, final long stamp, final int rxPort, final ParsedPacket packet,
        final MemorySegment segment, final long frame)
    {
        if (!settings.forward())
        {
            // A host, not a bridge: transit traffic is neither tracked nor sent on.
            counters.notForwarded.incrementRelease();
            free.add(mbuf);
            return;
        }
        frames++;
        if (log != null)
        {
            log.current(frames, now, packet);
        }
        final Action action;
        try
        {
            // Ingress source validation first: a refused source takes no tracker state when it is dropped.
            action = ingress.allows(rxPort, packet) ? tracker.onPacket(packet, segment, frame) :
                tracker.onRefusedSource(packet, segment, frame);
        }
        catch (final RuntimeException ex)
        {
            // A bug, not traffic: the packet is still ours, so it is freed and counted, never lost.
            counters.errors.incrementRelease();
            free.add(mbuf);
            return;
        }
        processedUnpublished++;
        mptcpPackets += packet.isMptcp() ? 1 : 0;
        malformed += packet.firstMalformed() != 0 ? 1 : 0;
        final int port = rxPort;
        if (action == Action.DROP)
        {
            droppedUnpublished++;
            if (mirror != null)
            {
                mirror.offer(mbuf, port, tracker.lastReasons(), action, now);
            }
            free.add(mbuf);
            return;
        }
        if (action == Action.FLAG)
        {
            flaggedUnpublished++;
            if (mirror != null)
            {
                mirror.offer(mbuf, port, tracker.lastReasons(), action, now);
            }
        }
        txByPort[peer[rxPort]].add(mbuf, stamp, latency);
    }

    /** @return packets sent so far (a counter read; any thread). */
    long forwardedSoFar()
    {
        return counters.tx.get();
    }

    /** @return packets dropped by verdict so far (a counter read; any thread). */
    long droppedSoFar()
    {
        return counters.dropped.get();
    }

    /** @return packets processed so far (a counter read; any thread). */
    long processedSoFar()
    {
        return counters.processed.get();
    }

    /** Stops polling RX; the worker goes on draining its ring. */
    void stopRx()
    {
        stopRx = true;
    }

    /** @return whether nothing is left for this worker: its ring is empty and nothing is parked. */
    boolean drained()
    {
        return inbound.consumerPosition() == inbound.producerPosition() && (parked == null || parked.size() == 0) &&
            (injected == null || injected.consumerPosition() == injected.producerPosition());
    }

    @Override
    public void tokensKnown(final int connection, final int tokenA, final int tokenB)
    {
        directory.publishToken(tokenA, id);
        directory.publishToken(tokenB, id);
    }

    @Override
    public void tokensFreed(final int connection, final int tokenA, final int tokenB)
    {
        directory.removeToken(tokenA, id);
        directory.removeToken(tokenB, id);
    }

    @Override
    public void joinAdmitted(final int subflow)
    {
        directory.publishSubflow(key(subflow), id);
    }

    @Override
    public void joinFreed(final int subflow)
    {
        directory.removeSubflow(key(subflow), id);
    }

    @Override
    public void joinReset(final int subflow)
    {
        directory.removeSubflow(key(subflow), id);
    }

    private long key(final int s)
    {
        final SubflowTable t = tracker.subflows();
        return directory.subflowKey(t.ipVersion(s), t.clientHigh(s), t.clientLow(s), t.clientPort(s), t.serverHigh(s),
            t.serverLow(s), t.serverPort(s));
    }

    /**
     * The worker's connections for the report: those evicted while running, then those still open.
     * Call only after the worker's thread has stopped.
     *
     * @param out where to add them.
     */
    void report(final List<ConnectionReport> out)
    {
        out.addAll(evictedReports);
        for (int c = 0; c < tracker.connections().capacity(); c++)
        {
            final ConnectionReport r = ConnectionReport.of(tracker, c, log);
            if (r != null)
            {
                out.add(r);
            }
        }
    }

    /** @return packets with MPTCP options, and malformed packets, processed (read after the thread stopped). */
    long[] totals()
    {
        return new long[] {frames, mptcpPackets, malformed};
    }

    /** @return the grace window and the connection view (see {@link WorkerState}). */
    WorkerState state()
    {
        return state;
    }

    /** @return the tracker (read it only after the worker's thread has stopped). */
    Tracker tracker()
    {
        return tracker;
    }

    /** @return the reasons counted so far for one reason (read after the thread stopped). */
    long reasonCount(final Reason reason)
    {
        return tracker.reasonCount(reason);
    }

    @Override
    public void onClose()
    {
        wakeup.unbind();
        // The control thread has stopped before the workers: what it injected and nobody sent is freed.
        while (injected != null && injected.drain(freeInjected, Integer.MAX_VALUE) > 0)
        {
            free.flush();
        }
        free.flush();
        PacketThreads.leave(lcore);
    }

    /** Frees the worker's native memory; after its thread has stopped. */
    void release()
    {
        tracker.close();
        arena.close();
    }

    @Override
    public String roleName()
    {
        return "mpdp-worker-" + id;
    }
}
