package org.mpdp.dataplane.testing;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The final counters {@code mpdp run} prints at a clean stop ("mpdp run: counters (non-zero):", then one
 * {@code "  VALUE  LABEL"} line each), read back for the live tests' accounting checks.
 */
public final class RunCounters
{
    private static final String HEADING = "mpdp run: counters (non-zero):";
    private static final Pattern COUNTER = Pattern.compile("^\\s+([0-9,]+)  (.+)$");

    private RunCounters()
    {
    }

    /**
     * @param output {@code mpdp run}'s standard output (or its log).
     * @return label to value, in printed order; empty when the output holds no counters.
     */
    public static Map<String, Long> parse(final String output)
    {
        final Map<String, Long> counters = new LinkedHashMap<>();
        boolean in = false;
        for (final String line : output.lines().toList())
        {
            if (line.startsWith(HEADING))
            {
                in = true;
                continue;
            }
            final Matcher m = COUNTER.matcher(line);
            in = in && m.matches();
            if (in)
            {
                counters.put(m.group(2), Long.parseLong(m.group(1).replace(",", "")));
            }
        }
        return counters;
    }

    /**
     * @param counters what {@link #parse} returned.
     * @param regex    a label pattern, matched whole.
     * @return the sum of every counter whose label matches (absent = 0: only non-zero ones are printed).
     */
    public static long sum(final Map<String, Long> counters, final String regex)
    {
        final Pattern p = Pattern.compile(regex);
        return counters.entrySet().stream().filter(e -> p.matcher(e.getKey()).matches()).mapToLong(Map.Entry::getValue)
            .sum();
    }
}
