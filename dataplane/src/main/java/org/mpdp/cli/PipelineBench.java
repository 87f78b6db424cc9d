package org.mpdp.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.mpdp.dataplane.analyze.TraceGenerator;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mpdp bench pipeline}: the whole MPTCP pipeline against dpdk-testpmd, in one invocation, every
 * run replaying the same generated MPTCP trace from net_pcap ({@code infinite_rx=1}) into net_null, each
 * in its own process: testpmd io forwarding, {@code mpdp forward}, {@code mpdp run} run-to-completion on
 * one core, {@code mpdp run} pipelined (1 RX thread + 1 worker), RX-to-TX latency at 50% and 90% of the
 * run-to-completion rate (paced by {@code rx.max-pps}: net_pcap replays as fast as it is polled, so
 * limiting what RX takes is the load), and a join flood (forged MP_JOIN SYNs and third ACKs mixed into
 * legitimate traffic) replayed once to check every count and endlessly for the rate.
 */
@Command(name = "pipeline", mixinStandardHelpOptions = true,
    description = "testpmd vs mpdp forward, run-to-completion and pipelined MPTCP processing, latency under " +
        "paced load, join flood; on a generated MPTCP trace replayed by net_pcap into net_null.")
public final class PipelineBench implements Callable<Integer>
{
    private static final String TAG = "rx-tx";

    @Option(names = "--seconds", defaultValue = "10", description = "Measured seconds per run (default ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--warmup", defaultValue = "5", description = "Warm-up seconds per run (default ${DEFAULT-VALUE}; " +
        "the JIT compiles the packet path while every core spins).")
    int warmup;

    @Option(names = "--quick", description = "Short runs and a small trace (tests): 2 s measured after 1 s warm-up.")
    boolean quick;

    @Option(names = "--connections", defaultValue = "2000", description = "Connections in the trace (default ${DEFAULT-VALUE}; --quick: 300).")
    int connections;

    @Option(names = "--testpmd", defaultValue = "dpdk-testpmd", description = "testpmd binary (default ${DEFAULT-VALUE}).")
    String testpmd;

    @Option(names = "--cpu", defaultValue = "1", description = "CPU of the measured core (default ${DEFAULT-VALUE}).")
    int cpu;

    @Option(names = "--rx-cpu", defaultValue = "0", description = "CPU of the pipelined layout's RX thread (default ${DEFAULT-VALUE}).")
    int rxCpu;

    @Option(names = "--memory", defaultValue = "1024", description = "EAL memory in MiB (default ${DEFAULT-VALUE}).")
    int memoryMb;

    @Option(names = "--keep", description = "Keep the temporary directory (traces, configs, latency logs).")
    boolean keep;

    @Option(names = "--config", paramLabel = "FILE", description = "Properties file with defaults for these options.")
    String config;

    private Path dir;
    private int mbufs;
    private long gcMax;
    private long leakedTotal;
    private int runs;

    /** One mpdp run's RESULT. */
    private record Run(String name, Map<String, String> result)
    {
        double pps(final String key)
        {
            return Double.parseDouble(result.get(key));
        }

        long count(final String key)
        {
            return Long.parseLong(result.get(key));
        }

        long reason(final String label)
        {
            final String all = result.get("reasons");
            for (final String kv : all.split(","))
            {
                final int colon = kv.indexOf(':');
                if (colon > 0 && kv.substring(0, colon).equals(label))
                {
                    return Long.parseLong(kv.substring(colon + 1));
                }
            }
            return 0;
        }
    }

    @Override
    public Integer call() throws IOException, InterruptedException
    {
        if (quick)
        {
            seconds = 2;
            warmup = 1;
            connections = Math.min(connections, 300);
        }
        dir = Files.createTempDirectory("mpdp-bench-pipeline");
        try
        {
            return bench();
        }
        finally
        {
            if (!keep)
            {
                try (Stream<Path> files = Files.walk(dir))
                {
                    files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                }
            }
            else
            {
                System.out.println("bench pipeline: files kept in " + dir);
            }
        }
    }

    private int bench() throws IOException, InterruptedException
    {
        final TraceGenerator.Config traceConfig = new TraceGenerator.Config(connections, 2, 5_000, 1400, 1, 0.3, 64);
        final Path trace = dir.resolve("trace.pcap");
        final TraceGenerator.Result t = TraceGenerator.generate(traceConfig, trace);
        final Path flood = dir.resolve("join-flood.pcap");
        final TraceGenerator.Result f = TraceGenerator.generate(new TraceGenerator.Config(connections, 2, 5_000,
            1400, 2, 0.3, 64), new TraceGenerator.Flood(1, true), flood);
        // net_pcap infinite_rx holds the whole capture in mbufs of the port's pool, on top of the working set.
        mbufs = (int)Math.max(t.packets(), f.packets()) + 16384;
        System.out.printf(Locale.ROOT, "bench pipeline: trace %,d packets, %d connections (2 joins each, 30%% IPv6); " +
            "join-flood trace %,d packets (%,d legitimate, %,d forged MP_JOIN SYNs, %,d forged third ACKs)%n",
            t.packets(), t.connections().size(), f.packets(), f.legitimatePackets(), f.forgedSyns(), f.forgedAcks());
        System.out.printf(Locale.ROOT, "bench pipeline: every run replays from net_pcap (infinite_rx=1) into net_null, " +
            "busy-polling, burst 32, %d s measured after %d s warm-up; measured core CPU %d%n", seconds, warmup, cpu);
        final List<String> replay = List.of("net_pcap0,rx_pcap=" + trace.toAbsolutePath() + ",infinite_rx=1",
            "net_null0,no-rx=1");

        final double testpmdPps = BenchProcesses.testpmdPps(testpmd, replay, cpu, memoryMb, mbufs, warmup, seconds);
        System.out.printf(Locale.ROOT, "  %-44s %8.2f Mpps%n", "dpdk-testpmd io forwarding (1 core)", testpmdPps / 1e6);
        final Run forward = forward(replay);
        line(forward, "mpdp forward (forward only, 1 core)", testpmdPps);
        final Run rtc = run("rtc", replay.getFirst(), false, 0, null);
        line(rtc, "mpdp run run-to-completion (1 worker)", testpmdPps);
        final Run pipelined = run("pipelined", replay.getFirst(), true, 0, null);
        line(pipelined, "mpdp run pipelined (1 RX + 1 worker)", testpmdPps);

        final double rtcMax = rtc.pps("processed_pps");
        System.out.printf(Locale.ROOT, "latency RX->TX, run-to-completion, load paced by rx.max-pps (a token bucket " +
            "in the RX loop: net_pcap replays as fast as it is polled, so what RX takes is the load):%n");
        final double[] at50 = latency(replay.getFirst(), 0.5, rtcMax);
        final double[] at90 = latency(replay.getFirst(), 0.9, rtcMax);

        System.out.println("join flood, run-to-completion (1 worker):");
        final boolean floodOk = floodCounts(flood, f);
        final Run floodRate = run("flood", "net_pcap0,rx_pcap=" + flood.toAbsolutePath() + ",infinite_rx=1", false,
            0, null);
        System.out.printf(Locale.ROOT, "  endless replay: %.2f Mpps processed, %.2f Mpps forwarded, %.2f M packets/s " +
            "dropped by verdict (forged ones and any replayed legitimate packets the tracker refuses)%s%n",
            floodRate.pps("processed_pps") / 1e6, floodRate.pps("forwarded_pps") / 1e6,
            floodRate.pps("dropped_pps") / 1e6, gcNote(floodRate));
        System.out.printf(Locale.ROOT, "  forged packets in the trace: %.1f%%, so about %.2f M forged packets/s " +
            "dropped%n", 100.0 * (f.forgedSyns() + f.forgedAcks()) / f.packets(),
            floodRate.pps("processed_pps") * (f.forgedSyns() + f.forgedAcks()) / f.packets() / 1e6);

        System.out.printf(Locale.ROOT, "pipeline check: mpdp runs %d, mbufs leaked in all = %d, join flood counts %s%n",
            runs, leakedTotal, floodOk ? "PASSED" : "FAILED");
        System.out.printf(Locale.ROOT, "pipeline rtc/testpmd = %.2f%n", rtc.pps("forwarded_pps") / testpmdPps);
        System.out.printf(Locale.ROOT, "pipeline pipelined Mpps = %.1f%n", pipelined.pps("forwarded_pps") / 1e6);
        System.out.printf(Locale.ROOT, "pipeline p99.9 us at 50%% = %.1f%n", at50[2]);
        System.out.printf(Locale.ROOT, "pipeline join flood Mpps = %.1f%n", floodRate.pps("processed_pps") / 1e6);
        System.out.printf(Locale.ROOT, "pipeline gc cycles = %d%n", gcMax);
        return floodOk && leakedTotal == 0 && at90.length == 3 ? 0 : 1;
    }

    private void line(final Run r, final String name, final double testpmdPps)
    {
        System.out.printf(Locale.ROOT, "  %-44s %8.2f Mpps  ratio to testpmd %.3f%s%n", name,
            r.pps("forwarded_pps") / 1e6, r.pps("forwarded_pps") / testpmdPps, gcNote(r));
    }

    private static String gcNote(final Run r)
    {
        return "  (GC cycles " + r.result().get("gc_count") + ", mbufs leaked " + r.result().get("leaked_mbufs") + ")";
    }

    private Run record(final String name, final Map<String, String> result)
    {
        final Run r = new Run(name, result);
        runs++;
        gcMax = Math.max(gcMax, r.count("gc_count"));
        leakedTotal += r.count("leaked_mbufs");
        return r;
    }

    private Run forward(final List<String> vdevs) throws IOException, InterruptedException
    {
        final List<String> args = new ArrayList<>(List.of("forward", "--hugepages=off", "--memory=" + memoryMb,
            "--log-level=warning", "--cpu=" + cpu, "--mbufs=" + mbufs, "--duration=" + (warmup + seconds),
            "--warmup=" + warmup, "--stats-interval=0", "--result"));
        vdevs.forEach(v -> args.add("--vdev=" + v));
        final Map<String, String> r = BenchProcesses.run(BenchProcesses.mpdp(BenchProcesses.otherCpus(cpu), args),
            warmup + seconds + 60L).result();
        // forward's RESULT has no gc/leak keys beyond these; add the ones every run reports.
        final Map<String, String> all = new LinkedHashMap<>(r);
        all.putIfAbsent("reasons", "none");
        return record("forward", all);
    }

    /**
     * One {@code mpdp run}.
     *
     * @param pcapDevice the net_pcap port's devargs.
     * @param pipelined  the pipelined layout (RX thread on --rx-cpu, worker on --cpu) instead of one
     *                   run-to-completion worker on --cpu.
     * @param maxPps     rx.max-pps, 0 for none.
     * @param hlog       latency log, null for none.
     */
    private Run run(final String name, final String pcapDevice, final boolean pipelined, final long maxPps,
        final Path hlog) throws IOException, InterruptedException
    {
        final Path yaml = writeConfig(name, pcapDevice, pipelined, maxPps, hlog);
        final List<String> args = List.of("run", "--config", yaml.toString(), "--duration", Integer.toString(warmup + seconds),
            "--warmup", Integer.toString(warmup), "--stats-interval", "0", "--result");
        // No taskset: mpdp run checks its cores against the CPUs the process may use.
        return record(name, BenchProcesses.run(BenchProcesses.mpdp(null, args), warmup + seconds + 90L).result());
    }

    private Path writeConfig(final String name, final String pcapDevice, final boolean pipelined, final long maxPps,
        final Path hlog) throws IOException
    {
        final Path yaml = dir.resolve(name + ".yaml");
        final List<String> lines = new ArrayList<>(List.of(
            "eal:",
            "  file-prefix: mpdp-bench-" + ProcessHandle.current().pid() + "-" + name,
            "  hugepages: off",
            "  memory-mb: " + memoryMb,
            "  log-level: warning",
            "  in-memory: false",
            "ports:",
            "  - vdev: \"" + pcapDevice + "\"",
            "  - vdev: net_null0,no-rx=1",
            "layout:"));
        if (pipelined)
        {
            lines.addAll(List.of("  mode: pipelined", "  rx-cores: [" + rxCpu + "]", "  worker-cores: [" + cpu + "]"));
        }
        else
        {
            lines.addAll(List.of("  mode: run-to-completion", "  cores: [" + cpu + "]"));
        }
        lines.addAll(List.of(
            "  idle:",
            "    strategy: spin",
            "pools:",
            "  mbufs: " + mbufs,
            "tables:",
            "  max-connections: 65536",
            "  max-subflows: 262144",
            "counters:",
            "  path: " + dir.resolve(name + ".counters"),
            "  telemetry: false",
            "rx:",
            "  max-pps: " + maxPps));
        if (hlog != null)
        {
            lines.addAll(List.of("latency:", "  hlog: " + hlog, "  interval: 1s"));
        }
        Files.writeString(yaml, String.join("\n", lines) + "\n");
        return yaml;
    }

    /** @return p50, p99, p99.9 in microseconds of RX->TX over the measured intervals at this share of the rate. */
    private double[] latency(final String pcapDevice, final double share, final double maxPps)
        throws IOException, InterruptedException
    {
        final String name = "latency-" + Math.round(share * 100);
        final Path hlog = dir.resolve(name + ".hlog");
        final Run r = run(name, pcapDevice, false, Math.max(1, Math.round(share * maxPps)), hlog);
        final Histogram h = measuredIntervals(hlog);
        final double[] p = {h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(99) / 1e3,
            h.getValueAtPercentile(99.9) / 1e3};
        System.out.printf(Locale.ROOT, "  at %2d%% (rx.max-pps=%,d): %.2f Mpps forwarded; RX->TX p50 %.1f us, " +
            "p99 %.1f us, p99.9 %.1f us, max %.1f us over %,d packets%s%n", Math.round(share * 100),
            Math.round(share * maxPps), r.pps("forwarded_pps") / 1e6, p[0], p[1], p[2], h.getMaxValue() / 1e3,
            h.getTotalCount(), gcNote(r));
        return p;
    }

    /** The rx-tx intervals of a latency log after the warm-up (one interval a second), summed. */
    private Histogram measuredIntervals(final Path hlog) throws IOException
    {
        final HistogramLogReader reader = new HistogramLogReader(hlog.toString());
        final List<Histogram> intervals = new ArrayList<>();
        EncodableHistogram e;
        while ((e = reader.nextIntervalHistogram()) != null)
        {
            if (e instanceof Histogram h && TAG.equals(h.getTag()))
            {
                intervals.add(h);
            }
        }
        reader.close();
        final Histogram sum = new Histogram(3);
        for (int i = Math.min(warmup, Math.max(0, intervals.size() - 1)); i < intervals.size(); i++)
        {
            sum.add(intervals.get(i));
        }
        if (sum.getTotalCount() == 0)
        {
            throw new IllegalStateException("latency log " + hlog + " has no " + TAG + " values");
        }
        return sum;
    }

    /**
     * The join-flood trace replayed once (no infinite_rx), until idle: every packet processed, every
     * legitimate packet forwarded, every forged one dropped under its own reason.
     */
    private boolean floodCounts(final Path flood, final TraceGenerator.Result f) throws IOException, InterruptedException
    {
        final Path yaml = writeConfig("flood-once", "net_pcap0,rx_pcap=" + flood.toAbsolutePath(), false, 0, null);
        // A parked unknown-token join waits up to 1 s more for its token: idle for 3 s means done.
        final List<String> args = List.of("run", "--config", yaml.toString(), "--duration", "600", "--stop-when-idle",
            "3", "--stats-interval", "0", "--result");
        final Run r = record("flood-once", BenchProcesses.run(BenchProcesses.mpdp(null, args), 660).result());
        final long forged = f.forgedSyns() + f.forgedAcks();
        final boolean processed = r.count("processed") == f.packets();
        final boolean forwarded = r.count("forwarded") == f.legitimatePackets();
        final boolean dropped = r.count("dropped") == forged;
        final boolean syns = r.reason("join-unknown-token") == f.forgedSyns();
        final boolean acks = r.reason("join-bad-ack-hmac") == f.forgedAcks();
        final boolean ok = processed && forwarded && dropped && syns && acks && r.count("leaked_mbufs") == 0;
        System.out.printf(Locale.ROOT, "  one replay: processed %,d of %,d; legitimate forwarded %,d of %,d; dropped " +
            "%,d (forged %,d); join-unknown-token %,d (forged SYNs %,d); join-bad-ack-hmac %,d (forged third ACKs " +
            "%,d); mbufs leaked %d: %s%n", r.count("processed"), f.packets(), r.count("forwarded"), f.legitimatePackets(),
            r.count("dropped"), forged, r.reason("join-unknown-token"), f.forgedSyns(), r.reason("join-bad-ack-hmac"),
            f.forgedAcks(), r.count("leaked_mbufs"), ok ? "legitimate-forwarded check PASSED" :
            "legitimate-forwarded check FAILED (reasons: " + r.result().get("reasons") + ")");
        return ok;
    }
}
