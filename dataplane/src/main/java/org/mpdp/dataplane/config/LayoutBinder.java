package org.mpdp.dataplane.config;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.SleepingIdleStrategy;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.mpdp.dataplane.config.RunConfig.Idle;
import org.mpdp.dataplane.config.RunConfig.Layout;
import org.mpdp.dataplane.config.RunConfig.Mode;
import org.mpdp.dataplane.config.RunConfig.PortSpec;
import org.mpdp.dataplane.config.RunConfig.QueueAssignment;
import org.mpdp.dataplane.config.RunConfig.TxMode;

/**
 * Binds {@code layout:} (cores per role, idle strategy) and checks it against the ports and the CPUs
 * this process may use, then {@code pools:}, whose size depends on the threads and rings.
 */
final class LayoutBinder
{
    /** Agrona has no "busy-spin" alias; accepted as the name people use for {@code spin}. */
    static final String BUSY_SPIN = "busy-spin";
    /** Most mbufs a per-lcore cache may hold (RTE_MEMPOOL_CACHE_MAX_SIZE). */
    static final int MEMPOOL_CACHE_MAX = 512;

    private final Section s;
    private final List<PortSpec> ports;
    private final BitSet cpus;
    private final Layout layout;

    LayoutBinder(final Section s, final List<PortSpec> ports, final BitSet cpus)
    {
        this.s = s;
        this.ports = ports;
        this.cpus = cpus;
        this.layout = bind();
        s.finish();
    }

    Layout layout()
    {
        return layout;
    }

    private Layout bind()
    {
        final Mode mode = s.choice("mode", Mode.RUN_TO_COMPLETION.label,
            List.of(Mode.RUN_TO_COMPLETION.label, Mode.PIPELINED.label)).equals(Mode.PIPELINED.label) ?
            Mode.PIPELINED : Mode.RUN_TO_COMPLETION;
        final boolean pipelined = mode == Mode.PIPELINED;
        List<Integer> cores = s.cpus("cores", true);
        final List<Integer> rx = s.cpus("rx-cores", false);
        final List<Integer> workers = s.cpus("worker-cores", false);
        final TxMode tx = s.choice("tx", TxMode.WORKERS.label, List.of(TxMode.WORKERS.label, TxMode.CORES.label))
            .equals(TxMode.CORES.label) ? TxMode.CORES : TxMode.WORKERS;
        final List<Integer> txCores = s.cpus("tx-cores", false);
        final Idle idle = idle(s.section("idle"));
        for (final String key : List.of("rx-cores", "worker-cores", "tx", "tx-cores"))
        {
            onlyWith(key, pipelined, "layout.mode=pipelined");
        }
        onlyWith("cores", !pipelined, "layout.mode=run-to-completion");
        final int pairs = ports.stream().mapToInt(PortSpec::rxQueues).sum();
        if (!pipelined)
        {
            if (cores == null || cores.isEmpty() && !s.has("cores"))
            {
                cores = autoCores(pairs);
            }
            else if (cores.isEmpty() && s.raw("cores") instanceof List<?> l && l.isEmpty())
            {
                s.error("cores", "must be auto or list at least one CPU");
            }
            else
            {
                cores = atMost("cores", cores, "cores", pairs);
            }
            checkCpus(List.of("cores"), List.of(cores), null);
            return new Layout(mode, cores, List.of(), List.of(), TxMode.WORKERS, List.of(), idle,
                assign(cores, pairs));
        }
        required("rx-cores", rx, "layout.mode=pipelined");
        required("worker-cores", workers, "layout.mode=pipelined");
        if (tx == TxMode.CORES)
        {
            required("tx-cores", txCores, "layout.tx=cores");
        }
        else
        {
            onlyWith("tx-cores", false, "layout.tx=cores");
        }
        final List<Integer> rxCores = atMost("rx-cores", rx, "RX cores", pairs);
        final List<Integer> txList = tx == TxMode.CORES ? txCores : List.of();
        // Threads of different roles may share a CPU if they give it up when idle (a small VM).
        checkCpus(List.of("rx-cores", "worker-cores", "tx-cores"), List.of(rxCores, workers, txList), idle);
        return new Layout(mode, List.of(), rxCores, workers, tx, txList, idle, assign(rxCores, pairs));
    }

    private void onlyWith(final String key, final boolean allowed, final String condition)
    {
        if (!allowed && s.has(key))
        {
            s.error(key, "only with " + condition);
        }
    }

    private void required(final String key, final List<Integer> cores, final String condition)
    {
        if (cores.isEmpty() && !s.has(key))
        {
            s.errorLine(s.pathOf(key) + ": required with " + condition + " (a list of CPU numbers, e.g. [1])");
        }
        else if (cores.isEmpty() && s.raw(key) instanceof List<?> l && l.isEmpty())
        {
            s.error(key, "must list at least one CPU");
        }
    }

    private List<Integer> atMost(final String key, final List<Integer> cores, final String what, final int pairs)
    {
        if (cores.size() > pairs && pairs > 0)
        {
            s.error(key, cores.size() + " " + what + " for " + pairs + " (port, RX queue) pairs; at most " + pairs);
            return cores.subList(0, pairs);
        }
        return cores;
    }

    /**
     * One core per (port, RX queue): the highest CPUs this process may use, so that the lowest stays
     * for the kernel and the main thread when there are more than enough.
     */
    private List<Integer> autoCores(final int pairs)
    {
        final List<Integer> allowed = cpus.stream().boxed().toList();
        if (allowed.size() < pairs)
        {
            s.errorLine(s.pathOf("cores") + "=auto: needs " + pairs + " CPUs (one per port and RX queue), this " +
                "process may run on " + allowed.size() + " (" + ranges(cpus) + ")");
            return List.copyOf(allowed);
        }
        return List.copyOf(allowed.subList(allowed.size() - pairs, allowed.size()));
    }

    /**
     * Each CPU once, and one this process may use. With {@code idle} given (pipelined), a CPU may be
     * listed again if the idle strategy gives the CPU up (not spin or noop): the threads take turns.
     */
    private void checkCpus(final List<String> keys, final List<List<Integer>> lists, final Idle idle)
    {
        final Map<Integer, String> seen = new HashMap<>();
        for (int k = 0; k < keys.size(); k++)
        {
            final List<Integer> list = lists.get(k);
            for (int i = 0; i < list.size(); i++)
            {
                final int cpu = list.get(i);
                final String at = s.pathOf(keys.get(k)) + "[" + i + "]";
                final String previous = seen.putIfAbsent(cpu, at);
                if (previous != null && (idle == null || !idle.yieldsCpu()))
                {
                    s.errorLine(at + "=" + cpu + ": CPU " + cpu + " is already " + previous + (idle == null ? "" :
                        "; a CPU is shared only with an idle strategy that gives it up (backoff, yield, sleep-ns, " +
                        "sleep-ms), not " + idle.strategy()));
                }
                else if (previous == null && !cpus.get(cpu))
                {
                    s.errorLine(at + "=" + cpu + ": not a CPU this process may run on (" + ranges(cpus) + ")");
                }
            }
        }
    }

    private List<QueueAssignment> assign(final List<Integer> cores, final int pairs)
    {
        final List<QueueAssignment> assignments = new ArrayList<>(pairs);
        int next = 0;
        for (int p = 0; p < ports.size() && !cores.isEmpty(); p++)
        {
            for (int q = 0; q < ports.get(p).rxQueues(); q++)
            {
                assignments.add(new QueueAssignment(p, q, cores.get(next++ % cores.size())));
            }
        }
        return assignments;
    }

    private static Idle idle(final Section s)
    {
        final List<String> names = new ArrayList<>(Idle.ALIASES);
        names.add(BUSY_SPIN);
        String strategy = s.choice("strategy", BackoffIdleStrategy.ALIAS, names);
        strategy = strategy.equals(BUSY_SPIN) ? BusySpinIdleStrategy.ALIAS : strategy;
        final boolean backoff = strategy.equals(BackoffIdleStrategy.ALIAS);
        final boolean millis = strategy.equals(SleepingMillisIdleStrategy.ALIAS);
        final boolean sleeps = millis || strategy.equals(SleepingIdleStrategy.ALIAS);
        for (final String key : List.of("max-spins", "max-yields", "min-park", "max-park"))
        {
            if (!backoff && s.has(key))
            {
                s.error(key, "only with layout.idle.strategy=backoff");
            }
        }
        if (!sleeps && s.has("sleep"))
        {
            s.error("sleep", "only with layout.idle.strategy=sleep-ns or sleep-ms");
        }
        final long minPark = s.nanos("min-park", BackoffIdleStrategy.DEFAULT_MIN_PARK_PERIOD_NS, 1, ConfigLoader.SECOND);
        long maxPark = s.nanos("max-park", BackoffIdleStrategy.DEFAULT_MAX_PARK_PERIOD_NS, 1, ConfigLoader.SECOND);
        if (maxPark < minPark)
        {
            s.error("max-park", "must be at least layout.idle.min-park=" + Section.showNanos(minPark));
            maxPark = minPark;
        }
        final long sleep = millis ?
            s.nanos("sleep", SleepingMillisIdleStrategy.DEFAULT_SLEEP_PERIOD_MS * 1_000_000L, 1_000_000L,
                ConfigLoader.SECOND) :
            s.nanos("sleep", SleepingIdleStrategy.DEFAULT_SLEEP_PERIOD_NS, 1, ConfigLoader.SECOND);
        final Idle idle = new Idle(strategy,
            s.integer("max-spins", (int)BackoffIdleStrategy.DEFAULT_MAX_SPINS, 0, 1_000_000_000),
            s.integer("max-yields", (int)BackoffIdleStrategy.DEFAULT_MAX_YIELDS, 0, 1_000_000_000),
            minPark, maxPark, sleep);
        s.finish();
        return idle;
    }

    /**
     * Binds {@code pools:}. Enough mbufs means one for every RX and TX descriptor of every port, a
     * burst and a full cache per thread, and (pipelined) a full ring per worker and TX core.
     */
    RunConfig.Pools pools(final Section p, final RunConfig.Rings rings)
    {
        final int cache = p.integer("cache-size", 256, 0, MEMPOOL_CACHE_MAX);
        final List<Integer> threads = layout.allCores();
        long need = 0;
        for (final PortSpec port : ports)
        {
            need += (long)port.rxQueues() * port.rxDescriptors() + (long)port.txQueues() * port.txDescriptors();
        }
        need += (long)threads.size() * (rings.burst() + cache);
        need += (long)(layout.workerCores().size() + layout.txCores().size()) * rings.size();
        int mbufs = p.intOrAuto("mbufs", 64, 1 << 30);
        if (mbufs == Section.AUTO)
        {
            mbufs = (int)Math.min(1 << 30, Math.max(8192, need));
        }
        else if (mbufs < need)
        {
            p.error("mbufs", "must be at least " + need + ": every RX and TX descriptor, a burst and a cache per " +
                "core" + (layout.mode() == Mode.PIPELINED ? ", a ring per worker and TX core" : ""));
        }
        if (cache > mbufs / 1.5)
        {
            p.error("cache-size", "must be at most pools.mbufs/1.5=" + (int)(mbufs / 1.5) + " (rte_mempool_create)");
        }
        p.finish();
        return new RunConfig.Pools(mbufs, cache);
    }

    /**
     * @return the set as ranges, e.g. {@code 0-3,8}.
     */
    static String ranges(final BitSet set)
    {
        final StringBuilder sb = new StringBuilder();
        for (int i = set.nextSetBit(0); i >= 0; )
        {
            final int end = set.nextClearBit(i) - 1;
            sb.append(sb.isEmpty() ? "" : ",").append(i).append(end > i ? "-" + end : "");
            i = set.nextSetBit(end + 1);
        }
        return sb.isEmpty() ? "none" : sb.toString();
    }
}
