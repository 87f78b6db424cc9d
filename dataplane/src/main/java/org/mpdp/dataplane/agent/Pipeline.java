package org.mpdp.dataplane.agent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.agrona.concurrent.status.AtomicCounter;
import org.mpdp.dataplane.analyze.ConnectionReport;
import org.mpdp.dataplane.config.RunConfig;
import org.mpdp.dataplane.control.ControlPlane;
import org.mpdp.dataplane.crypto.JoinHmacBatch;
import org.mpdp.dataplane.counters.CounterType;
import org.mpdp.dataplane.counters.Counters;
import org.mpdp.dataplane.counters.CountersFileDescriptor;
import org.mpdp.dataplane.latency.LatencyClock;
import org.mpdp.dataplane.latency.LatencyRecorders;
import org.mpdp.dataplane.mirror.MirrorWriter;
import org.mpdp.dataplane.port.MbufPool;
import org.mpdp.dataplane.port.MbufPools;
import org.mpdp.dataplane.port.Port;
import org.mpdp.dataplane.port.PortConfig;
import org.mpdp.dataplane.steer.BurstRing;
import org.mpdp.dataplane.steer.BurstView;
import org.mpdp.dataplane.steer.ControlTraffic;
import org.mpdp.dataplane.steer.OwnerDirectory;
import org.mpdp.dataplane.steer.ParkedJoins;
import org.mpdp.dataplane.steer.Steerer;
import org.mpdp.dataplane.track.IngressFilter;
import org.mpdp.dataplane.track.Reason;
import org.mpdp.dataplane.track.Tracker;
import org.mpdp.dpdk.DpdkException;
import org.mpdp.dpdk.EthDev;

/**
 * The live data plane (the MediaDriver role): brings the configured ports up, builds the owner
 * directory, one ring and one tracker per worker, the workers and (pipelined) the RX threads, starts
 * them on their cores, and tears down in order: RX stopped, rings drained (every mbuf sent or freed),
 * threads stopped, ports stopped and closed (drivers give their mbufs back), pools checked for leaks.
 * Ports pair like l2fwd: 0 with 1, 2 with 3; a lone port sends back out of itself.
 */
public final class Pipeline implements AutoCloseable
{
    /**
     * How long a steered join is remembered before its owner must have published it: longer than any
     * backlog a worker's ring can hold (a full 64k-packet ring at 100 kpps is 0.65 s), shorter than
     * TIME_WAIT (60 s on Linux), so a 4-tuple is not reused while remembered.
     */
    private static final long JOIN_CACHE_NANOS = 10_000_000_000L;
    /** Slots of each ring a net_ring vdev creates (rte_eth_ring.c). */
    private static final int NET_RING_SLOTS = 1024;
    /** Most time spent compiling the batched HMAC kernel at start. */
    private static final long WARM_UP_NANOS = 30_000_000_000L;
    private final RunConfig config;
    private final MbufPools pools;
    private final List<Port> ports = new ArrayList<>();
    private final List<WorkerAgent> workers = new ArrayList<>();
    private final List<RxAgent> rxAgents = new ArrayList<>();
    private final List<LatencyRecorders> latency = new ArrayList<>();
    private final List<AgentRunner> runners = new ArrayList<>();
    private final List<AgentRunner> rxRunners = new ArrayList<>();
    private final List<AtomicCounter> errors = new ArrayList<>();
    private final List<AtomicCounter> freedAtStop = new ArrayList<>();
    private final java.lang.foreign.Arena controlArena = java.lang.foreign.Arena.ofShared();
    private ControlAgent controlAgent;
    private AgentRunner controlRunner;
    private MirrorWriter mirrorWriter;
    private AgentRunner mirrorRunner;
    private PortCounters portCounters;
    private RunState state;
    private long parkMillis;
    private boolean stopped;
    private boolean closed;

    /**
     * Opens ports and builds every thread; starts nothing. EAL must be running.
     *
     * @param config   the validated configuration.
     * @param counters where the counters go (the counters file).
     * @param clock    clock for latency stamps, or null for no latency recording.
     * @param report   whether to keep per-connection state for {@link #report}.
     */
    public Pipeline(final RunConfig config, final Counters counters, final LatencyClock clock, final boolean report)
    {
        this(config, counters, clock, report, null);
    }

    /**
     * Opens ports and builds every thread, with a control plane of the caller's; starts nothing.
     *
     * @param config   the validated configuration.
     * @param counters where the counters go (the counters file).
     * @param clock    clock for latency stamps, or null for no latency recording.
     * @param report   whether to keep per-connection state for {@link #report}.
     * @param plane    what runs on the control thread; null: the built-in responder when
     *                 {@code control.responder} has addresses, else no control thread (packets for the
     *                 box are counted and freed).
     */
    public Pipeline(final RunConfig config, final Counters counters, final LatencyClock clock, final boolean report,
        final ControlPlane plane)
    {
        this.config = config;
        final RunConfig.Layout layout = config.layout();
        final boolean rtc = layout.mode() == RunConfig.Mode.RUN_TO_COMPLETION;
        if (!rtc && layout.tx() != RunConfig.TxMode.WORKERS)
        {
            throw new IllegalArgumentException("layout.tx=cores: TX threads are not built yet; use layout.tx=workers");
        }
        final List<Integer> workerCores = rtc ? distinctCores(layout.rxAssignments()) : layout.workerCores();
        final int workerCount = workerCores.size();
        pools = new MbufPools(config.pools().mbufs(), config.pools().cacheSize(), MbufPool.DEFAULT_DATA_ROOM);
        try
        {
            final int[] portIds = openPorts(workerCount);
            portCounters = new PortCounters(ports, counters);
            // The workers verify third-ACK HMACs of a burst in Vector API batches: compile that kernel now, before
            // any packet thread runs, so its boxed warm-up allocations never meet the packet path.
            if (!JoinHmacBatch.warmUp(WARM_UP_NANOS))
            {
                System.err.println("mpdp run: warning: the batched HMAC kernel still allocated after " +
                    WARM_UP_NANOS / 1_000_000_000L + " s of warm-up (JIT not done?): expect young GCs at first");
            }
            for (final Port p : ports)
            {
                if (p.driver().equals("net_ring"))
                {
                    freedAtStop.add(counters.newCounter(CounterType.PORT, p.id(), 1, "rx-freed-at-stop", "port " +
                        p.id() + " " + p.name() + " rx-freed-at-stop (left in its rings when the threads stopped)"));
                }
                else
                {
                    freedAtStop.add(null);
                }
            }
            final ControlPlane control = plane != null ? plane : SideThreads.responder(config.control(), portIds,
                counters);
            final int[] peer = new int[EthDev.count()];
            for (int i = 0; i < portIds.length; i++)
            {
                final int other = (i ^ 1) < portIds.length ? i ^ 1 : i;
                peer[portIds[i]] = portIds[other];
            }
            final RunConfig.Tables t = config.tables();
            // A parked join waits at most 1 s: the backlog of a full ring, not an RTT.
            final PipelineSettings settings = new PipelineSettings(config.rings().burst(), 16, t.idleTimeoutNanos(),
                t.lingerNanos(), t.evictBudget(), 1_000_000L, 1_000_000_000L, config.control().forward());
            parkMillis = settings.parkNanos() / 1_000_000L;
            final OwnerDirectory directory = new OwnerDirectory(workerCount, t.maxSubflows(), 2 * t.maxConnections());
            final BurstRing[] rings = new BurstRing[workerCount];
            // rings.size counts packets (what the pool is sized for): size / burst messages of a full burst.
            final int message = BurstView.HEADER_LENGTH + 8 + BurstView.ENTRY_LENGTH * settings.burst();
            final int messages = Math.max(8, config.rings().size() / settings.burst());
            final int ringBytes = Integer.highestOneBit(messages * message - 1) << 1;
            for (int w = 0; w < workerCount; w++)
            {
                rings[w] = new BurstRing(ringBytes, settings.burst());
            }
            // Joins (and what follows them) wait at most for what the rings hold ahead of them.
            final int parkCapacity = Math.max(1024, config.rings().size());
            final List<List<WorkerAgent.RxQueue>> queuesByCore = queues(layout, portIds, counters,
                rtc ? workerCores : layout.rxCores());
            for (int w = 0; w < workerCount; w++)
            {
                final org.mpdp.dataplane.steer.JoinCache joins = new org.mpdp.dataplane.steer.JoinCache(16384,
                    JOIN_CACHE_NANOS);
                final ParkedJoins parked = rtc ? new ParkedJoins(parkCapacity, rings, directory, settings.parkNanos())
                    .joinCache(joins) : null;
                final ControlTraffic controlTraffic = SideThreads.controlTraffic(control);
                final Steerer steerer = rtc ? new Steerer(directory, controlTraffic, parked, w).joinCache(joins) : null;
                final LatencyRecorders l = clock == null ? null : LatencyRecorders.withDefaultStages("worker-" + w, clock);
                if (l != null)
                {
                    latency.add(l);
                }
                final Tracker tracker = new Tracker(t.maxConnections(), t.maxSubflows(), t.halfOpenBudget(),
                    config.verdictPolicy());
                workers.add(new WorkerAgent(w, workerCores.get(w), tracker, directory, rings,
                    rtc ? queuesByCore.get(w) : List.of(), steerer, controlTraffic, parked, peer,
                    new WorkerCounters(counters, w), settings, l, report));
            }
            final IngressFilter ingress = IngressFilter.of(portIds,
                config.ports().stream().map(RunConfig.PortSpec::sources).toList(), EthDev.count());
            for (final WorkerAgent w : workers)
            {
                w.ingress(ingress);
            }
            if (!rtc)
            {
                for (int r = 0; r < layout.rxCores().size(); r++)
                {
                    final org.mpdp.dataplane.steer.JoinCache joins = new org.mpdp.dataplane.steer.JoinCache(16384,
                        JOIN_CACHE_NANOS);
                    final ParkedJoins parked = new ParkedJoins(parkCapacity, rings, directory, settings.parkNanos())
                        .joinCache(joins);
                    final Steerer steerer = new Steerer(directory, SideThreads.controlTraffic(control), parked, r % workerCount)
                        .joinCache(joins);
                    final String n = "rx " + r + " ";
                    rxAgents.add(new RxAgent(r, layout.rxCores().get(r), queuesByCore.get(r), steerer, parked, rings,
                        settings.burst(),
                        counters.newCounter(CounterType.RING, r, 0, "rx-handed-off", n + "handed off to workers"),
                        counters.newCounter(CounterType.RING, r, 1, "rx-ring-full", n + "freed: worker ring full"),
                        counters.newCounter(CounterType.WORKER, r, 2, "rx-control", n + "for the box itself " +
                            "(to the control thread; freed when none runs)"),
                        clock));
                }
            }
            if (control != null)
            {
                controlAgent = SideThreads.attachControl(control, workers, rxAgents, ports, portIds, ringBytes,
                    settings, counters, controlArena);
            }
            if (config.mirror().pcap() != null)
            {
                mirrorWriter = SideThreads.attachMirror(config.mirror(), config.verdictPolicy(), workers, portIds,
                    counters);
            }
            paceRx(rtc);
            state = new RunState(config, workers, directory, counters);
        }
        catch (final RuntimeException ex)
        {
            close();
            throw ex;
        }
    }

    /** rx.max-pps: split evenly over the threads that poll RX queues. */
    private void paceRx(final boolean rtc)
    {
        final int pps = config.rx().maxPps();
        if (pps == 0)
        {
            return;
        }
        final int pollers = rtc ? workers.size() : rxAgents.size();
        final long each = Math.max(1, pps / pollers);
        if (rtc)
        {
            workers.forEach(w -> w.rxLimit(each));
        }
        else
        {
            rxAgents.forEach(r -> r.rxLimit(each));
        }
    }

    private static List<Integer> distinctCores(final List<RunConfig.QueueAssignment> assignments)
    {
        final List<Integer> cores = new ArrayList<>();
        for (final RunConfig.QueueAssignment a : assignments)
        {
            if (!cores.contains(a.core()))
            {
                cores.add(a.core());
            }
        }
        return cores;
    }

    /** Every (port, RX queue) with its counter, grouped by the core that polls it. */
    private static List<List<WorkerAgent.RxQueue>> queues(final RunConfig.Layout layout, final int[] portIds,
        final Counters counters, final List<Integer> cores)
    {
        final List<List<WorkerAgent.RxQueue>> out = new ArrayList<>();
        for (int i = 0; i < cores.size(); i++)
        {
            out.add(new ArrayList<>());
        }
        for (final RunConfig.QueueAssignment a : layout.rxAssignments())
        {
            final int port = portIds[a.port()];
            out.get(cores.indexOf(a.core())).add(new WorkerAgent.RxQueue(port, a.queue(), counters.newCounter(
                CounterType.PORT_QUEUE, port, a.queue(), "rx", "port " + port + " " + EthDev.name(port) + " q" +
                a.queue() + " rx")));
        }
        return out;
    }

    /** Opens each configured port with one TX queue per worker; returns their port ids in config order. */
    private int[] openPorts(final int workerCount)
    {
        final List<RunConfig.PortSpec> specs = config.ports();
        final int[] ids = new int[specs.size()];
        for (int i = 0; i < specs.size(); i++)
        {
            final RunConfig.PortSpec spec = specs.get(i);
            ids[i] = portId(spec);
            final PortConfig c = spec.toPortConfig();
            final int txQueues = Math.max(c.txQueues(), workerCount);
            // net_ring's TX queue q is its RX queue q: set up as many RX queues (the extra ones are not
            // polled) so that what a TX queue holds can be drained at stop; its close frees no mbuf.
            final int rxQueues = spec.vdev() != null && spec.vdev().startsWith("net_ring") ? Math.max(c.rxQueues(), txQueues) :
                c.rxQueues();
            ports.add(Port.open(ids[i], new PortConfig(rxQueues, txQueues, c.rxDesc(), c.txDesc(), c.mtu(),
                c.promiscuous()), pools));
        }
        return ids;
    }

    private static int portId(final RunConfig.PortSpec spec)
    {
        final String device = spec.device();
        final String name = device.contains(",") ? device.substring(0, device.indexOf(',')) : device;
        for (int id = 0; id < EthDev.count(); id++)
        {
            if (EthDev.valid(id) && EthDev.name(id).equals(name))
            {
                return id;
            }
        }
        throw new DpdkException("ports: " + device + " gave no port (EAL has " + EthDev.count() + ")");
    }

    /** @return the workers' connection state: snapshot load before {@link #start}, save after {@link #stop}, view. */
    public RunState state()
    {
        return state;
    }

    /** Starts every thread: workers first, so RX never feeds a ring nobody drains. */
    public void start()
    {
        for (final WorkerAgent w : workers)
        {
            runners.add(startRunner(w));
        }
        if (controlAgent != null)
        {
            // Its own backoff, not the packet threads' strategy: it never spins, and a reply waits at most
            // about a millisecond for the thread to wake.
            controlRunner = new AgentRunner(new BackoffIdleStrategy(10, 10, 1_000, 1_000_000), ex ->
            {
                System.err.println("mpdp run: " + controlAgent.roleName() + ": " + ex);
                ex.printStackTrace();
            }, null, controlAgent);
            AgentRunner.startOnThread(controlRunner);
        }
        if (mirrorWriter != null)
        {
            // A writer thread, never a packet thread: it sleeps 1 ms when the ring is empty.
            mirrorRunner = new AgentRunner(new SleepingMillisIdleStrategy(1), ex ->
            {
                System.err.println("mpdp run: " + mirrorWriter.roleName() + ": " + ex);
                ex.printStackTrace();
            }, null, mirrorWriter);
            AgentRunner.startOnThread(mirrorRunner);
        }
        for (final RxAgent r : rxAgents)
        {
            rxRunners.add(startRunner(r));
        }
    }

    private AgentRunner startRunner(final org.agrona.concurrent.Agent agent)
    {
        final AgentRunner runner = new AgentRunner(config.layout().idle().newIdleStrategy(), ex ->
        {
            System.err.println("mpdp run: " + agent.roleName() + ": " + ex);
            ex.printStackTrace();
        }, null, agent);
        AgentRunner.startOnThread(runner);
        return runner;
    }

    /**
     * Stops RX, lets the workers drain their rings and the parked joins be released (at most
     * {@code drainMillis}, and never less than a parked join may wait for its token plus a second), then
     * stops every thread and frees what net_ring ports' rings still hold. Every mbuf is then sent or freed.
     *
     * @param drainMillis longest to wait for the rings to drain.
     * @return whether everything drained in time.
     */
    public boolean stop(final long drainMillis)
    {
        if (stopped)
        {
            return true;
        }
        stopped = true;
        rxAgents.forEach(RxAgent::stopRx);
        workers.forEach(WorkerAgent::stopRx);
        // A join parked just before RX stopped is released only when its wait ends (an unknown token
        // under a join flood): stopping the threads before then would leave its mbuf held.
        final long deadline = System.nanoTime() + Math.max(drainMillis, parkMillis + 1000) * 1_000_000L;
        boolean drained = false;
        while (!drained && System.nanoTime() < deadline)
        {
            drained = rxAgents.stream().allMatch(RxAgent::drained) && workers.stream().allMatch(WorkerAgent::drained) &&
                (controlAgent == null || controlAgent.drained());
            if (!drained)
            {
                Thread.onSpinWait();
            }
        }
        rxRunners.forEach(AgentRunner::close);
        // Release what RX threads parked since, then let workers take the last bursts.
        final long settle = System.nanoTime() + 50_000_000L;
        while (System.nanoTime() < settle && !(workers.stream().allMatch(WorkerAgent::drained) &&
            (controlAgent == null || controlAgent.drained())))
        {
            Thread.onSpinWait();
        }
        // The control thread before the workers: they send (or free) the last frames it injected.
        if (controlRunner != null)
        {
            controlRunner.close();
        }
        final long injected = System.nanoTime() + 50_000_000L;
        while (System.nanoTime() < injected && !workers.stream().allMatch(WorkerAgent::drained))
        {
            Thread.onSpinWait();
        }
        runners.forEach(AgentRunner::close);
        drainPorts();
        // After the workers: its onClose writes what they mirrored last and closes the file.
        if (mirrorRunner != null)
        {
            mirrorRunner.close();
        }
        return drained;
    }

    /** Copies every port's driver counters into the counters file (the control thread, once a second). */
    public void publishPortStats()
    {
        if (closed || portCounters == null)
        {
            return;
        }
        portCounters.publish();
    }

    /** @return packets the workers have sent so far (read while running, from their TX counters). */
    public long forwardedSoFar()
    {
        long n = 0;
        for (final WorkerAgent w : workers)
        {
            n += w.forwardedSoFar();
        }
        return n;
    }

    /** @return packets the workers have dropped by verdict so far (read while running, from their counters). */
    public long droppedSoFar()
    {
        long n = 0;
        for (final WorkerAgent w : workers)
        {
            n += w.droppedSoFar();
        }
        return n;
    }

    /** @return packets the workers have processed so far (read while running, from their counters). */
    public long processedSoFar()
    {
        long n = 0;
        for (final WorkerAgent w : workers)
        {
            n += w.processedSoFar();
        }
        return n;
    }

    /** @return the workers' latency recorders (empty without a clock). */
    public List<LatencyRecorders> latency()
    {
        return latency;
    }

    /** @return the opened ports, in config order. */
    public List<Port> ports()
    {
        return ports;
    }

    /** @return the worker count. */
    public int workers()
    {
        return workers.size();
    }

    /** @return packets each reason was counted for, summed over workers (after {@link #stop}). */
    public Map<String, Long> reasons()
    {
        final Map<String, Long> out = new LinkedHashMap<>();
        for (final Reason r : Reason.values())
        {
            long n = 0;
            for (final WorkerAgent w : workers)
            {
                n += w.reasonCount(r);
            }
            if (r != Reason.OK && n > 0)
            {
                out.put(r.label(), n);
            }
        }
        return out;
    }

    /** @return every worker's connections (after {@link #stop}), each worker's in its own order. */
    public List<ConnectionReport> connections()
    {
        final List<ConnectionReport> out = new ArrayList<>();
        workers.forEach(w -> w.report(out));
        return out;
    }

    /** @return packets processed, with MPTCP options, and malformed, summed over workers (after {@link #stop}). */
    public org.mpdp.dataplane.analyze.OfflineAnalyzer.Totals totals()
    {
        final long[] sum = new long[3];
        for (final WorkerAgent w : workers)
        {
            final long[] t = w.totals();
            for (int i = 0; i < 3; i++)
            {
                sum[i] += t[i];
            }
        }
        return new org.mpdp.dataplane.analyze.OfflineAnalyzer.Totals(sum[0], sum[1], sum[2]);
    }

    /**
     * @return the report {@code mpdp analyze --json} would print for the same traffic (after {@link #stop}):
     *         connections (each worker's, ordered by client key), reasons; per-connection reason counts when
     *         the pipeline was built with {@code report}.
     */
    public org.mpdp.dataplane.analyze.AnalysisReport report()
    {
        final List<ConnectionReport> list = connections();
        list.sort(java.util.Comparator.comparingLong(ConnectionReport::clientKey)
            .thenComparingLong(ConnectionReport::serverKey));
        return new org.mpdp.dataplane.analyze.AnalysisReport(totals(), list, reasons(), Map.of(), List.of(),
            List.of(), null);
    }

    /**
     * Stops ports (their drivers give back every mbuf they hold) and counts mbufs still out of the pools.
     *
     * @return mbufs in use after the ports closed: anything but 0 is a leak.
     */
    public int closePortsAndCountLeaks()
    {
        stop(1000);
        publishPortStats();
        ports.forEach(Port::close);
        return pools.inUse();
    }

    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        stop(1000);
        ports.forEach(Port::close);
        workers.forEach(WorkerAgent::release);
        rxAgents.forEach(RxAgent::release);
        if (mirrorWriter != null && mirrorRunner == null)
        {
            mirrorWriter.onClose();
        }
        controlArena.close();
        pools.close();
        errors.forEach(AtomicCounter::close);
        if (state != null)
        {
            state.close();
        }
        freedAtStop.stream().filter(java.util.Objects::nonNull).forEach(AtomicCounter::close);
    }

    /**
     * After the threads stopped: frees what net_ring ports' rings still hold (1024 slots each), counted
     * per port. Other drivers free what their queues hold when stopped, and some never run dry.
     */
    private void drainPorts()
    {
        for (int i = 0; i < ports.size(); i++)
        {
            final long n = ports.get(i).driver().equals("net_ring") ? ports.get(i).drainRx(NET_RING_SLOTS) : 0;
            if (i < freedAtStop.size() && freedAtStop.get(i) != null)
            {
                freedAtStop.get(i).getAndAddRelease(n);
            }
        }
    }

    static int nullKey()
    {
        return CountersFileDescriptor.NULL_KEY;
    }
}
