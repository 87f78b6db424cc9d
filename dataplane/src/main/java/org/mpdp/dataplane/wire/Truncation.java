package org.mpdp.dataplane.wire;

/**
 * Where the readable bytes of a frame end when fewer bytes are readable than the frame had on the
 * wire: a capture's snap length ({@code tcpdump -s 128}) or an mbuf chain whose first segment (or
 * linearised prefix) is all that can be read in place. Not a protocol error, so not a
 * {@link Malformed} code: every length rule is still checked against the wire length, and a cut
 * frame is counted per code by {@link PacketParser#truncatedCount(int)}. Codes are dense from
 * {@link #NONE} = 0 so they index counter arrays.
 */
public final class Truncation
{
    /** Every byte of the frame is readable. */
    public static final int NONE = 0;
    /** Cut inside the Ethernet header, a VLAN tag or the Linux cooked header: status TRUNCATED. */
    public static final int LINK_HEADER = 1;
    /** Cut inside the IPv4 header and options, the IPv6 header or an IPv6 extension header: status TRUNCATED. */
    public static final int IP_HEADER = 2;
    /** Cut inside the 20-byte fixed TCP header (RFC 9293 3.1): status TRUNCATED. */
    public static final int TCP_HEADER = 3;
    /** Cut inside the TCP options: status TRUNCATED; options wholly before the cut are parsed. */
    public static final int TCP_OPTIONS = 4;
    /** Every header and option is readable, the payload is not all there: status TCP (or FRAGMENT). */
    public static final int PAYLOAD = 5;

    /** Number of codes, for sizing counter arrays. */
    public static final int COUNT = 6;

    private static final String[] NAMES = {"none", "link-header", "ip-header", "tcp-header", "tcp-options", "payload"};

    private Truncation()
    {
    }

    /**
     * @param code a code.
     * @return its name, e.g. "tcp-options".
     */
    public static String name(final int code)
    {
        return code >= 0 && code < COUNT ? NAMES[code] : "unknown-" + code;
    }
}
