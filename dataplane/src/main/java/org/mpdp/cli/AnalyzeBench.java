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
 * generated capture, in one invocation. Both must find the same connections (same key pairs); the
 * final line is {@code analyze speedup vs tshark = X} (wall time of tshark / wall time of mpdp).
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

    @Option(names = "--runs", defaultValue = "3", description = "mpdp runs; the median is reported (default ${DEFAULT-VALUE}).")
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

            final long[] times = new long[runs];
            OfflineAnalyzer last = null;
            for (int i = 0; i < runs; i++)
            {
                final long start = System.nanoTime();
                final OfflineAnalyzer analyzer = new OfflineAnalyzer(connections * 2, connections * (joins + 1) * 2);
                analyzer.analyze(trace);
                times[i] = System.nanoTime() - start;
                last = analyzer;
                System.out.printf(Locale.ROOT, "  mpdp analyze run %d: %.3f s%n", i + 1, times[i] / 1e9);
            }
            Arrays.sort(times);
            final double mpdp = times[runs / 2] / 1e9;
            final Set<String> ours = new TreeSet<>();
            for (final ConnectionReport c : last.connections())
            {
                ours.add(Long.toHexString(c.clientKey()) + "/" + Long.toHexString(c.serverKey()));
            }

            final long start = System.nanoTime();
            final TsharkView tshark = tshark(trace);
            final double tsharkSeconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "  tshark -o mptcp.analyze_mptcp:TRUE: %.3f s%n", tsharkSeconds);

            final boolean identical = ours.equals(tshark.keyPairs) && tshark.streams == ours.size() &&
                ours.size() == generated.connections().size();
            System.out.printf(Locale.ROOT, "  connections: mpdp %,d, tshark %,d (mptcp.stream), generated %,d; key pairs %s%n",
                ours.size(), tshark.streams, generated.connections().size(), identical ? "identical" : "DIFFER");
            System.out.printf(Locale.ROOT, "  mpdp %.3f s (median of %d) = %,.0f packets/s; tshark %.3f s = %,.0f packets/s%n",
                mpdp, runs, generated.packets() / mpdp, tsharkSeconds, generated.packets() / tsharkSeconds);
            System.out.printf(Locale.ROOT, "analyze speedup vs tshark = %.1f%n", tsharkSeconds / mpdp);
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
