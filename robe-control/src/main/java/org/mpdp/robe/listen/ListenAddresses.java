package org.mpdp.robe.listen;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.mpdp.dataplane.config.RunConfig;
import org.mpdp.robe.esim.EsimSubtypes;
import org.mpdp.robe.net.Ipv4;

/**
 * What {@code robe listen} listens on: an IPv4 address per port, and the eSIM subtypes. The addresses are
 * {@code robe.paths[].address} (with {@code port}; {@code gateway} and {@code remote} are the client's business
 * and ignored here) or, without a {@code robe:} section, the {@code control.responder} IPv4 addresses. The
 * subtypes are {@code robe.esim} ({@link EsimSubtypes#of}).
 *
 * @param ips         addresses.
 * @param configPorts index into {@code ports[]} of each address.
 * @param subtypes    eSIM subtypes.
 */
record ListenAddresses(int[] ips, int[] configPorts, EsimSubtypes subtypes)
{
    @SuppressWarnings("unchecked")
    static ListenAddresses of(final Path file, final RunConfig run) throws IOException
    {
        final Object tree = new ObjectMapper(new YAMLFactory()).readValue(Files.readString(file), Object.class);
        final Map<String, Object> robe = tree instanceof Map<?, ?> top && top.get("robe") instanceof Map<?, ?> r ?
            (Map<String, Object>)r : Map.of();
        final EsimSubtypes subtypes = EsimSubtypes.of(robe.get("esim") instanceof Map<?, ?> e ?
            (Map<String, Object>)e : Map.of());
        if (robe.get("paths") instanceof List<?> paths && !paths.isEmpty())
        {
            final int[] ips = new int[paths.size()];
            final int[] ports = new int[paths.size()];
            for (int i = 0; i < ips.length; i++)
            {
                final String at = "robe.paths[" + i + "]";
                if (!(paths.get(i) instanceof Map<?, ?> p) || p.get("address") == null)
                {
                    throw new IllegalArgumentException(file + ": " + at + ".address: missing (an IPv4 address)");
                }
                ips[i] = Ipv4.parse(String.valueOf(p.get("address")));
                ports[i] = p.get("port") == null ? 0 : Integer.parseInt(String.valueOf(p.get("port")));
                if (ports[i] < 0 || ports[i] >= run.ports().size())
                {
                    throw new IllegalArgumentException(file + ": " + at + ".port=" + ports[i] + ": no such port");
                }
            }
            return new ListenAddresses(ips, ports, subtypes);
        }
        final var v4 = run.control().responder().stream().filter(a -> a.ipv4Text() != null).toList();
        if (v4.isEmpty())
        {
            throw new IllegalArgumentException(file + ": neither robe.paths nor control.responder has an IPv4 " +
                "address to listen on");
        }
        final int[] ips = new int[v4.size()];
        final int[] ports = new int[v4.size()];
        for (int i = 0; i < ips.length; i++)
        {
            ips[i] = v4.get(i).ipv4();
            ports[i] = v4.get(i).port();
        }
        return new ListenAddresses(ips, ports, subtypes);
    }

    String describe(final int port)
    {
        final StringJoiner j = new StringJoiner(", ");
        for (int i = 0; i < ips.length; i++)
        {
            j.add(((ips[i] >>> 24) & 0xFF) + "." + ((ips[i] >>> 16) & 0xFF) + "." + ((ips[i] >>> 8) & 0xFF) + "." +
                (ips[i] & 0xFF) + ":" + port + " (port " + configPorts[i] + ")");
        }
        return j.toString();
    }
}
