package org.mpdp.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.mpdp.dataplane.counters.CounterRecord;
import org.mpdp.dataplane.counters.CountersFile;
import org.mpdp.dataplane.counters.CountersFileDescriptor;
import org.mpdp.dataplane.counters.CountersFileReader;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mpdp stat}: maps a running data plane's counters file read-only and prints its counters,
 * grouped by type, in the manner of AeronStat. Nothing is written to the file.
 */
@Command(name = "stat", mixinStandardHelpOptions = true,
    description = "Print the live counters of a running data plane (read-only; another process).")
public final class StatCommand implements Callable<Integer>
{
    @Option(names = "--file", paramLabel = "PATH", description = "Counters file to read.")
    Path file;

    @Option(names = "--prefix", paramLabel = "NAME", defaultValue = "default",
        description = "Data plane name: reads /dev/shm/mpdp/NAME/counters.dat (default ${DEFAULT-VALUE}).")
    String prefix;

    @Option(names = "--watch", arity = "0..1", fallbackValue = "1", paramLabel = "SECONDS",
        description = "Repeat every SECONDS (default 1) with per-second rates, until Ctrl-C.")
    Double watch;

    @Option(names = "--count", defaultValue = "0", description = "With --watch: stop after this many reports; 0 = until Ctrl-C.")
    int count;

    @Option(names = "--filter", paramLabel = "REGEX", description = "Only counters whose label contains a match.")
    String filter;

    @Option(names = "--json", description = "Print a JSON document (with --watch: one per line).")
    boolean json;

    @Option(names = "--connections", description = "Print the running data plane's connections (keys, tokens, " +
        "subflows, data bytes; with --json as in mpdp analyze --json): each worker writes them between bursts.")
    boolean connections;

    @Option(names = "--stale-after", defaultValue = "3", paramLabel = "SECONDS",
        description = "Call the file stale when its heartbeat is older than this (default ${DEFAULT-VALUE}).")
    double staleAfter;

    @Option(names = "--config", paramLabel = "FILE", description = "Properties file with defaults for these options.")
    String config;

    private final ObjectMapper mapper = new ObjectMapper();

    @Override
    public Integer call() throws Exception
    {
        final Path path = file != null ? file : CountersFile.pathFor(prefix);
        final Pattern pattern = compile(filter);
        if (watch != null && !(watch > 0))
        {
            throw new IllegalArgumentException("watch=" + watch + " must be > 0 seconds");
        }
        final PrintStream out = System.out;
        if (connections)
        {
            if (!java.nio.file.Files.exists(path))
            {
                System.err.println("mpdp stat: " + path + ": no counters file (is mpdp run running?)");
                return 1;
            }
            return ConnectionsStat.print(path.toAbsolutePath().getParent(), json, out);
        }
        try (CountersFileReader reader = CountersFile.openReadOnly(path))
        {
            Map<Integer, Long> previous = null;
            long previousNs = 0;
            for (int report = 1; ; report++)
            {
                final long nowNs = System.nanoTime();
                final List<CounterRecord> records = select(reader.snapshot(), pattern);
                final Map<Integer, Double> rates = previous == null ? null :
                    rates(records, previous, (nowNs - previousNs) / 1e9);
                if (json)
                {
                    printJson(reader, records, rates, out);
                }
                else
                {
                    printText(reader, records, rates, out);
                }
                out.flush();
                if (watch == null || (count > 0 && report >= count))
                {
                    return 0;
                }
                previous = new HashMap<>();
                for (final CounterRecord r : records)
                {
                    previous.put(r.id(), r.value());
                }
                previousNs = nowNs;
                Thread.sleep((long)(watch * 1000));
                if (reader.replaced())
                {
                    System.err.println("mpdp stat: " + path + " was removed or replaced (its writer closed it); stopping");
                    return 0;
                }
            }
        }
    }

    private static Pattern compile(final String regex)
    {
        try
        {
            return regex == null ? null : Pattern.compile(regex);
        }
        catch (final PatternSyntaxException ex)
        {
            throw new IllegalArgumentException("filter=" + regex + " is not a regular expression: " +
                ex.getDescription());
        }
    }

    private static List<CounterRecord> select(final List<CounterRecord> all, final Pattern pattern)
    {
        final List<CounterRecord> records = new ArrayList<>();
        for (final CounterRecord r : all)
        {
            if (pattern == null || pattern.matcher(r.label()).find())
            {
                records.add(r);
            }
        }
        records.sort(Comparator.comparingInt(CounterRecord::typeId).thenComparingInt(CounterRecord::firstKey)
            .thenComparingInt(CounterRecord::secondKey).thenComparingInt(CounterRecord::id));
        return records;
    }

    private static Map<Integer, Double> rates(final List<CounterRecord> records, final Map<Integer, Long> previous,
        final double seconds)
    {
        final Map<Integer, Double> rates = new HashMap<>();
        for (final CounterRecord r : records)
        {
            final Long before = previous.get(r.id());
            if (before != null && seconds > 0)
            {
                rates.put(r.id(), (r.value() - before) / seconds);
            }
        }
        return rates;
    }

    /**
     * @return why the file is stale, or null when its writer looks alive.
     */
    private String staleness(final CountersFileReader reader, final long ageMs)
    {
        if (!reader.writerAlive())
        {
            return "pid " + reader.pid() + " is gone";
        }
        if (ageMs > staleAfter * 1000)
        {
            return String.format(Locale.ROOT, "heartbeat older than %.0f s", staleAfter);
        }
        return null;
    }

    private void printText(final CountersFileReader reader, final List<CounterRecord> records,
        final Map<Integer, Double> rates, final PrintStream out)
    {
        final long now = System.currentTimeMillis();
        final long ageMs = now - reader.heartbeatMs();
        final String stale = staleness(reader, ageMs);
        out.printf(Locale.ROOT, "mpdp stat %s: pid %d, started %s, uptime %.1f s, heartbeat %.1f s ago%s%n",
            reader.path(), reader.pid(), Instant.ofEpochMilli(reader.startTimeMs()), (now - reader.startTimeMs()) / 1e3,
            ageMs / 1e3, stale == null ? "" : " - STALE: " + stale);
        String group = null;
        for (final CounterRecord r : records)
        {
            if (!r.group().equals(group))
            {
                group = r.group();
                out.println("== " + group);
            }
            final Double rate = rates == null ? null : rates.get(r.id());
            if (rate == null)
            {
                out.printf(Locale.ROOT, "%3d: %,20d - %s%n", r.id(), r.value(), r.label());
            }
            else
            {
                out.printf(Locale.ROOT, "%3d: %,20d %,16.1f/s - %s%n", r.id(), r.value(), rate, r.label());
            }
        }
        if (records.isEmpty())
        {
            out.println(filter == null ? "(no counters)" : "(no counter label matches " + filter + ")");
        }
    }

    private void printJson(final CountersFileReader reader, final List<CounterRecord> records,
        final Map<Integer, Double> rates, final PrintStream out) throws Exception
    {
        final long now = System.currentTimeMillis();
        final long heartbeat = reader.heartbeatMs();
        final String stale = staleness(reader, now - heartbeat);
        final ObjectNode root = mapper.createObjectNode();
        root.put("file", reader.path().toString());
        root.put("layoutVersion", CountersFileDescriptor.VERSION);
        root.put("pid", reader.pid());
        root.put("startTimeMs", reader.startTimeMs());
        root.put("startTime", Instant.ofEpochMilli(reader.startTimeMs()).toString());
        root.put("nowMs", now);
        root.put("uptimeMs", now - reader.startTimeMs());
        root.put("heartbeatMs", heartbeat);
        root.put("heartbeatAgeMs", now - heartbeat);
        root.put("stale", stale != null);
        if (stale != null)
        {
            root.put("staleReason", stale);
        }
        final ArrayNode counters = root.putArray("counters");
        for (final CounterRecord r : records)
        {
            final ObjectNode c = counters.addObject();
            c.put("id", r.id());
            c.put("typeId", r.typeId());
            c.put("type", r.group());
            if (r.type() != null && r.type().firstKey() != null)
            {
                c.put(r.type().firstKey(), r.firstKey());
            }
            if (r.type() != null && r.type().secondKey() != null && r.secondKey() != CountersFileDescriptor.NULL_KEY)
            {
                c.put(r.type().secondKey(), r.secondKey());
            }
            if (!r.name().isEmpty())
            {
                c.put("name", r.name());
            }
            c.put("label", r.label());
            c.put("value", r.value());
            final Double rate = rates == null ? null : rates.get(r.id());
            if (rate != null)
            {
                c.put("ratePerSecond", rate);
            }
        }
        out.println(watch != null ? mapper.writeValueAsString(root) :
            mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root));
    }
}
