package org.mpdp.dataplane.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One mapping of the configuration tree and its key path, with typed getters. A getter remembers
 * its key as known, returns the default for a missing or empty value, and for a bad value adds one
 * error line ({@code path.key=value: rule}) and returns the default, so that one pass finds every
 * problem. {@link #finish()} reports the keys no getter asked for, with the nearest known key.
 */
final class Section
{
    /** Returned by {@link #intOrAuto} for {@code auto}. */
    static final int AUTO = -1;
    /** Highest CPU number accepted (the kernel's default CONFIG_NR_CPUS range). */
    static final int MAX_CPU = 1023;

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ns|us|ms|s|m|h)");

    private final String path;
    private final Map<String, Object> values;
    private final List<String> errors;
    private final Set<String> known = new LinkedHashSet<>();

    private Section(final String path, final Map<String, Object> values, final List<String> errors)
    {
        this.path = path;
        this.values = values;
        this.errors = errors;
    }

    /**
     * @param path   key path of the mapping ("" for the top level).
     * @param value  the mapping, or null for an absent section.
     * @param errors where error lines go.
     * @return the section (empty, with an error, when the value is not a mapping).
     */
    @SuppressWarnings("unchecked")
    static Section of(final String path, final Object value, final List<String> errors)
    {
        if (value instanceof Map<?, ?> map)
        {
            return new Section(path, (Map<String, Object>)map, errors);
        }
        if (value != null)
        {
            errors.add((path.isEmpty() ? "the top level" : path + "=" + YamlTree.show(value)) +
                ": must be a mapping of keys to values");
        }
        return new Section(path, Map.of(), errors);
    }

    String path()
    {
        return path;
    }

    String pathOf(final String key)
    {
        return path.isEmpty() ? key : path + "." + key;
    }

    /**
     * @param key a key.
     * @return whether it has a non-empty value (and marks it known).
     */
    boolean has(final String key)
    {
        known.add(key);
        return values.get(key) != null;
    }

    Object raw(final String key)
    {
        known.add(key);
        return values.get(key);
    }

    /**
     * Adds {@code path.key=value: rule}.
     */
    void error(final String key, final String rule)
    {
        errors.add(pathOf(key) + "=" + YamlTree.show(values.get(key)) + ": " + rule);
    }

    /**
     * Adds a line as given (for cross-field rules).
     */
    void errorLine(final String line)
    {
        errors.add(line);
    }

    int errorCount()
    {
        return errors.size();
    }

    int integer(final String key, final int defaultValue, final int min, final int max)
    {
        final Object v = raw(key);
        if (v == null)
        {
            return defaultValue;
        }
        final Long n = v instanceof String s ? parseLong(s) : null;
        if (n == null || n < min || n > max)
        {
            error(key, "must be " + min + ".." + max);
            return defaultValue;
        }
        return (int)(long)n;
    }

    /**
     * @return the number, or {@link #AUTO} for {@code auto} (also the default when absent).
     */
    int intOrAuto(final String key, final int min, final int max)
    {
        final Object v = raw(key);
        if (v == null || "auto".equals(v))
        {
            return AUTO;
        }
        final Long n = v instanceof String s ? parseLong(s) : null;
        if (n == null || n < min || n > max)
        {
            error(key, "must be auto or " + min + ".." + max);
            return AUTO;
        }
        return (int)(long)n;
    }

    boolean bool(final String key, final boolean defaultValue)
    {
        final Object v = raw(key);
        if (v == null)
        {
            return defaultValue;
        }
        if ("true".equals(v) || "false".equals(v))
        {
            return "true".equals(v);
        }
        error(key, "must be true or false");
        return defaultValue;
    }

    String choice(final String key, final String defaultValue, final List<String> allowed)
    {
        final Object v = raw(key);
        if (v == null)
        {
            return defaultValue;
        }
        if (v instanceof String s && allowed.contains(s))
        {
            return s;
        }
        error(key, "must be " + oneOf(allowed));
        return defaultValue;
    }

    String string(final String key, final String defaultValue, final Pattern allowed, final String rule)
    {
        final Object v = raw(key);
        if (v == null)
        {
            return defaultValue;
        }
        if (v instanceof String s && allowed.matcher(s).matches())
        {
            return s;
        }
        error(key, rule);
        return defaultValue;
    }

    /**
     * @return the path, or the default (which may be null: the output is off) when absent.
     */
    Path path(final String key, final Path defaultValue)
    {
        final Object v = raw(key);
        if (v == null)
        {
            return defaultValue;
        }
        if (v instanceof String s && !s.isBlank() && s.indexOf('\0') < 0)
        {
            return Path.of(s);
        }
        error(key, "must be a file path");
        return defaultValue;
    }

    /**
     * A duration written with a unit: {@code 500ns}, {@code 10us}, {@code 250ms}, {@code 30s},
     * {@code 5m}, {@code 1h}.
     *
     * @return nanoseconds.
     */
    long nanos(final String key, final long defaultNanos, final long minNanos, final long maxNanos)
    {
        final Object v = raw(key);
        if (v == null)
        {
            return defaultNanos;
        }
        final long n = v instanceof String s ? parseNanos(s) : -1;
        if (n < minNanos || n > maxNanos)
        {
            error(key, "must be a duration " + showNanos(minNanos) + ".." + showNanos(maxNanos) +
                " with a unit (ns, us, ms, s, m, h)");
            return defaultNanos;
        }
        return n;
    }

    List<String> strings(final String key)
    {
        final Object v = raw(key);
        if (v == null)
        {
            return List.of();
        }
        if (v instanceof List<?> list && list.stream().allMatch(e -> e instanceof String))
        {
            return list.stream().map(String.class::cast).toList();
        }
        error(key, "must be a list of strings");
        return List.of();
    }

    /**
     * @return CPU numbers, an empty list when absent, or null for {@code auto} when allowed.
     */
    List<Integer> cpus(final String key, final boolean autoAllowed)
    {
        final Object v = raw(key);
        if (v == null || autoAllowed && "auto".equals(v))
        {
            return v == null ? List.of() : null;
        }
        if (!(v instanceof List<?> list))
        {
            error(key, "must be " + (autoAllowed ? "auto or " : "") + "a list of CPU numbers, e.g. [1, 2]");
            return List.of();
        }
        final List<Integer> cpus = new ArrayList<>();
        for (int i = 0; i < list.size(); i++)
        {
            final Long n = list.get(i) instanceof String s ? parseLong(s) : null;
            if (n == null || n < 0 || n > MAX_CPU)
            {
                errors.add(pathOf(key) + "[" + i + "]=" + YamlTree.show(list.get(i)) + ": must be a CPU number 0.." +
                    MAX_CPU);
            }
            else
            {
                cpus.add((int)(long)n);
            }
        }
        return List.copyOf(cpus);
    }

    Section section(final String key)
    {
        return of(pathOf(key), raw(key), errors);
    }

    /**
     * @return one section per element of a list of mappings.
     */
    List<Section> sections(final String key)
    {
        final Object v = raw(key);
        if (v == null)
        {
            return List.of();
        }
        if (!(v instanceof List<?> list))
        {
            error(key, "must be a list of mappings (one '- ' entry each)");
            return List.of();
        }
        final List<Section> sections = new ArrayList<>();
        for (int i = 0; i < list.size(); i++)
        {
            sections.add(of(pathOf(key) + "[" + i + "]", list.get(i), errors));
        }
        return sections;
    }

    /**
     * @return the section's keys (all known: for mappings whose keys are data, such as the policy).
     */
    Set<String> keys()
    {
        known.addAll(values.keySet());
        return values.keySet();
    }

    /**
     * Reports every key no getter asked for.
     */
    void finish()
    {
        for (final String key : values.keySet())
        {
            if (!known.contains(key))
            {
                errors.add(unknown(pathOf(key), "key", key, known, path.isEmpty() ? "top-level keys" : path + " keys"));
            }
        }
    }

    /**
     * @param fullPath  the unknown key's path.
     * @param noun      what it is ("key", "reason").
     * @param key       its last segment.
     * @param valid     the keys allowed there.
     * @param validName how to name them when none is near.
     * @return {@code path: unknown key, did you mean path'?} or the list of valid keys.
     */
    static String unknown(final String fullPath, final String noun, final String key,
        final Collection<String> valid, final String validName)
    {
        final String nearest = nearest(key, valid);
        if (nearest != null)
        {
            return fullPath + ": unknown " + noun + ", did you mean " +
                fullPath.substring(0, fullPath.length() - key.length()) + nearest + "?";
        }
        return fullPath + ": unknown " + noun + " (" + validName + ": " + String.join(", ", valid) + ")";
    }

    /**
     * @return the candidate nearest to {@code key} by edit distance, or null when none is within
     * half its length (at least 2 edits).
     */
    static String nearest(final String key, final Collection<String> candidates)
    {
        String best = null;
        int bestDistance = Math.max(2, key.length() / 2) + 1;
        for (final String c : candidates)
        {
            final int d = distance(key, c);
            if (d < bestDistance)
            {
                best = c;
                bestDistance = d;
            }
        }
        return best;
    }

    private static int distance(final String a, final String b)
    {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++)
        {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++)
        {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++)
            {
                final int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j], cur[j - 1]) + 1);
            }
            final int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    static String oneOf(final List<String> allowed)
    {
        if (allowed.size() == 1)
        {
            return allowed.getFirst();
        }
        return String.join(", ", allowed.subList(0, allowed.size() - 1)) + " or " + allowed.getLast();
    }

    private static Long parseLong(final String s)
    {
        if (s.isEmpty() || s.length() > 18)
        {
            return null;
        }
        for (int i = s.charAt(0) == '-' ? 1 : 0; i < s.length(); i++)
        {
            if (s.charAt(i) < '0' || s.charAt(i) > '9')
            {
                return null;
            }
        }
        return s.equals("-") ? null : Long.parseLong(s);
    }

    private static long parseNanos(final String s)
    {
        final var m = DURATION.matcher(s.strip());
        if (!m.matches() || m.group(1).length() > 12)
        {
            return -1;
        }
        final long n = Long.parseLong(m.group(1));
        return switch (m.group(2))
        {
            case "ns" -> n;
            case "us" -> n * 1_000L;
            case "ms" -> n * 1_000_000L;
            case "s" -> n * 1_000_000_000L;
            case "m" -> n * 60_000_000_000L;
            default -> n * 3_600_000_000_000L;
        };
    }

    /**
     * @param nanos a duration.
     * @return it in the largest unit that divides it ({@code 30s}, {@code 250ms}).
     */
    static String showNanos(final long nanos)
    {
        final long[] units = {3_600_000_000_000L, 60_000_000_000L, 1_000_000_000L, 1_000_000L, 1_000L};
        final String[] names = {"h", "m", "s", "ms", "us"};
        for (int i = 0; i < units.length; i++)
        {
            if (nanos != 0 && nanos % units[i] == 0)
            {
                return nanos / units[i] + names[i];
            }
        }
        return nanos + "ns";
    }
}
