package org.mpdp.robe.listen;

import java.nio.file.Path;
import java.util.StringJoiner;

import org.mpdp.dataplane.config.RunConfig;
import org.mpdp.robe.esim.EsimSubtypes;

/**
 * What {@code robe listen} listens on: an IPv4 address per port and the eSIM subtypes. Taken from the
 * configuration's {@code control.responder} addresses (which also get ARP and ICMP answers).
 *
 * @param ips         addresses.
 * @param configPorts index into {@code ports[]} of each address.
 * @param subtypes    eSIM subtypes.
 */
record ListenAddresses(int[] ips, int[] configPorts, EsimSubtypes subtypes)
{
    static ListenAddresses of(final Path file, final RunConfig run)
    {
        final var v4 = run.control().responder().stream().filter(a -> a.ipv4Text() != null).toList();
        if (v4.isEmpty())
        {
            throw new IllegalArgumentException(file + ": control.responder has no IPv4 address to listen on");
        }
        final int[] ips = new int[v4.size()];
        final int[] ports = new int[v4.size()];
        for (int i = 0; i < ips.length; i++)
        {
            ips[i] = v4.get(i).ipv4();
            ports[i] = v4.get(i).port();
        }
        return new ListenAddresses(ips, ports, EsimSubtypes.DEFAULTS);
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
