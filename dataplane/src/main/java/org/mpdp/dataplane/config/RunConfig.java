package org.mpdp.dataplane.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.NoOpIdleStrategy;
import org.agrona.concurrent.SleepingIdleStrategy;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;
import org.mpdp.dataplane.port.PortConfig;
import org.mpdp.dataplane.track.Action;
import org.mpdp.dataplane.track.Reason;
import org.mpdp.dataplane.track.VerdictPolicy;
import org.mpdp.dpdk.EalOptions;

/**
 * The configuration of {@code mpdp run}: a YAML file plus {@code --set key.path=value} overrides,
 * validated as a whole before EAL starts (see {@link #load(Path, List)} and the README's
 * "Configuration"). Every value here is checked, defaults are filled in, and {@code auto} values are
 * resolved (cores, mbufs, half-open budget), so the pipeline reads it and never re-checks.
 *
 * @param eal      EAL arguments.
 * @param ports    the ports, in port-id order.
 * @param layout   threads and cores.
 * @param rings    rings between pipeline stages.
 * @param pools    mbuf pools.
 * @param tables   connection tracking tables and eviction.
 * @param policy   the action of every {@link Reason} (all of them, defaults filled in).
 * @param counters the counters file.
 * @param latency  the latency histogram log (off when its path is null).
 * @param mirror   the pcap mirror of flagged and dropped packets (off when its path is null).
 * @param report   the JSON report written at exit (off when its path is null).
 * @param rx       RX pacing.
 * @param control  the control thread and its built-in responder (off when no address is configured).
 * @param state    connection state across restarts: the snapshot file and the policy for unknown subflows.
 */
public record RunConfig(Eal eal, List<PortSpec> ports, Layout layout, Rings rings, Pools pools, Tables tables,
    Map<Reason, Action> policy, Counters counters, Latency latency, Mirror mirror, Report report, Rx rx,
    Control control, State state)
{
    /** Copies the collections. */
    public RunConfig
    {
        ports = List.copyOf(ports);
        policy = Collections.unmodifiableMap(new EnumMap<>(policy));
    }

    /**
     * Reads, overrides and validates a configuration. Nothing is started: this only reads the file
     * and, for {@code layout.cores: auto} and the core checks, the CPUs this process may run on.
     *
     * @param file      the YAML file.
     * @param overrides {@code key.path=value} strings, applied in order on top of the file.
     * @return the effective configuration.
     * @throws ConfigException with one line per problem.
     */
    public static RunConfig load(final Path file, final List<String> overrides) throws ConfigException
    {
        return ConfigLoader.load(file, overrides, ConfigLoader.allowedCpus());
    }

    /**
     * @return a fresh {@link VerdictPolicy} with {@link #policy()}'s actions.
     */
    public VerdictPolicy verdictPolicy()
    {
        final VerdictPolicy p = VerdictPolicy.defaults();
        policy.forEach(p::set);
        return p;
    }

    /**
     * @return the EAL options: lcores are the layout's cores, devices the ports.
     */
    public EalOptions ealOptions()
    {
        final List<String> vdevs = new ArrayList<>();
        final List<String> pci = new ArrayList<>();
        for (final PortSpec p : ports)
        {
            (p.pci() != null ? pci : vdevs).add(p.device());
        }
        final List<String> extra = new ArrayList<>(eal.args());
        if (eal.inMemory())
        {
            extra.add("--in-memory");
        }
        final StringBuilder lcores = new StringBuilder();
        for (final int cpu : new java.util.TreeSet<>(layout.allCores()))
        {
            lcores.append(lcores.isEmpty() ? "" : ",").append(cpu);
        }
        return new EalOptions(lcores.toString(), vdevs, pci, eal.memoryMb(), eal.hugepages(), eal.filePrefix(),
            eal.logLevel(), extra, counters.telemetry());
    }

    /**
     * @return a few lines that say what would run (printed by {@code mpdp run --check-config}).
     */
    public String summary()
    {
        final StringBuilder sb = new StringBuilder();
        sb.append("eal: hugepages=").append(eal.hugepages().name().toLowerCase())
            .append(" file-prefix=").append(eal.filePrefix()).append(eal.inMemory() ? " in-memory" : "")
            .append(" memory-mb=").append(eal.memoryMb()).append(eal.args().isEmpty() ? "" : " args=" + eal.args())
            .append('\n');
        for (int i = 0; i < ports.size(); i++)
        {
            final PortSpec p = ports.get(i);
            sb.append("port ").append(i).append(": ").append(p.pci() != null ? "pci " : "vdev ").append(p.device())
                .append(" rx-queues=").append(p.rxQueues()).append(" tx-queues=").append(p.txQueues())
                .append(" descriptors=").append(p.rxDescriptors()).append('/').append(p.txDescriptors())
                .append(" mtu=").append(p.mtu() == 0 ? "default" : Integer.toString(p.mtu()))
                .append(p.promiscuous() ? " promiscuous" : "")
                .append(p.sources().isEmpty() ? "" : " sources=" + String.join(",", p.sources())).append('\n');
        }
        sb.append("layout: ").append(layout.mode().label);
        if (layout.mode() == Mode.RUN_TO_COMPLETION)
        {
            sb.append(" cores=").append(layout.cores());
        }
        else
        {
            sb.append(" rx-cores=").append(layout.rxCores()).append(" worker-cores=").append(layout.workerCores())
                .append(" tx=").append(layout.tx().label)
                .append(layout.tx() == TxMode.CORES ? " tx-cores=" + layout.txCores() : "");
        }
        sb.append(" idle=").append(layout.idle().strategy()).append('\n');
        sb.append("queues:");
        for (final QueueAssignment a : layout.rxAssignments())
        {
            sb.append(" port").append(a.port()).append('/').append(a.queue()).append("->cpu").append(a.core());
        }
        sb.append('\n');
        sb.append("rings: size=").append(rings.size()).append(" burst=").append(rings.burst())
            .append("  pools: mbufs=").append(pools.mbufs()).append(" cache-size=").append(pools.cacheSize())
            .append('\n');
        if (rx.maxPps() > 0)
        {
            sb.append("rx: max-pps=").append(rx.maxPps()).append('\n');
        }
        sb.append("tables: max-connections=").append(tables.maxConnections())
            .append(" max-subflows=").append(tables.maxSubflows())
            .append(" half-open-budget=").append(tables.halfOpenBudget())
            .append(" idle-timeout=").append(Section.showNanos(tables.idleTimeoutNanos()))
            .append(" linger=").append(Section.showNanos(tables.lingerNanos()))
            .append(" evict-budget=").append(tables.evictBudget()).append('\n');
        final StringBuilder changed = new StringBuilder();
        policy.forEach((r, a) ->
        {
            if (a != r.defaultAction())
            {
                changed.append(' ').append(r.label()).append('=').append(a.name().toLowerCase());
            }
        });
        sb.append("policy: defaults").append(changed.isEmpty() ? "" : ", changed:" + changed).append('\n');
        sb.append("counters: ").append(counters.path())
            .append(counters.telemetry() ? " telemetry" : " no-telemetry")
            .append(counters.prometheusPort() == Counters.PROMETHEUS_OFF ? "" :
                " prometheus=127.0.0.1:" + counters.prometheusPort())
            .append("  latency: ").append(latency.hlog() == null ? "off" : latency.hlog() + " every " +
                Section.showNanos(latency.intervalNanos()))
            .append("  mirror: ").append(mirror.pcap() == null ? "off" : mirror.pcap() + " at most " +
                mirror.maxPacketsPerSecond() + " packets/s, " + mirror.snaplen() + " bytes each")
            .append("  report: ").append(report.path() == null ? "off" : report.path().toString()).append('\n');
        sb.append("state: snapshot ").append(state.snapshot() == null ? "off" : state.snapshot().toString())
            .append(", unknown ").append(state.failClosed() ? "fail-closed" : "fail-open for " +
                Section.showNanos(state.graceNanos()) + " after an unclean start").append('\n');
        sb.append("control: ").append(control.enabled() ? "responder" : "off (packets for the box are counted and freed)");
        sb.append(control.forward() ? "" : ", forward off (transit packets are counted and freed)");
        for (final ResponderAddress a : control.responder())
        {
            sb.append(" port ").append(a.port()).append(a.ipv4Text() == null ? "" : " " + a.ipv4Text())
                .append(a.ipv6Text() == null ? "" : " " + a.ipv6Text());
        }
        return sb.toString();
    }

    /**
     * EAL arguments.
     *
     * @param args       extra arguments passed verbatim (not those the file sets elsewhere).
     * @param hugepages  auto, on or off.
     * @param filePrefix EAL {@code --file-prefix}: what separates this instance's runtime files.
     * @param inMemory   EAL {@code --in-memory}: no shared runtime files at all.
     * @param memoryMb   EAL memory in MiB.
     * @param logLevel   EAL log level.
     */
    public record Eal(List<String> args, EalOptions.Hugepages hugepages, String filePrefix, boolean inMemory,
        int memoryMb, String logLevel)
    {
        /** Copies the list. */
        public Eal
        {
            args = List.copyOf(args);
        }
    }

    /**
     * One port: exactly one of {@code pci} and {@code vdev} is set.
     *
     * @param pci           PCI address (null for a vdev).
     * @param vdev          virtual device arguments, {@code name[,key=value...]} (null for PCI).
     * @param rxQueues      RX queues.
     * @param txQueues      TX queues.
     * @param rxDescriptors descriptors per RX queue.
     * @param txDescriptors descriptors per TX queue.
     * @param mtu           MTU, 0 for the driver's default.
     * @param promiscuous   promiscuous mode.
     * @param sources       IP prefixes the sources of packets entering on this port must fall in
     *                      ({@code org.mpdp.dataplane.track.IngressFilter}); empty for any source.
     */
    public record PortSpec(String pci, String vdev, int rxQueues, int txQueues, int rxDescriptors,
        int txDescriptors, int mtu, boolean promiscuous, List<String> sources)
    {
        /**
         * @return the PCI address or the vdev arguments.
         */
        public String device()
        {
            return pci != null ? pci : vdev;
        }

        /**
         * @return what {@link org.mpdp.dataplane.port.Port#open} takes.
         */
        public PortConfig toPortConfig()
        {
            return new PortConfig(rxQueues, txQueues, rxDescriptors, txDescriptors, mtu, promiscuous);
        }
    }

    /** How packets move between threads. */
    public enum Mode
    {
        /** Each core polls its (port, queue) pairs and takes each packet through to TX itself. */
        RUN_TO_COMPLETION("run-to-completion"),
        /** RX cores steer to worker cores over rings; workers or TX cores transmit. */
        PIPELINED("pipelined");

        /** The name in the file. */
        public final String label;

        Mode(final String label)
        {
            this.label = label;
        }
    }

    /** Who transmits in the pipelined layout. */
    public enum TxMode
    {
        /** Each worker transmits what it forwards. */
        WORKERS("workers"),
        /** Workers hand packets to TX cores over rings. */
        CORES("cores");

        /** The name in the file. */
        public final String label;

        TxMode(final String label)
        {
            this.label = label;
        }
    }

    /**
     * One RX queue and the core that polls it.
     *
     * @param port  port index in {@link #ports()}.
     * @param queue RX queue.
     * @param core  CPU.
     */
    public record QueueAssignment(int port, int queue, int core)
    {
    }

    /**
     * Threads and cores.
     *
     * @param mode          the layout.
     * @param cores         run-to-completion: the cores (resolved when the file says auto); else empty.
     * @param rxCores       pipelined: the RX cores; else empty.
     * @param workerCores   pipelined: the worker cores; else empty.
     * @param tx            pipelined: who transmits.
     * @param txCores       pipelined with tx=cores: the TX cores; else empty.
     * @param idle          what a thread does when a cycle found no work.
     * @param rxAssignments every (port, RX queue) and the core polling it: dealt round-robin over
     *                      {@code cores} (run-to-completion) or {@code rxCores} (pipelined).
     */
    public record Layout(Mode mode, List<Integer> cores, List<Integer> rxCores, List<Integer> workerCores,
        TxMode tx, List<Integer> txCores, Idle idle, List<QueueAssignment> rxAssignments)
    {
        /** Copies the lists. */
        public Layout
        {
            cores = List.copyOf(cores);
            rxCores = List.copyOf(rxCores);
            workerCores = List.copyOf(workerCores);
            txCores = List.copyOf(txCores);
            rxAssignments = List.copyOf(rxAssignments);
        }

        /**
         * @return every core of the layout, in the order cores, rx, worker, tx.
         */
        public List<Integer> allCores()
        {
            final List<Integer> all = new ArrayList<>(cores);
            all.addAll(rxCores);
            all.addAll(workerCores);
            all.addAll(txCores);
            return List.copyOf(all);
        }

        /**
         * @return one warning for each CPU that runs more than one packet thread (pipelined layouts
         *         whose idle strategy gives the CPU up); empty when every thread has its own CPU.
         */
        public List<String> sharedCpus()
        {
            final java.util.Map<Integer, Integer> threads = new java.util.TreeMap<>();
            allCores().forEach(cpu -> threads.merge(cpu, 1, Integer::sum));
            final List<String> out = new ArrayList<>();
            threads.forEach((cpu, n) ->
            {
                if (n > 1)
                {
                    out.add("CPU " + cpu + " runs " + n + " packet threads: they take turns (layout.idle.strategy=" +
                        idle.strategy() + "), so expect less throughput and more latency than one thread per CPU");
                }
            });
            return out;
        }
    }

    /**
     * An idle strategy by its Agrona alias.
     *
     * @param strategy  {@code spin}, {@code noop}, {@code yield}, {@code sleep-ns}, {@code sleep-ms} or
     *                  {@code backoff} (Agrona's {@code ALIAS} constants).
     * @param maxSpins  backoff: spins before yielding.
     * @param maxYields backoff: yields before parking.
     * @param minParkNanos backoff: first park period.
     * @param maxParkNanos backoff: longest park period.
     * @param sleepNanos sleep-ns and sleep-ms: the sleep period.
     */
    public record Idle(String strategy, long maxSpins, long maxYields, long minParkNanos, long maxParkNanos,
        long sleepNanos)
    {
        /** @return whether a thread idling with this strategy gives its CPU to others (not spin or noop). */
        public boolean yieldsCpu()
        {
            return !strategy.equals(BusySpinIdleStrategy.ALIAS) && !strategy.equals(NoOpIdleStrategy.ALIAS);
        }

        /** The strategy names, Agrona's aliases. */
        public static final List<String> ALIASES = List.of(BusySpinIdleStrategy.ALIAS, NoOpIdleStrategy.ALIAS,
            YieldingIdleStrategy.ALIAS, SleepingIdleStrategy.ALIAS, SleepingMillisIdleStrategy.ALIAS,
            BackoffIdleStrategy.ALIAS);

        /**
         * @return a new strategy (one per thread: Agrona's backoff strategy has state).
         */
        public IdleStrategy newIdleStrategy()
        {
            return switch (strategy)
            {
                case BusySpinIdleStrategy.ALIAS -> new BusySpinIdleStrategy();
                case NoOpIdleStrategy.ALIAS -> new NoOpIdleStrategy();
                case YieldingIdleStrategy.ALIAS -> new YieldingIdleStrategy();
                case SleepingIdleStrategy.ALIAS -> new SleepingIdleStrategy(sleepNanos);
                case SleepingMillisIdleStrategy.ALIAS -> new SleepingMillisIdleStrategy(sleepNanos / 1_000_000L);
                case BackoffIdleStrategy.ALIAS -> new BackoffIdleStrategy(maxSpins, maxYields, minParkNanos,
                    maxParkNanos);
                default -> throw new IllegalStateException("idle strategy=" + strategy);
            };
        }
    }

    /**
     * Rings between pipeline stages.
     *
     * @param size  entries per ring, a power of two.
     * @param burst most packets per RX/TX burst and per ring operation.
     */
    public record Rings(int size, int burst)
    {
    }

    /**
     * Mbuf pools (one per NUMA socket in use).
     *
     * @param mbufs     mbufs per pool.
     * @param cacheSize per-lcore cache.
     */
    public record Pools(int mbufs, int cacheSize)
    {
    }

    /**
     * Connection tracking.
     *
     * @param maxConnections   connection table capacity.
     * @param maxSubflows      subflow table capacity.
     * @param halfOpenBudget   most half-open subflows at once.
     * @param idleTimeoutNanos a connection quiet this long is evicted.
     * @param lingerNanos      an ended connection stays this long (retransmitted FINs and ACKs).
     * @param evictBudget      connection slots examined per eviction call.
     */
    public record Tables(int maxConnections, int maxSubflows, int halfOpenBudget, long idleTimeoutNanos,
        long lingerNanos, int evictBudget)
    {
    }

    /**
     * @param path           the counters file.
     * @param telemetry      whether DPDK's telemetry socket runs, with mpdp's counters on it
     *                       ({@code org.mpdp.dataplane.telemetry.MpdpTelemetry}).
     * @param prometheusPort TCP port on 127.0.0.1 of the Prometheus exporter
     *                       ({@code org.mpdp.dataplane.telemetry.PrometheusExporter}), {@link #PROMETHEUS_OFF} for none.
     */
    public record Counters(Path path, boolean telemetry, int prometheusPort)
    {
        /** {@code counters.prometheus-port} when there is no exporter. */
        public static final int PROMETHEUS_OFF = 0;

        /**
         * @param path the counters file; telemetry on, no Prometheus exporter (the defaults).
         */
        public Counters(final Path path)
        {
            this(path, true, PROMETHEUS_OFF);
        }
    }

    /**
     * @param hlog          HdrHistogram log file, null for none.
     * @param intervalNanos how often a histogram interval is written.
     */
    public record Latency(Path hlog, long intervalNanos)
    {
    }

    /**
     * @param pcap                pcapng file of mirrored (dropped and flagged) packets, null for none.
     * @param maxPacketsPerSecond most packets mirrored per second, across the box (split over the workers).
     * @param snaplen             most bytes of each packet copied.
     */
    public record Mirror(Path pcap, int maxPacketsPerSecond, int snaplen)
    {
    }

    /**
     * @param path where the JSON report goes at exit, null for none.
     */
    public record Report(Path path)
    {
    }

    /**
     * Connection state across restarts (see README "State across restarts").
     *
     * @param snapshot   where the trackers' state is written at a clean stop and read at start; null for none.
     * @param failClosed {@code state.unknown: fail-closed}: subflows and joins the trackers hold no state for
     *                   (mid-stream, joins with unknown tokens, MP_CAPABLE or MP_JOIN without a SYN) are
     *                   dropped; false ({@code fail-open}): forwarded for {@code graceNanos} after an
     *                   unclean start (the last run wrote no snapshot), then the {@code policy.*} actions apply.
     * @param graceNanos how long fail-open lasts after such a start.
     */
    public record State(Path snapshot, boolean failClosed, long graceNanos)
    {
        /** The reasons {@code state.unknown} decides: packets of state the trackers do not hold. */
        public static final java.util.Set<Reason> UNKNOWN = java.util.Collections.unmodifiableSet(
            java.util.EnumSet.of(Reason.MID_STREAM, Reason.JOIN_UNKNOWN_TOKEN, Reason.JOIN_WITHOUT_SYN,
                Reason.MPC_WITHOUT_SYN));
    }

    /**
     * The control thread: packets for the box itself (ARP, IPv6 neighbour discovery, its own addresses)
     * go to it through the control ring, and it injects replies into any port's TX.
     *
     * @param responder addresses the built-in responder answers ARP and ICMP echo for; none: no control
     *                  thread, and packets for the box are counted and freed.
     * @param forward   whether packets not for the box are forwarded to the peer port (the default); false for a
     *                  host such as a RobE client: they are freed and counted as {@code not-forwarded}.
     */
    public record Control(List<ResponderAddress> responder, boolean forward)
    {
        /** Copies the list. */
        public Control
        {
            responder = List.copyOf(responder);
        }

        /** @return whether a control thread runs. */
        public boolean enabled()
        {
            return !responder.isEmpty();
        }
    }

    /**
     * The addresses of the built-in responder on one port: an IPv4 address, an IPv6 address, or both.
     *
     * @param port     index into {@code ports:} (config order).
     * @param ipv4Text the IPv4 address as written, or null.
     * @param ipv4     the IPv4 address, host order (as {@code ParsedPacket.dstV4}); 0 when none.
     * @param ipv6Text the IPv6 address as written, or null.
     * @param ipv6High the IPv6 address's first 8 bytes, big-endian (as {@code ParsedPacket.dstV6High}).
     * @param ipv6Low  its last 8 bytes.
     */
    public record ResponderAddress(int port, String ipv4Text, int ipv4, String ipv6Text, long ipv6High, long ipv6Low)
    {
    }

    /**
     * RX pacing, for benchmarks whose source is as fast as it is polled (net_pcap {@code infinite_rx=1}).
     *
     * @param maxPps most packets per second all RX-polling threads together take from their queues (split
     *               evenly between them); 0 = no limit.
     */
    public record Rx(int maxPps)
    {
    }
}
