package org.mpdp.dataplane.inet;

/**
 * Addresses and endpoints as text, the way tshark, {@code ip} and {@code ss} print them: IPv4 dotted
 * quad, IPv6 in the RFC 5952 recommended form, endpoints as {@code a.b.c.d:port} and
 * {@code [v6]:port} (RFC 5952 section 6). For reports, not for the packet path (it allocates).
 *
 * <p>RFC 5952 section 4: no leading zeros in a group (4.1); "::" replaces the longest run of two or
 * more zero groups (4.2.1, 4.2.2), the leftmost one on a tie (4.2.3); lower-case hex digits (4.3).
 * Section 5: an IPv4-mapped address ({@code ::ffff:0:0/96}) ends in its dotted quad,
 * {@code ::ffff:192.0.2.1}.
 */
public final class InetText
{
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final int GROUPS = 8;
    private static final long MAPPED_PREFIX = 0xFFFFL;

    private InetText()
    {
    }

    /**
     * @param address IPv4 address, most significant byte first.
     * @return dotted quad, e.g. {@code 192.0.2.1}.
     */
    public static String ipv4(final int address)
    {
        return (address >>> 24) + "." + (address >>> 16 & 0xFF) + "." + (address >>> 8 & 0xFF) + "." + (address & 0xFF);
    }

    /**
     * @param high first 64 bits of the address, network order read as a big-endian long.
     * @param low  last 64 bits.
     * @return RFC 5952 text, e.g. {@code 2001:db8::1}.
     */
    public static String ipv6(final long high, final long low)
    {
        final StringBuilder b = new StringBuilder(39);
        if (high == 0 && low >>> 32 == MAPPED_PREFIX)
        {
            return b.append("::ffff:").append(ipv4((int)low)).toString();
        }
        final int[] g = new int[GROUPS];
        for (int i = 0; i < 4; i++)
        {
            g[i] = (int)(high >>> (48 - 16 * i)) & 0xFFFF;
            g[i + 4] = (int)(low >>> (48 - 16 * i)) & 0xFFFF;
        }
        // The longest run of zero groups, leftmost on ties; a single zero group is not compressed.
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < GROUPS; )
        {
            if (g[i] != 0)
            {
                i++;
                continue;
            }
            int j = i;
            while (j < GROUPS && g[j] == 0)
            {
                j++;
            }
            if (j - i > bestLength)
            {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        for (int i = 0; i < GROUPS; i++)
        {
            if (i == bestStart)
            {
                b.append("::");
                i += bestLength - 1;
                continue;
            }
            if (i > 0 && i != bestStart + bestLength)
            {
                b.append(':');
            }
            hex(b, g[i]);
        }
        return b.toString();
    }

    /**
     * @param version 4 or 6.
     * @param high    IPv6: first 64 bits; IPv4: unused.
     * @param low     IPv6: last 64 bits; IPv4: the address in the low 32 bits.
     * @param port    TCP port.
     * @return {@code 192.0.2.1:80} or {@code [2001:db8::1]:80}.
     */
    public static String endpoint(final int version, final long high, final long low, final int port)
    {
        return version == 4 ? ipv4((int)low) + ":" + port : "[" + ipv6(high, low) + "]:" + port;
    }

    /**
     * @param address 4 or 16 bytes, network order.
     * @return {@link #ipv4} or {@link #ipv6} text.
     */
    public static String address(final byte[] address)
    {
        if (address.length == 4)
        {
            return ipv4(java.nio.ByteBuffer.wrap(address).getInt());
        }
        if (address.length == 16)
        {
            final java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(address);
            return ipv6(b.getLong(), b.getLong());
        }
        throw new IllegalArgumentException("address length=" + address.length + " (4 or 16)");
    }

    private static void hex(final StringBuilder b, final int group)
    {
        boolean started = false;
        for (int shift = 12; shift >= 0; shift -= 4)
        {
            final int digit = group >>> shift & 0xF;
            if (digit != 0 || started || shift == 0)
            {
                b.append(HEX[digit]);
                started = true;
            }
        }
    }
}
