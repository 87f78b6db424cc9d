package org.mpdp.robe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.mpdp.robe.mode.Mode;
import org.mpdp.robe.net.Ipv4;

/**
 * The {@code robe:} section of an {@code mpdp run} YAML file (the rest of the file is the data plane's
 * {@code RunConfig}: ports, layout, pools, counters...).
 *
 * <pre>
 * robe:
 *   mode: sim                 # plain | timer | sim | esim | ips | sim+ips | timer+ips
 *   timer: 250ms              # RobE_TIMER attempt delay
 *   paths:                    # paths[0] is the default route
 *     - port: 0               # index into ports:
 *       address: 198.18.1.20  # the box's address on this path
 *       gateway: 198.18.1.2   # next hop (ARP); equal to remote when on-link
 *       remote: 198.18.1.2    # the server's address on this path
 *   esim: {...}               # read by org.mpdp.robe.esim
 * </pre>
 *
 * @param mode       the default mode.
 * @param timerNanos TIMER's attempt delay.
 * @param paths      the paths, in order.
 * @param esim       the {@code esim:} mapping as read (empty when absent).
 */
public record RobeConfig(Mode mode, long timerNanos, List<PathSpec> paths, Map<String, Object> esim)
{
    /** Default {@code robe.timer} (see README "RobE": why 250 ms). */
    public static final long DEFAULT_TIMER_NANOS = 250_000_000L;
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(us|ms|s)");

    /**
     * One path.
     *
     * @param port    index into {@code ports:}.
     * @param address the box's address, host order.
     * @param gateway next hop.
     * @param remote  the server's address.
     */
    public record PathSpec(int port, int address, int gateway, int remote)
    {
    }

    /**
     * Reads the {@code robe:} section.
     *
     * @param file      the YAML file.
     * @param portCount entries of its {@code ports:} (for checking {@code port}).
     * @return the section.
     * @throws IllegalArgumentException one message naming the key.
     * @throws IOException when the file cannot be read.
     */
    @SuppressWarnings("unchecked")
    public static RobeConfig load(final Path file, final int portCount) throws IOException
    {
        final Object tree = new ObjectMapper(new YAMLFactory()).readValue(Files.readString(file), Object.class);
        if (!(tree instanceof Map<?, ?> top) || !(top.get("robe") instanceof Map<?, ?> robe))
        {
            throw new IllegalArgumentException(file + ": no robe: section (robe.paths is needed)");
        }
        final Map<String, Object> r = (Map<String, Object>)robe;
        for (final String key : r.keySet())
        {
            if (!List.of("mode", "timer", "paths", "esim").contains(key))
            {
                throw new IllegalArgumentException(file + ": robe." + key + ": unknown key (mode, timer, paths, esim)");
            }
        }
        final Mode mode = r.get("mode") == null ? Mode.PLAIN : Mode.of(String.valueOf(r.get("mode")));
        final long timer = r.get("timer") == null ? DEFAULT_TIMER_NANOS : duration(String.valueOf(r.get("timer")));
        if (!(r.get("paths") instanceof List<?> list) || list.isEmpty())
        {
            throw new IllegalArgumentException(file + ": robe.paths: a list of at least one path is needed");
        }
        final List<PathSpec> paths = new ArrayList<>();
        for (int i = 0; i < list.size(); i++)
        {
            if (!(list.get(i) instanceof Map<?, ?> p))
            {
                throw new IllegalArgumentException(file + ": robe.paths[" + i + "]: must be a mapping");
            }
            final String at = "robe.paths[" + i + "]";
            final int port = p.get("port") == null ? 0 : Integer.parseInt(String.valueOf(p.get("port")));
            if (port < 0 || port >= portCount)
            {
                throw new IllegalArgumentException(file + ": " + at + ".port=" + port + ": no such port (ports: has " +
                    portCount + ")");
            }
            final int address = address(p, "address", at, file);
            final int remote = address(p, "remote", at, file);
            final int gateway = p.get("gateway") == null ? remote : address(p, "gateway", at, file);
            paths.add(new PathSpec(port, address, gateway, remote));
        }
        final Map<String, Object> esim = r.get("esim") instanceof Map<?, ?> e ? (Map<String, Object>)e : Map.of();
        return new RobeConfig(mode, timer, List.copyOf(paths), esim);
    }

    private static int address(final Map<?, ?> p, final String key, final String at, final Path file)
    {
        final Object v = p.get(key);
        if (v == null)
        {
            throw new IllegalArgumentException(file + ": " + at + "." + key + ": missing (an IPv4 address)");
        }
        try
        {
            return Ipv4.parse(String.valueOf(v));
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException(file + ": " + at + "." + key + "=" + v + ": not an IPv4 address");
        }
    }

    /**
     * @param text e.g. {@code 250ms}, {@code 1s}, {@code 500us}.
     * @return nanoseconds.
     */
    public static long duration(final String text)
    {
        final Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches())
        {
            throw new IllegalArgumentException("duration=" + text + ": e.g. 250ms, 1s, 10s");
        }
        final long n = Long.parseLong(m.group(1));
        return switch (m.group(2))
        {
            case "us" -> n * 1_000L;
            case "ms" -> n * 1_000_000L;
            default -> n * 1_000_000_000L;
        };
    }
}
