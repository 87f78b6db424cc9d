package org.mpdp.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * {@code scripts/mpdp bench protocol}: runs the wire, HMAC and checksum JMH benchmarks in one
 * invocation, so every ratio compares numbers measured in the same run on the same machine, and
 * prints a summary ending with exactly:
 * <pre>
 * parse Mpps = X
 * hmac batched/jdk = X
 * checksum vector/scalar = X
 * </pre>
 * Arguments: {@code [--quick]} for shorter iterations.
 */
public final class ProtocolBench
{
    private ProtocolBench()
    {
    }

    /**
     * @param args {@code --quick} for 1 warm-up and 3 measured 1 s iterations (default 3 and 5).
     * @throws RunnerException if JMH fails.
     */
    public static void main(final String[] args) throws RunnerException
    {
        final boolean quick = List.of(args).contains("--quick");
        final ChainedOptionsBuilder options = new OptionsBuilder()
            .include("org\\.mpdp\\.bench\\.wire\\.ParseBenchmark")
            .include("org\\.mpdp\\.bench\\.crypto\\.HmacBenchmark")
            .include("org\\.mpdp\\.bench\\.crypto\\.ChecksumBenchmark")
            .forks(1)
            .warmupIterations(quick ? 1 : 3)
            .measurementIterations(quick ? 3 : 5)
            .warmupTime(TimeValue.seconds(1))
            .measurementTime(TimeValue.seconds(1))
            .addProfiler("gc")
            .jvmArgsAppend("-Dmpdp.captures=" + System.getProperty("mpdp.captures", "../shared/captures"));
        final Collection<RunResult> results = new Runner(options.build()).run();

        final Map<String, double[]> byName = new LinkedHashMap<>();
        final Map<String, String> units = new LinkedHashMap<>();
        for (final RunResult r : results)
        {
            final String length = r.getParams().getParam("payloadLength");
            final String name = r.getParams().getBenchmark().replaceFirst("^org\\.mpdp\\.bench\\.", "") +
                (length == null ? "" : "[" + length + " B]");
            final double score = r.getPrimaryResult().getScore();
            var alloc = r.getSecondaryResults().get("gc.alloc.rate.norm");
            if (alloc == null)
            {
                alloc = r.getSecondaryResults().get("\u00b7gc.alloc.rate.norm");
            }
            final double bytesPerOp = alloc == null ? Double.NaN : alloc.getScore();
            byName.put(name, new double[] {score, bytesPerOp});
            units.put(name, r.getPrimaryResult().getScoreUnit());
        }
        System.out.println();
        System.out.println("bench protocol summary (one core, JMH, same run):");
        final List<String> lines = new ArrayList<>();
        byName.forEach((name, v) -> lines.add(String.format(Locale.ROOT, "  %-48s %,18.2f %-7s %8.3f B/op", name,
            v[0], units.get(name), v[1])));
        lines.forEach(System.out::println);
        final double parse = find(byName, "wire.ParseBenchmark.parse");
        final double jdk = find(byName, "crypto.HmacBenchmark.jdkMacFixedKey");
        final double batched = find(byName, "crypto.HmacBenchmark.batchedVector");
        // The checksum ratio is taken at an MSS-sized payload; the 64-byte row is in the table above.
        final double scalar = find(byName, "crypto.ChecksumBenchmark.scalar[1400 B]");
        final double vector = find(byName, "crypto.ChecksumBenchmark.vector[1400 B]");
        System.out.printf(Locale.ROOT, "  (64-byte payloads: checksum vector/scalar = %.2f)%n",
            find(byName, "crypto.ChecksumBenchmark.vector[64 B]") / find(byName, "crypto.ChecksumBenchmark.scalar[64 B]"));
        System.out.printf(Locale.ROOT, "parse Mpps = %.2f%n", parse / 1e6);
        System.out.printf(Locale.ROOT, "hmac batched/jdk = %.2f%n", batched / jdk);
        System.out.printf(Locale.ROOT, "checksum vector/scalar = %.2f%n", vector / scalar);
    }

    /** Score of the benchmark with exactly that name (and parameter suffix), or NaN when it did not run. */
    private static double find(final Map<String, double[]> byName, final String name)
    {
        final double[] v = byName.get(name);
        return v == null ? Double.NaN : v[0];
    }
}
