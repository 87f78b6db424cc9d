package org.mpdp.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import org.mpdp.dataplane.analyze.ConnectionReport;
import org.mpdp.dataplane.analyze.OfflineAnalyzer;
import org.mpdp.dataplane.analyze.TraceGenerator;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mpdp bench analyze}: the offline analyzer against tshark's MPTCP analysis on the same large
 * generated capture, in one invocation. Both must find the same connections (same key pairs). mpdp is
 * timed twice: in process ({@code OfflineAnalyzer.analyze} in this JVM, median of the runs, so warm) and
 * as the whole command ({@code mpdp analyze --json FILE} in a fresh JVM, as the launcher starts it,
 * output discarded). The last lines are {@code analyze in-process rate = X M packets/s},
 * {@code analyze in-process speedup vs tshark = X} and {@code analyze speedup vs tshark = X} (wall time
 * of tshark / wall time of the whole mpdp command).
 */
@Command(name = "analyze", mixinStandardHelpOptions = true,
    description = "Offline analyzer vs tshark on a generated capture of >= 1M packets.")
public final class AnalyzeBench implements Callable<Integer>
{
    @Option(names = "--connections", defaultValue = "5000", description = "Connections (default ${DEFAULT-VALUE}).")
    int connections;

    @Option(names = "--joins", defaultValue = "2", description = "MP_JOIN subflows per connection (default ${DEFAULT-VALUE}).")
    int joins;

    @Option(names = "--bytes", defaultValue = "100000", description = "Bytes per direction per connection (default ${DEFAULT-VALUE}).")
    long bytes;

    @Option(names = "--runs", defaultValue = "3",
        description = "mpdp runs, in process and as a command; medians are reported (default ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--work-dir", defaultValue = "${java.io.tmpdir}", description = "Where the trace is written.")
    Path workDir;

    @Option(names = "--keep", description = "Keep the generated trace.")
    boolean keep;

    @Option(names = "--config", paramLabel = "FILE", description = "Properties file with defaults for these options.")
    String config;

    @Override
    public Integer call() throws IOException, InterruptedException
    {
        final Path trace = Files.createTempFile(workDir, "mpdp-bench-analyze-", ".pcap");
        try
        {
            final TraceGenerator.Result generated = TraceGenerator.generate(
                TraceGenerator.Config.of(connections, joins, bytes, 1, 0.1), trace);
            System.out.printf(Locale.ROOT, "bench analyze: generated %,d packets (%,d MB), %,d connections x %d joins, " +
                "in %.2f s: %s%n", generated.packets(), generated.fileBytes() >> 20, connections, joins,
                generated.nanos() / 1e9, trace);

            // In process: OfflineAnalyzer.analyze as `mpdp analyze` runs it (growing tables, default limits),
            // in this JVM, so runs after the first are warm.
            final long[] times = new long[runs];
            OfflineAnalyzer last = null;
            for (int i = 0; i < runs; i++)
            {
                final long start = System.nanoTime();
                final OfflineAnalyzer analyzer = OfflineAnalyzer.growing(MAX_CONNECTIONS, MAX_SUBFLOWS);
                analyzer.analyze(trace);
                times[i] = System.nanoTime() - start;
                last = analyzer;
                System.out.printf(Locale.ROOT, "  mpdp in-process analyze run %d: %.3f s%n", i + 1, times[i] / 1e9);
            }
            final double mpdp = median(times) / 1e9;
            final Set<String> ours = new TreeSet<>();
            for (final ConnectionReport c : last.connections())
            {
                ours.add(Long.toHexString(c.clientKey()) + "/" + Long.toHexString(c.serverKey()));
            }

            // Whole command: a fresh JVM running `mpdp analyze --json` as the launcher does, output discarded.
            final List<String> command = analyzeCommand(trace);
            final long[] wholeTimes = new long[runs];
            for (int i = 0; i < runs; i++)
            {
                final Path err = Files.createTempFile(workDir, "mpdp-bench-analyze-", ".err");
                final long start = System.nanoTime();
                final Process p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(err.toFile()).start();
                final boolean ok = p.waitFor(10, TimeUnit.MINUTES) && p.exitValue() == 0;
                wholeTimes[i] = System.nanoTime() - start;
                final String stderr = Files.readString(err);
                Files.delete(err);
                if (!ok)
                {
                    throw new IOException("mpdp analyze failed: " + command + "\n" + stderr);
                }
                System.out.printf(Locale.ROOT, "  mpdp analyze --json (whole command) run %d: %.3f s%n", i + 1,
                    wholeTimes[i] / 1e9);
            }
            final double whole = median(wholeTimes) / 1e9;

            final long start = System.nanoTime();
            final TsharkView tshark = tshark(trace);
            final double tsharkSeconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "  tshark -o mptcp.analyze_mptcp:TRUE: %.3f s%n", tsharkSeconds);

            final boolean identical = ours.equals(tshark.keyPairs) && tshark.streams == ours.size() &&
                ours.size() == generated.connections().size();
            System.out.printf(Locale.ROOT, "  connections: mpdp %,d, tshark %,d (mptcp.stream), generated %,d; key pairs %s%n",
                ours.size(), tshark.streams, generated.connections().size(), identical ? "identical" : "DIFFER");
            System.out.printf(Locale.ROOT, "  mpdp in-process %.3f s (median of %d) = %,.0f packets/s; whole command " +
                "%.3f s (median of %d) = %,.0f packets/s; tshark %.3f s = %,.0f packets/s%n", mpdp, runs,
                generated.packets() / mpdp, whole, runs, generated.packets() / whole, tsharkSeconds,
                generated.packets() / tsharkSeconds);
            System.out.printf(Locale.ROOT, "analyze in-process rate = %.1f M packets/s%n", generated.packets() / mpdp / 1e6);
            System.out.printf(Locale.ROOT, "analyze in-process speedup vs tshark = %.1f%n", tsharkSeconds / mpdp);
            System.out.printf(Locale.ROOT, "analyze speedup vs tshark = %.1f%n", tsharkSeconds / whole);
            return identical ? 0 : 1;
        }
        finally
        {
            if (!keep)
            {
                Files.deleteIfExists(trace);
            }
        }
    }

    /** `mpdp analyze`'s default table limits. */
    private static final int MAX_CONNECTIONS = 1_000_000;
    private static final int MAX_SUBFLOWS = 4_000_000;

    private static long median(final long[] times)
    {
        final long[] sorted = times.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /**
     * The command the launcher runs for {@code mpdp analyze --json FILE}: this JVM's java and flags,
     * the same jar or classpath (the launcher's bash and package check are not counted).
     */
    private static List<String> analyzeCommand(final Path trace)
    {
        final List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse(System.getProperty("java.home") + "/bin/java"));
        for (final String arg : java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            if (!arg.startsWith("-agentlib:jdwp"))
            {
                command.add(arg);
            }
        }
        final String classPath = System.getProperty("java.class.path");
        if (classPath.endsWith(".jar") && !classPath.contains(java.io.File.pathSeparator))
        {
            command.addAll(List.of("-jar", classPath));
        }
        else
        {
            command.addAll(List.of("-cp", classPath, MpdpCommand.class.getName()));
        }
        command.addAll(List.of("analyze", "--json", trace.toString()));
        return command;
    }

    private static long unsigned(final String value)
    {
        return value.startsWith("0x") ? Long.parseUnsignedLong(value.substring(2), 16) : Long.parseUnsignedLong(value);
    }

    private record TsharkView(int streams, Set<String> keyPairs)
    {
    }

    private static TsharkView tshark(final Path trace) throws IOException, InterruptedException
    {
        final List<String> cmd = new ArrayList<>(List.of("tshark", "-r", trace.toString(), "-n",
            "-o", "mptcp.analyze_mptcp:TRUE", "-T", "fields", "-E", "separator=;", "-E", "occurrence=f",
            "-e", "mptcp.stream", "-e", "tcp.flags.syn", "-e", "tcp.options.mptcp.sendkey",
            "-e", "tcp.options.mptcp.recvkey"));
        final Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        final Set<String> streams = new HashSet<>();
        final Set<String> pairs = new TreeSet<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)))
        {
            String line;
            while ((line = in.readLine()) != null)
            {
                final String[] f = line.split(";", -1);
                if (f.length < 4)
                {
                    continue;
                }
                if (!f[0].isEmpty())
                {
                    streams.add(f[0]);
                }
                if ((f[1].equals("0") || f[1].equals("False")) && !f[2].isEmpty() && !f[3].isEmpty())
                {
                    pairs.add(Long.toHexString(unsigned(f[2])) + "/" + Long.toHexString(unsigned(f[3])));
                }
            }
        }
        if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0)
        {
            throw new IOException("tshark failed on " + trace + " (exit " + p.exitValue() + ")");
        }
        return new TsharkView(streams.size(), pairs);
    }
}
