package org.mpdp.robe.report;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.HdrHistogram.Histogram;

/**
 * The results of one {@code robe-experiment}: per profile and mode, the sessions of a
 * {@code mpdp robe connect} CSV (or the kernel client's, same columns) as establishment and multipath times
 * in HdrHistograms (microseconds, 3 significant digits), the outcomes, and the profile's path RTTs; printed
 * as one table, a CSV, and the summary lines scripts read:
 * <pre>robe blackhole SIM: median 41.2 ms, p99 44.0 ms, failures 0/200, path2 rtt 40.0 ms</pre>
 * A failure is a session that did not establish ({@code failed}) or whose echo was wrong ({@code data-error});
 * a kernel connection that fell back to plain TCP ({@code fallback}) is established, and counted apart.
 */
public final class RobeReport
{
    /** Largest time recorded, in microseconds (a minute: sessions time out long before). */
    private static final long MAX_MICROS = 60_000_000L;

    /**
     * One profile and mode.
     *
     * @param profile      impairment profile (blackhole, loss, delay, none).
     * @param mode         mode as the CSV names it (plain, sim, sim+ips, kernel, ...).
     * @param sessions     rows in the CSV.
     * @param failed       sessions not established within the timeout.
     * @param dataErrors   sessions established whose echo was wrong or short.
     * @param fallbacks    sessions established as plain TCP.
     * @param establish    establishment times (first SYN to MP_CAPABLE third ACK), microseconds.
     * @param multipath    multipath times (first SYN until every path has a subflow), microseconds.
     * @param initialPaths established sessions per winning path index.
     * @param rstsSent     RSTs the client sent, summed (0 when the CSV does not say).
     * @param path1RttMs   path 1's ping RTT in this profile, NaN when none answered.
     * @param path2RttMs   path 2's ping RTT in this profile, NaN when none answered.
     */
    public record Result(String profile, String mode, int sessions, int failed, int dataErrors, int fallbacks,
        Histogram establish, Histogram multipath, Map<Integer, Integer> initialPaths, long rstsSent,
        double path1RttMs, double path2RttMs)
    {
        /** @return failed plus data errors. */
        public int failures()
        {
            return failed + dataErrors;
        }
    }

    private final List<Result> results;

    /**
     * @param results per profile and mode, in print order.
     */
    public RobeReport(final List<Result> results)
    {
        this.results = List.copyOf(results);
    }

    /** @return the results, in print order. */
    public List<Result> results()
    {
        return results;
    }

    /**
     * Reads {@code DIR/csv/PROFILE-MODE.csv} for every profile and mode given (a missing file is an error)
     * and {@code DIR/rtt.txt} (lines {@code PROFILE PATH1_MS PATH2_MS}, {@code -} when unanswered).
     *
     * @param dir      the experiment's output directory.
     * @param profiles profiles in order.
     * @param modes    modes in order.
     * @return the report.
     * @throws IOException when a file cannot be read or a CSV is malformed.
     */
    public static RobeReport read(final Path dir, final List<String> profiles, final List<String> modes)
        throws IOException
    {
        final Map<String, double[]> rtts = new LinkedHashMap<>();
        final Path rttFile = dir.resolve("rtt.txt");
        if (Files.exists(rttFile))
        {
            for (final String line : Files.readAllLines(rttFile, StandardCharsets.UTF_8))
            {
                final String[] f = line.trim().split("\\s+");
                if (f.length >= 3)
                {
                    rtts.put(f[0], new double[] {number(f[1]), number(f[2])});
                }
            }
        }
        final List<Result> results = new ArrayList<>();
        for (final String profile : profiles)
        {
            final double[] rtt = rtts.getOrDefault(profile, new double[] {Double.NaN, Double.NaN});
            for (final String mode : modes)
            {
                final Path csv = dir.resolve("csv").resolve(profile + "-" + mode + ".csv");
                results.add(parse(profile, mode, Files.readAllLines(csv, StandardCharsets.UTF_8), rtt[0], rtt[1]));
            }
        }
        return new RobeReport(results);
    }

    /**
     * Parses one CSV (header {@code index,mode,outcome,establish_ms,multipath_ms,initial_path,paths_up,
     * bytes_echoed,rsts_sent,syns_sent}; columns are found by name).
     *
     * @param profile    profile name.
     * @param mode       mode name.
     * @param lines      the CSV's lines, header first.
     * @param path1RttMs path 1's RTT.
     * @param path2RttMs path 2's RTT.
     * @return the result.
     * @throws IOException when the header lacks a column or a value is malformed.
     */
    public static Result parse(final String profile, final String mode, final List<String> lines,
        final double path1RttMs, final double path2RttMs) throws IOException
    {
        if (lines.isEmpty())
        {
            throw new IOException(profile + "-" + mode + ".csv is empty (no header)");
        }
        final List<String> header = List.of(lines.get(0).trim().split(",", -1));
        final int outcome = column(header, "outcome");
        final int establishMs = column(header, "establish_ms");
        final int multipathMs = column(header, "multipath_ms");
        final int initialPath = column(header, "initial_path");
        final int rsts = header.indexOf("rsts_sent");
        final Histogram establish = new Histogram(MAX_MICROS, 3);
        final Histogram multipath = new Histogram(MAX_MICROS, 3);
        final Map<Integer, Integer> initial = new LinkedHashMap<>();
        int sessions = 0;
        int failed = 0;
        int dataErrors = 0;
        int fallbacks = 0;
        long rstsSent = 0;
        for (int i = 1; i < lines.size(); i++)
        {
            final String line = lines.get(i).trim();
            if (line.isEmpty())
            {
                continue;
            }
            final String[] f = line.split(",", -1);
            if (f.length < header.size())
            {
                throw new IOException(profile + "-" + mode + ".csv line " + (i + 1) + ": " + f.length +
                    " columns, the header has " + header.size());
            }
            sessions++;
            switch (f[outcome])
            {
                case "ok" -> { }
                case "fallback" -> fallbacks++;
                case "failed" -> failed++;
                case "data-error" -> dataErrors++;
                default -> throw new IOException(profile + "-" + mode + ".csv line " + (i + 1) + ": outcome '" +
                    f[outcome] + "' is not ok, failed, data-error or fallback");
            }
            if (!f[outcome].equals("failed"))
            {
                record(establish, f[establishMs]);
                record(multipath, f[multipathMs]);
                if (!f[initialPath].isEmpty())
                {
                    initial.merge(Integer.parseInt(f[initialPath]), 1, Integer::sum);
                }
            }
            if (rsts >= 0 && !f[rsts].isEmpty())
            {
                rstsSent += Long.parseLong(f[rsts]);
            }
        }
        return new Result(profile, mode, sessions, failed, dataErrors, fallbacks, establish, multipath, initial,
            rstsSent, path1RttMs, path2RttMs);
    }

    private static void record(final Histogram h, final String ms)
    {
        if (!ms.isEmpty())
        {
            h.recordValue(Math.min(MAX_MICROS, Math.max(0, Math.round(Double.parseDouble(ms) * 1_000))));
        }
    }

    private static int column(final List<String> header, final String name) throws IOException
    {
        final int i = header.indexOf(name);
        if (i < 0)
        {
            throw new IOException("CSV header " + header + " has no column " + name);
        }
        return i;
    }

    private static double number(final String text)
    {
        return text.equals("-") ? Double.NaN : Double.parseDouble(text);
    }

    /**
     * The mode's name in the summary lines, as the issue writes it: SIM, eSIM, TIMER+IPS, plain, kernel (and
     * plain-resp: plain MPTCP against the mpdp responder, eSIM's server).
     *
     * @param mode mode as the CSV names it.
     * @return its display name.
     */
    public static String displayName(final String mode)
    {
        return switch (mode)
        {
            case "plain", "kernel", "plain-resp" -> mode;
            case "esim" -> "eSIM";
            default -> mode.toUpperCase(Locale.ROOT);
        };
    }

    /**
     * @param h     times in microseconds.
     * @param p     percentile, 0..100.
     * @return the value in milliseconds with one decimal, or {@code -} when {@code h} is empty.
     */
    static String ms(final Histogram h, final double p)
    {
        return h.getTotalCount() == 0 ? "-" :
            String.format(Locale.ROOT, "%.1f", h.getValueAtPercentile(p) / 1_000.0);
    }

    private static String rtt(final double ms)
    {
        return Double.isNaN(ms) ? "-" : String.format(Locale.ROOT, "%.1f", ms);
    }

    /**
     * The summary line of one result.
     *
     * @param r the result.
     * @return {@code robe PROFILE MODE: median X ms, p99 Y ms, failures F/N, path2 rtt Z ms}.
     */
    public static String summaryLine(final Result r)
    {
        return "robe " + r.profile() + " " + displayName(r.mode()) + ": median " + ms(r.establish(), 50) +
            " ms, p99 " + ms(r.establish(), 99) + " ms, failures " + r.failures() + "/" + r.sessions() +
            ", path2 rtt " + rtt(r.path2RttMs()) + " ms";
    }

    /**
     * Prints the table: one row per profile and mode.
     *
     * @param out where to.
     */
    public void printTable(final PrintStream out)
    {
        out.printf(Locale.ROOT, "%-10s %-10s %9s %9s %9s %9s %9s %8s %8s %11s %6s %12s%n", "profile", "mode",
            "est p50", "est p99", "mp p50", "mp p99", "failures", "fallback", "rsts", "won path", "rtt1", "rtt2");
        String last = null;
        for (final Result r : results)
        {
            if (last != null && !last.equals(r.profile()))
            {
                out.println();
            }
            last = r.profile();
            out.printf(Locale.ROOT, "%-10s %-10s %9s %9s %9s %9s %9s %8d %8d %11s %6s %12s%n", r.profile(),
                displayName(r.mode()), ms(r.establish(), 50), ms(r.establish(), 99), ms(r.multipath(), 50),
                ms(r.multipath(), 99), r.failures() + "/" + r.sessions(), r.fallbacks(), r.rstsSent(),
                wonPaths(r), rtt(r.path1RttMs()), rtt(r.path2RttMs()));
        }
        out.println("(times in ms: est = first SYN to MP_CAPABLE third ACK, mp = until every path has a subflow;" +
            " won path: established sessions per initial path, 1-based; rtt: ping through the stages)");
    }

    private static String wonPaths(final Result r)
    {
        if (r.initialPaths().isEmpty())
        {
            return "-";
        }
        final StringBuilder sb = new StringBuilder();
        r.initialPaths().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e ->
            sb.append(sb.isEmpty() ? "" : " ").append(e.getKey() + 1).append(':').append(e.getValue()));
        return sb.toString();
    }

    /**
     * Writes one CSV row per profile and mode (times in ms).
     *
     * @param file where.
     * @throws IOException when it cannot be written.
     */
    public void writeCsv(final Path file) throws IOException
    {
        final StringBuilder sb = new StringBuilder("profile,mode,sessions,failed,data_errors,fallbacks," +
            "establish_median_ms,establish_p99_ms,multipath_median_ms,multipath_p99_ms,multipath_sessions," +
            "rsts_sent,path1_rtt_ms,path2_rtt_ms\n");
        for (final Result r : results)
        {
            sb.append(String.join(",", r.profile(), r.mode(), Integer.toString(r.sessions()),
                Integer.toString(r.failed()), Integer.toString(r.dataErrors()), Integer.toString(r.fallbacks()),
                csv(ms(r.establish(), 50)), csv(ms(r.establish(), 99)), csv(ms(r.multipath(), 50)),
                csv(ms(r.multipath(), 99)), Long.toString(r.multipath().getTotalCount()), Long.toString(r.rstsSent()),
                csv(rtt(r.path1RttMs())), csv(rtt(r.path2RttMs())))).append('\n');
        }
        Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
    }

    private static String csv(final String value)
    {
        return value.equals("-") ? "" : value;
    }

    /**
     * The establishment histograms of one profile, by display name of the mode (empty ones left out).
     *
     * @param profile the profile.
     * @return histograms in nanoseconds, for {@link org.mpdp.dataplane.latency.PercentilePlot}.
     */
    public Map<String, Histogram> establishNanos(final String profile)
    {
        final Map<String, Histogram> out = new LinkedHashMap<>();
        for (final Result r : results)
        {
            if (r.profile().equals(profile) && r.establish().getTotalCount() > 0)
            {
                final Histogram ns = new Histogram(MAX_MICROS * 1_000, 3);
                r.establish().recordedValues().forEach(v ->
                    ns.recordValueWithCount(v.getValueIteratedTo() * 1_000, v.getCountAtValueIteratedTo()));
                out.put(displayName(r.mode()), ns);
            }
        }
        return out;
    }
}
