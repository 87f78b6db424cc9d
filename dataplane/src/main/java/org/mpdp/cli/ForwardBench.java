package org.mpdp.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mpdp bench forward}: mpdp's forwarding loop against dpdk-testpmd in io mode, one forwarding
 * core each, on the same virtual devices, in one invocation. Each side runs in its own process
 * (rte_eal_init works once per process) with the same EAL memory, mbuf count, burst and descriptors.
 * Rates exclude a warm-up; testpmd's come from its per-second Tx-pps, mpdp's from its TX counters.
 */
@Command(name = "forward", mixinStandardHelpOptions = true,
    description = "Forwarding rate of mpdp vs dpdk-testpmd (io mode) on net_null and net_pcap replay.")
public final class ForwardBench implements Callable<Integer>
{
    @Option(names = "--seconds", defaultValue = "10", description = "Measured seconds per run (default ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--warmup", defaultValue = "3", description = "Warm-up seconds per run (default ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--capture", paramLabel = "PCAP", description = "Capture for the replay run (default: mptcp-v0.pcap in --captures-dir).")
    Path capture;

    @Option(names = "--captures-dir", defaultValue = "${sys:mpdp.captures:-../shared/captures}", paramLabel = "DIR")
    Path capturesDir;

    @Option(names = "--testpmd", defaultValue = "dpdk-testpmd", description = "testpmd binary (default ${DEFAULT-VALUE}).")
    String testpmd;

    @Option(names = "--cpu", defaultValue = "1", description = "Forwarding CPU for both tools (default ${DEFAULT-VALUE}).")
    int cpu;

    @Option(names = "--memory", defaultValue = "1024", description = "EAL memory in MiB for both (default ${DEFAULT-VALUE}).")
    int memoryMb;

    @Option(names = "--config", paramLabel = "FILE", description = "Properties file with defaults for these options.")
    String config;

    /** One measured scenario. */
    private record Scenario(String name, List<String> vdevs)
    {
    }

    @Override
    public Integer call() throws IOException, InterruptedException
    {
        final List<Scenario> scenarios = new ArrayList<>();
        scenarios.add(new Scenario("net_null pair", List.of("net_null0", "net_null1")));
        final Path replay = capture != null ? capture : capturesDir.resolve("tcpdump/mptcp-v0.pcap");
        if (Files.isReadable(replay))
        {
            scenarios.add(new Scenario("net_pcap replay of " + replay.getFileName() + " (infinite_rx) -> net_null",
                List.of("net_pcap0,rx_pcap=" + replay.toAbsolutePath() + ",infinite_rx=1", "net_null0,no-rx=1")));
        }
        else
        {
            System.out.println("bench forward: skipping the pcap replay run: no capture at " + replay +
                " (give --capture FILE or --captures-dir DIR)");
        }
        double worst = Double.MAX_VALUE;
        final List<String> table = new ArrayList<>();
        for (final Scenario s : scenarios)
        {
            System.out.printf("%nbench forward: %s, io forwarding, 1 forwarding core (CPU %d), burst 32, %d s after %d s warm-up%n",
                s.name, cpu, seconds, warmup);
            final double tp = runTestpmd(s.vdevs);
            System.out.printf(Locale.ROOT, "  dpdk-testpmd  %8.2f Mpps%n", tp / 1e6);
            final long[] mp = runMpdp(s.vdevs);
            System.out.printf(Locale.ROOT, "  mpdp          %8.2f Mpps   (GC cycles %d, tx-dropped %d, mbufs leaked %d)%n",
                mp[0] / 1e6, mp[1], mp[3], mp[2]);
            final double ratio = mp[0] / tp;
            System.out.printf(Locale.ROOT, "  ratio mpdp/testpmd = %.3f%n", ratio);
            table.add(String.format(Locale.ROOT, "%-60s testpmd %7.2f Mpps  mpdp %7.2f Mpps  ratio %.3f  gc %d",
                s.name, tp / 1e6, mp[0] / 1e6, ratio, mp[1]));
            worst = Math.min(worst, ratio);
        }
        System.out.println("\nsummary:");
        table.forEach(l -> System.out.println("  " + l));
        System.out.printf(Locale.ROOT, "forward ratio mpdp/testpmd = %.3f%n", worst);
        return 0;
    }

    private double runTestpmd(final List<String> vdevs) throws IOException, InterruptedException
    {
        return BenchProcesses.testpmdPps(testpmd, vdevs, cpu, memoryMb, 8192, warmup, seconds);
    }

    private long[] runMpdp(final List<String> vdevs) throws IOException, InterruptedException
    {
        // testpmd's forwarding lcore has its CPU to itself (its main lcore sits on CPU 0); give mpdp the
        // same: the JVM's own threads (GC, JIT, main) start on the other CPUs and only the forwarding
        // thread pins itself to --cpu.
        final List<String> args = new ArrayList<>(List.of("forward", "--hugepages=off", "--memory=" + memoryMb,
            "--log-level=warning", "--cpu=" + cpu, "--duration=" + (warmup + seconds), "--warmup=" + warmup,
            "--stats-interval=0", "--result"));
        vdevs.forEach(v -> args.add("--vdev=" + v));
        final Map<String, String> r = BenchProcesses.run(BenchProcesses.mpdp(BenchProcesses.otherCpus(cpu), args),
            warmup + seconds + 60L).result();
        return new long[] {(long)Double.parseDouble(r.get("forwarded_pps")), Long.parseLong(r.get("gc_count")),
            Long.parseLong(r.get("leaked_mbufs")), Long.parseLong(r.get("tx_dropped"))};
    }
}
