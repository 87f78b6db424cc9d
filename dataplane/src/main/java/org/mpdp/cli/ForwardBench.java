package org.mpdp.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
    private static final Pattern TX_PPS = Pattern.compile("Tx-pps:\\s+(\\d+)");
    private static final Pattern RESULT = Pattern.compile("RESULT forwarded_pps=(\\d+) .*gc_count=(\\d+) leaked_mbufs=(\\d+)");
    private static final Pattern RESULT_DROPS = Pattern.compile("tx_dropped=(\\d+)");

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
        final List<String> cmd = new ArrayList<>(List.of(testpmd, "--no-huge", "--no-shconf", "-m", Integer.toString(memoryMb),
            "--file-prefix", "mpdp-bench-tp-" + ProcessHandle.current().pid(), "--no-pci", "--no-telemetry",
            "--log-level=warning", "-l", "0," + cpu));
        vdevs.forEach(v -> cmd.add("--vdev=" + v));
        cmd.addAll(List.of("--", "--forward-mode=io", "--nb-cores=1", "--burst=32", "--rxd=1024", "--txd=1024",
            "--total-num-mbufs=8192", "--stats-period", "1"));
        final Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        final List<Long> perSecond = new ArrayList<>();
        final Thread reader = Thread.ofVirtual().start(() -> collectTxPps(p, perSecond));
        Thread.sleep((warmup + seconds + 1) * 1000L);
        p.toHandle().destroy(); // SIGTERM: testpmd stops forwarding and closes its ports
        if (!p.waitFor(30, TimeUnit.SECONDS))
        {
            p.destroyForcibly();
        }
        reader.join(5000);
        // Each period prints one Tx-pps per port; sum ports per period, then drop the warm-up periods.
        final int ports = vdevs.size();
        final List<Long> sums = new ArrayList<>();
        synchronized (perSecond)
        {
            for (int i = 0; i + ports <= perSecond.size(); i += ports)
            {
                long sum = 0;
                for (int j = 0; j < ports; j++)
                {
                    sum += perSecond.get(i + j);
                }
                sums.add(sum);
            }
        }
        final List<Long> measured = sums.subList(Math.min(sums.size(), warmup + 1), Math.min(sums.size(), warmup + 1 + seconds));
        if (measured.isEmpty())
        {
            throw new IllegalStateException("dpdk-testpmd printed no rates (command: " + String.join(" ", cmd) + ")");
        }
        return measured.stream().mapToLong(Long::longValue).average().orElseThrow();
    }

    private static void collectTxPps(final Process p, final List<Long> perSecond)
    {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)))
        {
            String line;
            while ((line = in.readLine()) != null)
            {
                final Matcher m = TX_PPS.matcher(line);
                if (m.find())
                {
                    synchronized (perSecond)
                    {
                        perSecond.add(Long.parseLong(m.group(1)));
                    }
                }
                else if (line.contains("EAL: Error") || line.contains("Cause:"))
                {
                    System.out.println("  testpmd: " + line.trim());
                }
            }
        }
        catch (final IOException ex)
        {
            // process ended
        }
    }

    private String otherCpus()
    {
        final List<String> cpus = new ArrayList<>();
        for (int c = 0; c < Runtime.getRuntime().availableProcessors(); c++)
        {
            if (c != cpu)
            {
                cpus.add(Integer.toString(c));
            }
        }
        return String.join(",", cpus);
    }

    private long[] runMpdp(final List<String> vdevs) throws IOException, InterruptedException
    {
        final List<String> cmd = new ArrayList<>();
        // testpmd's forwarding lcore has its CPU to itself (its main lcore sits on CPU 0); give mpdp the
        // same: the JVM's own threads (GC, JIT, main) start on the other CPUs and only the forwarding
        // thread pins itself to --cpu.
        final String others = otherCpus();
        if (!others.isEmpty())
        {
            cmd.addAll(List.of("taskset", "-c", others));
        }
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), MpdpCommand.class.getName(), "forward",
            "--hugepages=off", "--memory=" + memoryMb, "--log-level=warning", "--cpu=" + cpu, "--duration=" + (warmup + seconds),
            "--warmup=" + warmup, "--stats-interval=0", "--result"));
        vdevs.forEach(v -> cmd.add("--vdev=" + v));
        final Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        final String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(60, TimeUnit.SECONDS);
        final Matcher m = RESULT.matcher(out);
        final Matcher d = RESULT_DROPS.matcher(out);
        if (p.exitValue() != 0 || !m.find() || !d.find())
        {
            throw new IllegalStateException("mpdp forward failed (exit " + p.exitValue() + "):\n" + out);
        }
        return new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)),
            Long.parseLong(d.group(1))};
    }
}
