package org.mpdp.dataplane.config;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code --set key.path=value}: sets one value in the tree read from the file, before validation.
 * The path is dot-separated keys, each optionally indexed ({@code ports[1].queues}); an index equal
 * to the list's length appends an entry. The value is read as YAML, so {@code 2}, {@code [1, 2]} and
 * {@code 0000:01:00.0} are typed exactly as they would be in the file; an empty value removes the key
 * (back to its default).
 */
final class Overrides
{
    private static final Pattern SEGMENT = Pattern.compile("([A-Za-z0-9_-]+)(?:\\[(\\d{1,4})])?");

    private Overrides()
    {
    }

    /**
     * @param root      the file's tree (a mapping, changed in place).
     * @param overrides {@code key.path=value} strings.
     * @param errors    where a malformed override's line goes.
     */
    static void apply(final Map<String, Object> root, final List<String> overrides, final List<String> errors)
    {
        for (final String override : overrides)
        {
            final String problem = applyOne(root, override);
            if (problem != null)
            {
                errors.add("--set " + override + ": " + problem);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static String applyOne(final Map<String, Object> root, final String override)
    {
        final int eq = override.indexOf('=');
        if (eq <= 0)
        {
            return "must be key.path=value, e.g. ports[0].queues=2";
        }
        final Object value;
        try
        {
            value = YamlTree.read(new StringReader(override.substring(eq + 1)));
        }
        catch (final YamlTree.SyntaxError ex)
        {
            return "the value is not valid YAML: " + ex.getMessage();
        }
        catch (final IOException ex)
        {
            return ex.getMessage();
        }
        final String[] segments = override.substring(0, eq).strip().split("\\.", -1);
        Map<String, Object> map = root;
        String walked = "";
        for (int i = 0; i < segments.length; i++)
        {
            final Matcher m = SEGMENT.matcher(segments[i]);
            if (!m.matches())
            {
                return "'" + segments[i] + "' is not a key or key[index]";
            }
            final String key = m.group(1);
            final boolean last = i == segments.length - 1;
            walked = walked.isEmpty() ? key : walked + "." + key;
            if (m.group(2) == null)
            {
                if (last)
                {
                    put(map, key, value);
                    return null;
                }
                final Object next = map.computeIfAbsent(key, k -> new LinkedHashMap<String, Object>());
                if (!(next instanceof Map<?, ?>))
                {
                    return walked + " is a value, not a section";
                }
                map = (Map<String, Object>)next;
                continue;
            }
            final int index = Integer.parseInt(m.group(2));
            final Object listValue = map.computeIfAbsent(key, k -> new ArrayList<Object>());
            if (!(listValue instanceof List<?>))
            {
                return walked + " is not a list";
            }
            final List<Object> list = (List<Object>)listValue;
            if (index > list.size())
            {
                return walked + " has " + list.size() + " entries (use " + key + "[" + list.size() + "] to add one)";
            }
            walked = walked + "[" + index + "]";
            if (last)
            {
                if (index == list.size())
                {
                    list.add(value);
                }
                else
                {
                    list.set(index, value);
                }
                return null;
            }
            if (index == list.size())
            {
                list.add(new LinkedHashMap<String, Object>());
            }
            if (!(list.get(index) instanceof Map<?, ?>))
            {
                list.set(index, list.get(index) == null ? new LinkedHashMap<String, Object>() : list.get(index));
                if (!(list.get(index) instanceof Map<?, ?>))
                {
                    return walked + " is a value, not a section";
                }
            }
            map = (Map<String, Object>)list.get(index);
        }
        return null;
    }

    private static void put(final Map<String, Object> map, final String key, final Object value)
    {
        if (value == null)
        {
            map.remove(key);
        }
        else
        {
            map.put(key, value);
        }
    }
}
