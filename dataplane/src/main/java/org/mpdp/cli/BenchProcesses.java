package org.mpdp.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the benchmarks share to run their sides each in its own process (rte_eal_init works once per
 * process): dpdk-testpmd in io mode with its per-second Tx-pps read, and mpdp child JVMs that end with a
 * {@code RESULT key=value ...} line.
 */
final class BenchProcesses
{
    private static final Pattern TX_PPS = Pattern.compile("Tx-pps:\\s+(\\d+)");

    /** A finished child: its exit code and everything it printed (stdout and stderr). */
    record Child(List<String> command, int exit, String output)
    {
        /**
         * @return the last RESULT line's key=value pairs.
         * @throws IllegalStateException when the child failed or printed no RESULT line.
         */
        Map<String, String> result()
        {
            String line = null;
            for (final String l : output.lines().toList())
            {
                if (l.startsWith("RESULT "))
                {
                    line = l;
                }
            }
            if (exit != 0 || line == null)
            {
                throw new IllegalStateException("exit " + exit + (line == null ? ", no RESULT line" : "") + " from " +
                    String.join(" ", command) + ":\n" + output);
            }
            final Map<String, String> out = new LinkedHashMap<>();
            for (final String kv : line.substring("RESULT ".length()).trim().split("\\s+"))
            {
                final int eq = kv.indexOf('=');
                out.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
            return out;
        }
    }

    private BenchProcesses()
    {
    }

    /**
     * Runs dpdk-testpmd io forwarding on one forwarding core and averages its summed per-port Tx-pps
     * over the seconds after the warm-up.
     *
     * @param testpmd  the binary.
     * @param vdevs    the devices, in port order.
     * @param cpu      the forwarding CPU (the main lcore is CPU 0).
     * @param memoryMb EAL memory.
     * @param mbufs    --total-num-mbufs.
     * @param warmup   seconds not measured.
     * @param seconds  seconds measured.
     * @return packets per second.
     */
    static double testpmdPps(final String testpmd, final List<String> vdevs, final int cpu, final int memoryMb,
        final int mbufs, final int warmup, final int seconds) throws IOException, InterruptedException
    {
        final List<String> cmd = new ArrayList<>(List.of(testpmd, "--no-huge", "--no-shconf", "-m", Integer.toString(memoryMb),
            "--file-prefix", "mpdp-bench-tp-" + ProcessHandle.current().pid(), "--no-pci", "--no-telemetry",
            "--log-level=warning", "-l", "0," + cpu));
        vdevs.forEach(v -> cmd.add("--vdev=" + v));
        cmd.addAll(List.of("--", "--forward-mode=io", "--nb-cores=1", "--burst=32", "--rxd=1024", "--txd=1024",
            "--total-num-mbufs=" + mbufs, "--stats-period", "1"));
        final Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        final List<Long> perSecond = new ArrayList<>();
        final Thread reader = Thread.ofVirtual().start(() -> collectTxPps(p, perSecond));
        // Until the periods needed have printed (startup, e.g. loading a capture, is not measured).
        final int wanted = (warmup + seconds + 1) * vdevs.size();
        final long deadline = System.nanoTime() + (warmup + seconds + 30) * 1_000_000_000L;
        while (System.nanoTime() < deadline && p.isAlive())
        {
            synchronized (perSecond)
            {
                if (perSecond.size() >= wanted)
                {
                    break;
                }
            }
            Thread.sleep(100);
        }
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

    /**
     * @param cpu a CPU to keep free.
     * @return every other CPU, comma-separated ("" on a one-CPU machine).
     */
    static String otherCpus(final int cpu)
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

    /**
     * The command of an mpdp child JVM with this JVM's flags and class path.
     *
     * @param jvmCpus CPUs the JVM starts on (taskset), so that only its pinned packet threads use the
     *                measured core; null or empty for no taskset.
     * @param args    mpdp's arguments.
     * @return the command.
     */
    static List<String> mpdp(final String jvmCpus, final List<String> args)
    {
        final List<String> cmd = new ArrayList<>();
        if (jvmCpus != null && !jvmCpus.isEmpty())
        {
            cmd.addAll(List.of("taskset", "-c", jvmCpus));
        }
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), MpdpCommand.class.getName()));
        cmd.addAll(args);
        return cmd;
    }

    /**
     * Runs a child to its end.
     *
     * @param cmd            the command.
     * @param timeoutSeconds longest to wait before it is killed.
     * @return its exit code and output.
     */
    static Child run(final List<String> cmd, final long timeoutSeconds) throws IOException, InterruptedException
    {
        final Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        final StringBuilder out = new StringBuilder();
        final Thread reader = Thread.ofVirtual().start(() ->
        {
            try
            {
                final String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                synchronized (out)
                {
                    out.append(text);
                }
            }
            catch (final IOException ex)
            {
                // process ended
            }
        });
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS))
        {
            p.toHandle().destroy();
            if (!p.waitFor(20, TimeUnit.SECONDS))
            {
                p.destroyForcibly();
            }
        }
        p.waitFor();
        reader.join(10_000);
        synchronized (out)
        {
            return new Child(List.copyOf(cmd), p.exitValue(), out.toString());
        }
    }
}
