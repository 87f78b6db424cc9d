package org.mpdp.robe.net;

/**
 * IPv4 addresses as host-order ints (as {@code ParsedPacket.dstV4} and the responder config hold them).
 */
public final class Ipv4
{
    private Ipv4()
    {
    }

    /**
     * @param text dotted quad.
     * @return the address, host order.
     * @throws IllegalArgumentException when it is not one.
     */
    public static int parse(final String text)
    {
        final String[] parts = text.trim().split("\\.");
        if (parts.length != 4)
        {
            throw new IllegalArgumentException("not an IPv4 address: " + text);
        }
        int address = 0;
        for (final String p : parts)
        {
            final int octet;
            try
            {
                octet = Integer.parseInt(p);
            }
            catch (final NumberFormatException ex)
            {
                throw new IllegalArgumentException("not an IPv4 address: " + text);
            }
            if (octet < 0 || octet > 255)
            {
                throw new IllegalArgumentException("not an IPv4 address: " + text);
            }
            address = address << 8 | octet;
        }
        return address;
    }

    /**
     * @param address host order.
     * @return dotted quad.
     */
    public static String text(final int address)
    {
        return (address >>> 24) + "." + (address >>> 16 & 0xFF) + "." + (address >>> 8 & 0xFF) + "." + (address & 0xFF);
    }
}
