package org.mpdp.dataplane.wire;

/**
 * Why a packet or an option was rejected: one code per rule, so every reject can be counted on its
 * own (like the kernel's MPTCP MIB). {@link #NONE} is 0; codes are dense so they index counter arrays.
 */
public final class Malformed
{
    /** Nothing wrong. */
    public static final int NONE = 0;
    /** Frame shorter than the Ethernet header. */
    public static final int ETH_TRUNCATED = 1;
    /** VLAN tag cut short, or more than two tags (QinQ is the most we accept). */
    public static final int VLAN_TRUNCATED = 2;
    /** IPv4: fewer than 20 bytes left. */
    public static final int IPV4_TRUNCATED = 3;
    /** IPv4: IHL below 5 or version not 4. */
    public static final int IPV4_BAD_HEADER_LENGTH = 4;
    /** IPv4: total length below the header length, or beyond the frame. */
    public static final int IPV4_BAD_TOTAL_LENGTH = 5;
    /** IPv6: fewer than 40 bytes left, or version not 6. */
    public static final int IPV6_TRUNCATED = 6;
    /** IPv6: payload length beyond the frame. */
    public static final int IPV6_BAD_PAYLOAD_LENGTH = 7;
    /** IPv6: an extension header runs past the packet, or too many of them. */
    public static final int IPV6_BAD_EXTENSION = 8;
    /** TCP: fewer than 20 bytes left. */
    public static final int TCP_TRUNCATED = 9;
    /** TCP: data offset below 5 or past the segment. */
    public static final int TCP_BAD_DATA_OFFSET = 10;
    /** TCP option: length byte missing or below 2 (RFC 9293 3.1). */
    public static final int OPTION_BAD_LENGTH = 11;
    /** TCP option: length runs past the option space. */
    public static final int OPTION_TRUNCATED = 12;
    /** MPTCP option shorter than kind, length and subtype (3 bytes). */
    public static final int MPTCP_TOO_SHORT = 13;
    /** MP_CAPABLE length is not one RFC 8684 3.1 allows for these TCP flags and version. */
    public static final int MP_CAPABLE_BAD_LENGTH = 14;
    /** MP_JOIN length is not 12 (SYN), 16 (SYN/ACK) or 24 (ACK) for these TCP flags (RFC 8684 3.2). */
    public static final int MP_JOIN_BAD_LENGTH = 15;
    /** DSS length does not match its flags (RFC 8684 3.3). */
    public static final int DSS_BAD_LENGTH = 16;
    /** ADD_ADDR length matches no address family, port, echo and HMAC combination (RFC 8684 3.4.1). */
    public static final int ADD_ADDR_BAD_LENGTH = 17;
    /** REMOVE_ADDR without an address ID (RFC 8684 3.4.2). */
    public static final int REMOVE_ADDR_BAD_LENGTH = 18;
    /** MP_PRIO length not 3 (or 4 with an address ID in v0) (RFC 8684 3.3.8). */
    public static final int MP_PRIO_BAD_LENGTH = 19;
    /** MP_FAIL length not 12 (RFC 8684 3.7). */
    public static final int MP_FAIL_BAD_LENGTH = 20;
    /** MP_FASTCLOSE length not 12 (RFC 8684 3.5). */
    public static final int MP_FASTCLOSE_BAD_LENGTH = 21;
    /** MP_TCPRST length not 4 (RFC 8684 3.6). */
    public static final int MP_TCPRST_BAD_LENGTH = 22;
    /** The same MPTCP subtype twice in one segment; the later one is ignored. */
    public static final int MPTCP_DUPLICATE_SUBTYPE = 23;

    /**
     * ADD_ADDR under RFC 6824 (v0) rules: the IPVer nibble is not 4 or 6, or not the family its length
     * gives (RFC 6824 3.4.1); only from {@link MptcpOptionParser#addAddrForVersion}.
     */
    public static final int ADD_ADDR_BAD_IPVER = 24;

    /** Number of codes, for sizing counter arrays. */
    public static final int COUNT = 25;

    private static final String[] NAMES = {
        "none", "eth-truncated", "vlan-truncated", "ipv4-truncated", "ipv4-bad-header-length",
        "ipv4-bad-total-length", "ipv6-truncated", "ipv6-bad-payload-length", "ipv6-bad-extension",
        "tcp-truncated", "tcp-bad-data-offset", "option-bad-length", "option-truncated", "mptcp-too-short",
        "mp-capable-bad-length", "mp-join-bad-length", "dss-bad-length", "add-addr-bad-length",
        "remove-addr-bad-length", "mp-prio-bad-length", "mp-fail-bad-length", "mp-fastclose-bad-length",
        "mp-tcprst-bad-length", "mptcp-duplicate-subtype", "add-addr-bad-ipver"};

    private Malformed()
    {
    }

    /**
     * @param code a code.
     * @return its name, e.g. "dss-bad-length".
     */
    public static String name(final int code)
    {
        return code >= 0 && code < COUNT ? NAMES[code] : "unknown-" + code;
    }
}
