package org.mpdp.dataplane.latency;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogScanner;

/**
 * An HdrHistogram interval log read back: every interval of a tag summed into one histogram per tag,
 * in the order the tags first appear. Lines without a tag are kept under {@link #UNTAGGED}.
 *
 * <p>Reads with HdrHistogram's own {@link HistogramLogScanner}, stopping at the first line it cannot
 * decode, so a garbled or truncated log is an error that names the file and the line, never a
 * silently shorter report.
 */
public final class LatencyReport
{
    /** Name given to the histograms of lines that carry no {@code Tag=}. */
    public static final String UNTAGGED = "untagged";
    /** Percentiles {@link #print} shows, between count/min and max. */
    public static final double[] PERCENTILES = {50.0, 90.0, 99.0, 99.9, 99.99};

    private final Path file;
    private final Map<String, Histogram> byTag;
    private final Map<String, Integer> intervalsByTag;

    private LatencyReport(final Path file, final Map<String, Histogram> byTag, final Map<String, Integer> intervals)
    {
        this.file = file;
        this.byTag = Collections.unmodifiableMap(byTag);
        this.intervalsByTag = Collections.unmodifiableMap(intervals);
    }

    /**
     * @param file a {@code .hlog} file.
     * @return its histograms by tag.
     * @throws IOException when the file is missing or unreadable, holds no histogram, or a line is garbled.
     */
    public static LatencyReport read(final Path file) throws IOException
    {
        if (!Files.isRegularFile(file) || !Files.isReadable(file))
        {
            throw new IOException("cannot read latency log " + file);
        }
        final Map<String, Histogram> byTag = new LinkedHashMap<>();
        final Map<String, Integer> intervals = new LinkedHashMap<>();
        final Handler handler = new Handler(byTag, intervals);
        try (InputStream in = Files.newInputStream(file); HistogramLogScanner scanner = new HistogramLogScanner(in))
        {
            scanner.process(handler);
        }
        if (handler.error != null)
        {
            throw new IOException("garbled latency log " + file + ": line " + handler.lines + " is not an " +
                "HdrHistogram log line (" + handler.error + ")");
        }
        if (byTag.isEmpty())
        {
            throw new IOException("latency log " + file + " holds no histogram (not an HdrHistogram .hlog?)");
        }
        return new LatencyReport(file, byTag, intervals);
    }

    /**
     * @return the summed histogram of every tag, in order of first appearance.
     */
    public Map<String, Histogram> histograms()
    {
        return byTag;
    }

    /**
     * @param tags tags to keep; empty for all.
     * @return the histograms of those tags, in the order given.
     * @throws IllegalArgumentException naming the tags the log has, when one is not there.
     */
    public Map<String, Histogram> select(final List<String> tags)
    {
        if (tags == null || tags.isEmpty())
        {
            return byTag;
        }
        final Map<String, Histogram> selected = new LinkedHashMap<>();
        for (final String tag : tags)
        {
            final Histogram h = byTag.get(tag);
            if (h == null)
            {
                throw new IllegalArgumentException("tag=" + tag + " is not in latency log " + file + " (tags: " +
                    String.join(", ", byTag.keySet()) + ")");
            }
            selected.put(tag, h);
        }
        return selected;
    }

    /**
     * @param tag a tag.
     * @return how many interval lines the log has for it.
     */
    public int intervals(final String tag)
    {
        return intervalsByTag.getOrDefault(tag, 0);
    }

    /**
     * Prints one row per tag: count, min, the {@link #PERCENTILES} and max.
     *
     * @param histograms histograms by tag, values in nanoseconds.
     * @param unit       unit to print values in.
     * @param out        where to print.
     */
    public static void print(final Map<String, Histogram> histograms, final LatencyUnit unit, final PrintStream out)
    {
        final int tagWidth = Math.max(5, histograms.keySet().stream().mapToInt(String::length).max().orElse(0));
        final StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-" + tagWidth + "s %10s %12s", "tag",
            "count", "min"));
        for (final double p : PERCENTILES)
        {
            header.append(String.format(Locale.ROOT, " %12s", "p" + percentileName(p)));
        }
        header.append(String.format(Locale.ROOT, " %12s", "max")).append("  (").append(unit.label()).append(')');
        out.println(header);
        for (final Map.Entry<String, Histogram> e : histograms.entrySet())
        {
            final Histogram h = e.getValue();
            final StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-" + tagWidth + "s %10d %12s",
                e.getKey(), h.getTotalCount(), unit.format(h.getTotalCount() == 0 ? 0 : h.getMinValue())));
            for (final double p : PERCENTILES)
            {
                row.append(String.format(Locale.ROOT, " %12s", unit.format(h.getValueAtPercentile(p))));
            }
            row.append(String.format(Locale.ROOT, " %12s", unit.format(h.getMaxValue())));
            out.println(row);
        }
    }

    static String percentileName(final double p)
    {
        return p == Math.rint(p) ? Long.toString((long)p) : Double.toString(p);
    }

    private static final class Handler implements HistogramLogScanner.EventHandler
    {
        private final Map<String, Histogram> byTag;
        private final Map<String, Integer> intervals;
        private int lines;
        private String error;

        Handler(final Map<String, Histogram> byTag, final Map<String, Integer> intervals)
        {
            this.byTag = byTag;
            this.intervals = intervals;
        }

        @Override
        public boolean onComment(final String comment)
        {
            lines++;
            return false;
        }

        @Override
        public boolean onBaseTime(final double secondsSinceEpoch)
        {
            lines++;
            return false;
        }

        @Override
        public boolean onStartTime(final double secondsSinceEpoch)
        {
            lines++;
            return false;
        }

        @Override
        public boolean onHistogram(final String tag, final double timestamp, final double length,
            final HistogramLogScanner.EncodableHistogramSupplier lazyReader)
        {
            lines++;
            final EncodableHistogram decoded;
            try
            {
                decoded = lazyReader.read();
            }
            catch (final Exception | AssertionError ex)
            {
                return onException(ex);
            }
            if (!(decoded instanceof Histogram h))
            {
                error = "a " + decoded.getClass().getSimpleName() + ", not an integer Histogram";
                return true;
            }
            final String key = tag == null ? UNTAGGED : tag;
            byTag.computeIfAbsent(key, k -> newSum(h)).add(h);
            intervals.merge(key, 1, Integer::sum);
            return false;
        }

        private static Histogram newSum(final Histogram like)
        {
            final Histogram sum = new Histogram(like.getNumberOfSignificantValueDigits());
            sum.setAutoResize(true);
            return sum;
        }

        @Override
        public boolean onException(final Throwable t)
        {
            lines++;
            error = t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
            return true;
        }
    }
}
