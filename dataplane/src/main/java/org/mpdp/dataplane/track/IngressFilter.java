package org.mpdp.dataplane.track;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

import org.mpdp.dataplane.wire.ParsedPacket;

/**
 * Ingress source validation per port (BCP 38 / RFC 2827 ingress filtering, RFC 3704 2.2 in the
 * strict sense of "the sources that may arrive on this link"): each port may list the IP prefixes
 * its packets' sources must fall in; an IP packet entering that port from any other source is
 * {@link Reason#SOURCE_NOT_ALLOWED}. A port without a list accepts every source. A list that holds
 * only IPv4 prefixes refuses every IPv6 source on that port, and the other way round (list
 * {@code fe80::/10} for IPv6 neighbour discovery).
 *
 * <p>Why a middlebox needs it: a SYN flood from spoofed sources is indistinguishable from real
 * clients at the TCP/MPTCP level (a spoofed MP_CAPABLE SYN carries nothing to verify), so a half-open
 * budget can only bound the state it takes; the SYNs inside the budget still reach the server.
 * Sources outside the prefixes a port can legitimately carry are refused before tracking, so they
 * take no state and never reach the server; spoofs inside the prefixes are left to {@link HalfOpen}.
 *
 * <p>Built once from the configuration; {@link #allows} reads only primitive arrays (no allocation).
 */
public final class IngressFilter
{
    /** Accepts everything on every port. */
    public static final IngressFilter NONE = new IngressFilter(new int[0][], new long[0][]);

    private static final Pattern LITERAL = Pattern.compile("[0-9A-Fa-f.:]+");
    private static final Pattern IPV4 = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");

    // Per port id: null (no list: any source) or the prefixes, v4 as (network, mask), v6 as (high, low, maskHigh, maskLow).
    private final int[][] v4;
    private final long[][] v6;

    private IngressFilter(final int[][] v4, final long[][] v6)
    {
        this.v4 = v4;
        this.v6 = v6;
    }

    /**
     * @param portIds      DPDK port id of each configured port, in configuration order.
     * @param sources      the prefixes of each configured port ({@code 198.18.2.0/24}, {@code fe80::/10}),
     *                     an empty list for any source.
     * @param portIdLimit  one above the largest port id.
     * @return the filter.
     * @throws IllegalArgumentException when a prefix does not parse ({@link #checkPrefix} says why).
     */
    public static IngressFilter of(final int[] portIds, final List<List<String>> sources, final int portIdLimit)
    {
        final int[][] v4 = new int[portIdLimit][];
        final long[][] v6 = new long[portIdLimit][];
        boolean any = false;
        for (int i = 0; i < portIds.length && i < sources.size(); i++)
        {
            final List<String> list = sources.get(i);
            if (list.isEmpty())
            {
                continue;
            }
            any = true;
            int n4 = 0;
            int n6 = 0;
            final int[] a4 = new int[2 * list.size()];
            final long[] a6 = new long[4 * list.size()];
            for (final String prefix : list)
            {
                final String problem = checkPrefix(prefix);
                if (problem != null)
                {
                    throw new IllegalArgumentException("ports[" + i + "].sources: " + prefix + ": " + problem);
                }
                final byte[] address = address(prefix);
                final int bits = Integer.parseInt(prefix.substring(prefix.indexOf('/') + 1));
                if (address.length == 4)
                {
                    final int mask = bits == 0 ? 0 : -1 << (32 - bits);
                    a4[n4++] = ByteBuffer.wrap(address).getInt() & mask;
                    a4[n4++] = mask;
                }
                else
                {
                    final ByteBuffer b = ByteBuffer.wrap(address);
                    final long maskHigh = bits == 0 ? 0 : bits >= 64 ? -1L : -1L << (64 - bits);
                    final long maskLow = bits <= 64 ? 0 : bits == 128 ? -1L : -1L << (128 - bits);
                    a6[n6++] = b.getLong() & maskHigh;
                    a6[n6++] = b.getLong() & maskLow;
                    a6[n6++] = maskHigh;
                    a6[n6++] = maskLow;
                }
            }
            v4[portIds[i]] = Arrays.copyOf(a4, n4);
            v6[portIds[i]] = Arrays.copyOf(a6, n6);
        }
        return any ? new IngressFilter(v4, v6) : NONE;
    }

    /**
     * @param prefix a configuration value.
     * @return null when it is an address literal with a prefix length ({@code 198.18.2.0/24},
     *         {@code 2001:db8::/32}), else what is wrong.
     */
    public static String checkPrefix(final String prefix)
    {
        final int slash = prefix.indexOf('/');
        if (slash < 0 || !LITERAL.matcher(prefix.substring(0, slash)).matches())
        {
            return "must be an IPv4 or IPv6 prefix, e.g. 198.18.2.0/24 or fe80::/10";
        }
        final byte[] address;
        try
        {
            address = address(prefix);
        }
        catch (final IllegalArgumentException ex)
        {
            return "not an IP address literal";
        }
        final int max = address.length * 8;
        final String len = prefix.substring(slash + 1);
        if (!len.matches("[0-9]{1,3}") || Integer.parseInt(len) > max)
        {
            return "prefix length must be 0.." + max;
        }
        return null;
    }

    private static byte[] address(final String prefix)
    {
        final String text = prefix.substring(0, prefix.indexOf('/'));
        try
        {
            // A literal (checked by the pattern): no name lookup happens.
            // InetAddress takes legacy IPv4 forms (198.18.2 is 198.18.0.2): only the four-part form is allowed here.
            if (text.indexOf(':') < 0 && !IPV4.matcher(text).matches())
            {
                throw new IllegalArgumentException(text);
            }
            final InetAddress a = InetAddress.getByName(text);
            if (text.indexOf(':') >= 0 != a instanceof Inet6Address || !(a instanceof Inet4Address || a instanceof Inet6Address))
            {
                throw new IllegalArgumentException(text);
            }
            return a.getAddress();
        }
        catch (final UnknownHostException ex)
        {
            throw new IllegalArgumentException(text, ex);
        }
    }

    /**
     * @return whether some port has a list.
     */
    public boolean active()
    {
        return this != NONE;
    }

    /**
     * @param port DPDK port id the packet entered on.
     * @param p    the parsed packet.
     * @return whether its source may enter on that port: always for non-IP frames and ports without a list.
     */
    public boolean allows(final int port, final ParsedPacket p)
    {
        if (port >= v4.length || v4[port] == null || (p.ipVersion != 4 && p.ipVersion != 6))
        {
            return true;
        }
        if (p.ipVersion == 4)
        {
            final int[] a = v4[port];
            final int src = p.srcV4;
            for (int i = 0; i < a.length; i += 2)
            {
                if ((src & a[i + 1]) == a[i])
                {
                    return true;
                }
            }
            return false;
        }
        final long[] a = v6[port];
        final long high = p.srcV6High;
        final long low = p.srcV6Low;
        for (int i = 0; i < a.length; i += 4)
        {
            if ((high & a[i + 2]) == a[i] && (low & a[i + 3]) == a[i + 1])
            {
                return true;
            }
        }
        return false;
    }
}
