package org.mpdp.dataplane.telemetry;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import org.mpdp.dataplane.counters.CounterRecord;
import org.mpdp.dataplane.counters.CounterType;
import org.mpdp.dataplane.counters.CountersFileDescriptor;
import org.mpdp.dpdk.Telemetry;

/**
 * Telemetry dict keys for counters, deterministic for a given set of counters.
 *
 * <ol>
 *   <li>A typed counter: {@code <type>/<first key>/<second key>/<name>}, a key part left out when it is
 *       {@link CountersFileDescriptor#NULL_KEY}, e.g. {@code port_queue/0/1/rx}, {@code port/1/imissed},
 *       {@code worker/2/packets}. {@code <type>} is {@link #token(int)}.</li>
 *   <li>A counter with a label only: {@code other/<label>}.</li>
 *   <li>Every character DPDK refuses in a key (anything but {@code [A-Za-z0-9_/]}) becomes {@code _}:
 *       {@code tx-dropped} is {@code tx_dropped}, a key int -5 is {@code _5}.</li>
 *   <li>A key longer than {@link Telemetry#MAX_KEY_LENGTH} is cut and ends in {@code _<counter id>}; so does a
 *       key equal to one an earlier counter (lower id) already has in the same reply (then {@code _<id>_<n>}
 *       if that too is taken).</li>
 * </ol>
 * Every counter key contains a {@code /}; keys without one (e.g. {@code truncated}) are free for the reply itself.
 */
final class CounterKeys
{
    private final Set<String> used = new HashSet<>();

    /**
     * @param typeId a counter type id.
     * @return the type's token, e.g. {@code port_queue}, or {@code type<id>} for an id this version does not know.
     */
    static String token(final int typeId)
    {
        final CounterType type = CounterType.of(typeId);
        return type != null ? type.name().toLowerCase(Locale.ROOT) : "type" + typeId;
    }

    /**
     * @param token a type token given by a client.
     * @return its type id, or -1 when no type has that token.
     */
    static int typeIdOf(final String token)
    {
        for (final CounterType type : CounterType.values())
        {
            if (type.name().toLowerCase(Locale.ROOT).equals(token))
            {
                return type.id();
            }
        }
        return -1;
    }

    /**
     * @return every type token, for help and error texts.
     */
    static String tokens()
    {
        final StringBuilder b = new StringBuilder();
        for (final CounterType type : CounterType.values())
        {
            b.append(b.isEmpty() ? "" : "|").append(type.name().toLowerCase(Locale.ROOT));
        }
        return b.toString();
    }

    /**
     * @param r a counter.
     * @return its key by rules 1-3 and the length rule, not yet made unique.
     */
    static String base(final CounterRecord r)
    {
        final StringBuilder b = new StringBuilder(token(r.typeId())).append('/');
        if (r.name().isEmpty())
        {
            b.append(r.label());
        }
        else
        {
            if (r.firstKey() != CountersFileDescriptor.NULL_KEY)
            {
                b.append(r.firstKey()).append('/');
            }
            if (r.secondKey() != CountersFileDescriptor.NULL_KEY)
            {
                b.append(r.secondKey()).append('/');
            }
            b.append(r.name());
        }
        for (int i = 0; i < b.length(); i++)
        {
            if (!Telemetry.isNameChar(b.charAt(i)))
            {
                b.setCharAt(i, '_');
            }
        }
        return b.length() > Telemetry.MAX_KEY_LENGTH ? withId(b.toString(), r.id()) : b.toString();
    }

    /**
     * @param r a counter; call in id order.
     * @return its key, unique among the keys this instance has returned.
     */
    String unique(final CounterRecord r)
    {
        final String base = base(r);
        if (used.add(base))
        {
            return base;
        }
        // Distinct suffixes, so this ends: _<id>, then _<id>_1, _<id>_2, ... for keys already ending in _<id>.
        for (int n = 0; ; n++)
        {
            final String key = cut(base, n == 0 ? "_" + r.id() : "_" + r.id() + "_" + n);
            if (used.add(key))
            {
                return key;
            }
        }
    }

    private static String withId(final String key, final int id)
    {
        return cut(key, "_" + id);
    }

    private static String cut(final String key, final String suffix)
    {
        return key.substring(0, Math.min(key.length(), Telemetry.MAX_KEY_LENGTH - suffix.length())) + suffix;
    }
}
