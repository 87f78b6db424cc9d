package org.mpdp.cli;

import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;

import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;
import org.mpdp.dataplane.agent.Forwarder;
import org.mpdp.dataplane.agent.ImpairingAgent;
import org.mpdp.dataplane.counters.Counters;
import org.mpdp.dataplane.counters.CountersFile;
import org.mpdp.dataplane.port.PortConfig;
import org.mpdp.dpdk.Eal;
import org.mpdp.dpdk.EthDev;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code mpdp forward}: forwards between port pairs (0 with 1, 2 with 3, ...) on one pinned,
 * busy-polling thread until SIGINT/SIGTERM or {@code --duration}, printing per-port counters.
 */
@Command(name = "forward", mixinStandardHelpOptions = true,
    description = "Forward packets between port pairs (0<->1, 2<->3, ...) on a pinned poll-mode thread.")
public final class ForwardCommand implements Callable<Integer>
{
    @Mixin
    EalOptionsMixin eal = new EalOptionsMixin();

    @Option(names = "--queues", defaultValue = "1", description = "RX and TX queues per port; RSS when > 1 (default ${DEFAULT-VALUE}).")
    int queues;

    @Option(names = "--rxd", defaultValue = "1024", description = "RX descriptors per queue (default ${DEFAULT-VALUE}).")
    int rxd;

    @Option(names = "--txd", defaultValue = "1024", description = "TX descriptors per queue (default ${DEFAULT-VALUE}).")
    int txd;

    @Option(names = "--mtu", defaultValue = "0", description = "MTU to set; 0 keeps the driver's (default ${DEFAULT-VALUE}).")
    int mtu;

    @Option(names = "--no-promisc", description = "Leave promiscuous mode off.")
    boolean noPromisc;

    @Option(names = "--burst", defaultValue = "32", description = "Packets per RX/TX burst (default ${DEFAULT-VALUE}).")
    int burst;

    @Option(names = "--data-room", defaultValue = "2176", description = "mbuf data room incl. 128 B headroom (default ${DEFAULT-VALUE}).")
    int dataRoom;

    @Option(names = "--mbufs", defaultValue = "0", description = "mbufs in the pool; 0 = enough for every " +
        "descriptor, burst and cache, at least 8192 (a net_pcap infinite_rx port also holds its whole capture) " +
        "(default ${DEFAULT-VALUE}).")
    int mbufs;

    @Option(names = "--cpu", defaultValue = "-1", description = "CPU to pin the forwarding thread to; -1 = the last CPU (default).")
    int cpu;

    @Option(names = "--idle", defaultValue = "busy", description = "After an empty poll: busy, yield or backoff (default ${DEFAULT-VALUE}).")
    String idle;

    @Option(names = "--duration", defaultValue = "0", description = "Seconds to run; 0 = until SIGINT/SIGTERM (default ${DEFAULT-VALUE}).")
    double duration;

    @Option(names = "--warmup", defaultValue = "0", description = "Seconds excluded from the rate in the summary (default ${DEFAULT-VALUE}).")
    double warmup;

    @Option(names = "--stats-interval", defaultValue = "1", description = "Seconds between counter lines; 0 = none (default ${DEFAULT-VALUE}).")
    double statsInterval;

    @Option(names = "--result", description = "Print a machine-readable RESULT line at the end.")
    boolean result;

    @Option(names = "--counters", paramLabel = "PATH", description = "Publish counters into this file for " +
        "`mpdp stat --file PATH` (e.g. /dev/shm/mpdp/default/counters.dat); deleted on a clean exit.")
    java.nio.file.Path countersPath;

    @Option(names = "--config", paramLabel = "FILE", description = "Properties file with defaults for these options.")
    String config;

    @Option(names = "--delay", paramLabel = "MS", defaultValue = "0", description = "Impair: hold every packet this " +
        "many milliseconds before sending it on (each way; a network emulator where tc netem is missing) " +
        "(default ${DEFAULT-VALUE}).")
    double delayMs;

    @Option(names = "--loss", paramLabel = "PERCENT", defaultValue = "0", description = "Impair: lose this share of " +
        "the packets, at random, counted as impair-lost (default ${DEFAULT-VALUE}).")
    double lossPercent;

    @Option(names = "--blackhole", description = "Impair: lose every packet (the same as --loss 100).")
    boolean blackhole;

    @Option(names = "--delay-queue", paramLabel = "PACKETS", defaultValue = "65536", description = "Impair: most " +
        "packets waiting per route; more are dropped, counted as impair-queue-full (default ${DEFAULT-VALUE}).")
    int delayQueue;

    @Override
    public Integer call() throws InterruptedException
    {
        try (Eal dpdk = Eal.start(eal.toOptions()))
        {
            return run(dpdk, allPorts(), System.out);
        }
    }

    static List<Integer> allPorts()
    {
        final List<Integer> ids = new ArrayList<>();
        for (int id = 0; id < 32; id++)
        {
            if (EthDev.valid(id))
            {
                ids.add(id);
            }
        }
        return ids;
    }

    IdleStrategy idleStrategy()
    {
        return switch (idle)
        {
            case "busy" -> new BusySpinIdleStrategy();
            case "yield" -> new YieldingIdleStrategy();
            case "backoff" -> new BackoffIdleStrategy();
            default -> throw new IllegalArgumentException("idle=" + idle + " must be busy, yield or backoff");
        };
    }

    /**
     * Runs the forwarder on already started EAL.
     *
     * @param dpdk  the EAL.
     * @param ports ports to forward between.
     * @param out   where to print.
     * @return exit code: 0, or 3 when mbufs leaked.
     * @throws InterruptedException if interrupted while waiting.
     */
    int run(final Eal dpdk, final List<Integer> ports, final PrintStream out) throws InterruptedException
    {
        final int loopCpu = cpu >= 0 ? cpu : Runtime.getRuntime().availableProcessors() - 1;
        final ImpairingAgent.Impairment impairment = impairment();
        final PortConfig portConfig = new PortConfig(queues, queues, rxd, txd, mtu, !noPromisc);
        final AtomicBoolean stop = new AtomicBoolean();
        final Thread waiter = Thread.currentThread();
        Signals.onTerminate(() ->
        {
            stop.set(true);
            waiter.interrupt();
        });
        // The file is declared first so it is closed last: the forwarder's counters are freed into it first.
        try (CountersFile countersFile = countersPath == null ? null : CountersFile.create(countersPath, 1024);
            Forwarder forwarder = new Forwarder(ports, portConfig, burst, loopCpu, idleStrategy(), dataRoom,
                countersFile == null ? new Counters(256) : countersFile.counters(), mbufs, impairment))
        {
            if (countersFile != null)
            {
                out.println("mpdp forward: counters in " + countersFile.path() + " (mpdp stat --file " +
                    countersFile.path() + ")");
            }
            out.printf("mpdp forward: EAL %s, %d port(s), forwarding thread on CPU %d, burst %d, idle %s%n",
                dpdk.hugepages() ? "on hugepages" : "with --no-huge", ports.size(), loopCpu, burst, idle);
            forwarder.ports().forEach(p -> out.println("  " + p + ", link " + p.link()));
            if (impairment != null)
            {
                out.println("mpdp forward: impairing every route: " + impairment);
            }
            final long gcBefore = gcCount();
            final long start = System.nanoTime();
            forwarder.start();
            final long end = duration > 0 ? start + (long)(duration * 1e9) : Long.MAX_VALUE;
            final long measureFrom = start + (long)(warmup * 1e9);
            long measureStartCount = -1;
            long measureStartTime = 0;
            long lastCount = 0;
            long lastTime = start;
            long nextStats = statsInterval > 0 ? start + (long)(statsInterval * 1e9) : Long.MAX_VALUE;
            long nextHeartbeat = start;
            while (!stop.get())
            {
                final long now = System.nanoTime();
                if (countersFile != null && now >= nextHeartbeat)
                {
                    forwarder.publishPortStats();
                    countersFile.heartbeat(System.currentTimeMillis());
                    nextHeartbeat = now + 1_000_000_000L;
                }
                if (now >= end)
                {
                    break;
                }
                if (measureStartCount < 0 && now >= measureFrom)
                {
                    measureStartCount = forwarder.forwarded();
                    measureStartTime = now;
                }
                if (now >= nextStats)
                {
                    final long count = forwarder.forwarded();
                    out.printf(Locale.ROOT, "  %6.1f s  forwarded %,d  (%.2f Mpps)  tx-dropped %,d%n", (now - start) / 1e9,
                        count, (count - lastCount) * 1e3 / (now - lastTime), forwarder.txDropped());
                    lastCount = count;
                    lastTime = now;
                    nextStats += (long)(statsInterval * 1e9);
                }
                try
                {
                    Thread.sleep(Math.max(1, Math.min(100, (Math.min(end, nextStats) - now) / 1_000_000)));
                }
                catch (final InterruptedException ex)
                {
                    // a signal: the loop condition sees the stop flag
                }
            }
            final long stopTime = System.nanoTime();
            forwarder.stopLoop();
            final long total = forwarder.forwarded();
            final long gc = gcCount() - gcBefore;
            if (measureStartCount < 0)
            {
                measureStartCount = 0;
                measureStartTime = start;
            }
            final double seconds = (stopTime - measureStartTime) / 1e9;
            final double pps = (total - measureStartCount) / seconds;
            out.println("mpdp forward: stopped; counters:");
            forwarder.printCounters(out);
            final int leaked = forwarder.closePortsAndCountLeaks();
            out.printf(Locale.ROOT, "mpdp forward: %,d packets forwarded, %.2f Mpps over %.1f s%s, tx-dropped %,d, " +
                "GC cycles %d, mbufs still in use after the ports closed %d%n", total, pps / 1e6, seconds,
                warmup > 0 ? " after warm-up" : "", forwarder.txDropped(), gc, leaked);
            if (result)
            {
                out.printf(Locale.ROOT, "RESULT forwarded_pps=%.0f packets=%d seconds=%.3f tx_dropped=%d gc_count=%d " +
                    "leaked_mbufs=%d%n", pps, total, seconds, forwarder.txDropped(), gc, leaked);
            }
            return leaked == 0 ? 0 : 3;
        }
        finally
        {
            Signals.reset();
        }
    }

    /** @return the impairment the options ask for, or null for plain forwarding. */
    ImpairingAgent.Impairment impairment()
    {
        if (!(lossPercent >= 0 && lossPercent <= 100))
        {
            throw new IllegalArgumentException("--loss " + lossPercent + ": give a percentage from 0 to 100");
        }
        if (!(delayMs >= 0))
        {
            throw new IllegalArgumentException("--delay " + delayMs + ": give milliseconds, 0 or more");
        }
        final int loss = blackhole ? 1_000_000 : (int)Math.round(lossPercent * 10_000);
        final long delay = Math.round(delayMs * 1e6);
        return loss == 0 && delay == 0 ? null : new ImpairingAgent.Impairment(delay, loss, delayQueue);
    }

    static long gcCount()
    {
        long sum = 0;
        for (final GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans())
        {
            sum += Math.max(0, gc.getCollectionCount());
        }
        return sum;
    }
}
