package org.mpdp.dataplane.track;

/**
 * Why the tracker singled a packet out. Each reason has a counter, a name used in reports and
 * config files, and a default {@link Action}. A packet can have several reasons; its action is the
 * most severe of theirs (see {@link VerdictPolicy}).
 *
 * <p>Defaults: what only an attacker or a broken stack sends, and what cannot be checked but could
 * hide signalling from the checks (a first IP fragment carrying MPTCP options), is dropped; what may
 * come from a legitimate stack or a lossy capture is flagged; plain facts are forwarded.
 */
public enum Reason
{
    /** Nothing to report. */
    OK("ok", Action.FORWARD),

    // Headers (the packet never reached MPTCP processing).
    /** An IP or TCP header broke a length rule (bad IHL, total length, data offset...). */
    MALFORMED_HEADER("malformed-header", Action.DROP),
    /** The TCP option list broke a length rule; the options after it were not read (as Linux stops). */
    MALFORMED_TCP_OPTION("malformed-tcp-option", Action.FLAG),
    /** An IP fragment of a TCP segment without MPTCP options visible: forwarded, not tracked. */
    IP_FRAGMENT("ip-fragment", Action.FLAG),
    /**
     * An IP fragment that carries MPTCP options, or one whose TCP header is not all in the first
     * fragment (RFC 1858): the rest of the segment is elsewhere, so its signalling cannot be checked
     * (and overlapping fragments could rewrite it). Kernel MPTCP never sends one (TCP sets DF).
     */
    MPTCP_FRAGMENT("mptcp-fragment", Action.DROP),
    /** The capture cut the frame inside its headers (snap length): counted, not malformed. */
    TRUNCATED_CAPTURE("truncated-capture", Action.FORWARD),

    // MPTCP options.
    /** An MPTCP option broke a length rule (RFC 8684 / RFC 6824 lengths). */
    MALFORMED_OPTION("malformed-option", Action.FLAG),
    /** MP_JOIN SYN with a token no connection has. */
    JOIN_UNKNOWN_TOKEN("join-unknown-token", Action.DROP),
    /** MP_JOIN SYN/ACK truncated HMAC does not verify. */
    JOIN_BAD_SYNACK_HMAC("join-bad-synack-hmac", Action.DROP),
    /** MP_JOIN third-ACK HMAC does not verify. */
    JOIN_BAD_ACK_HMAC("join-bad-ack-hmac", Action.DROP),
    /** MP_JOIN SYN/ACK or third ACK on a subflow whose join SYN was not seen. */
    JOIN_WITHOUT_SYN("join-without-syn", Action.FLAG),
    /** MP_CAPABLE on a non-SYN segment of a subflow whose SYN was not seen (a stray third ACK). */
    MPC_WITHOUT_SYN("mpc-without-syn", Action.FLAG),
    /** MPTCP options on a subflow whose handshake was not seen (picked up mid-stream, keys unknown). */
    MID_STREAM("mid-stream", Action.FLAG),
    /** ADD_ADDR HMAC does not verify. */
    ADD_ADDR_BAD_HMAC("add-addr-bad-hmac", Action.DROP),
    /**
     * ADD_ADDR on a v1 connection that is not a valid RFC 8684 form (e.g. the RFC 6824 form, which has
     * no HMAC): Linux ignores it; announcing it would let anyone add an address unauthenticated.
     */
    ADD_ADDR_NO_HMAC("add-addr-no-hmac", Action.DROP),
    /** ADD_ADDR re-using an address ID for a different address (the only signal on v0, which has no HMAC). */
    ADD_ADDR_ID_REUSED("add-addr-id-reused", Action.FLAG),
    /** DSS checksum does not verify. */
    BAD_DSS_CHECKSUM("bad-dss-checksum", Action.FLAG),
    /** A DSS checksum that cannot be verified: the payload is not all in the buffer (snap length). */
    CHECKSUM_UNVERIFIABLE("checksum-unverifiable", Action.FORWARD),
    /** Third ACK echoes keys other than the SYN's / SYN/ACK's. */
    KEY_MISMATCH("key-mismatch", Action.FLAG),
    /** MP_FASTCLOSE carries a key that is not the receiver's. */
    FASTCLOSE_BAD_KEY("fastclose-bad-key", Action.DROP),
    /** New connection or subflow refused: tables full (established state is never evicted for it). */
    TABLE_FULL("table-full", Action.FLAG),
    /** Payload on subflow bytes no DSS mapping covers (RFC 8684 3.3.1). */
    MISSING_MAPPING("missing-mapping", Action.FLAG),
    /** A mapping that maps subflow bytes already mapped to other data bytes. */
    INCONSISTENT_MAPPING("inconsistent-mapping", Action.FLAG),
    /** A DSN far outside the window the peer's DATA_ACKs allow. */
    DSN_OUT_OF_WINDOW("dsn-out-of-window", Action.FLAG),
    /** MP_FAIL or an infinite mapping: the connection falls back to TCP (RFC 8684 3.7). */
    FALLBACK("fallback", Action.FLAG),

    // Ingress (last, so the ordinals of the reasons above, which are counter ids, keep their values).
    /**
     * The packet's IP source is outside the prefixes configured for the port it entered on
     * ({@code ports[i].sources}, see {@link IngressFilter}): spoofed, or on the wrong link. When
     * dropped it is not tracked, so it takes no state.
     */
    SOURCE_NOT_ALLOWED("source-not-allowed", Action.DROP);

    /** Number of reasons. */
    public static final int COUNT = values().length;
    private static final Reason[] VALUES = values();

    private final String label;
    private final Action defaultAction;
    final long bit;

    Reason(final String label, final Action defaultAction)
    {
        this.label = label;
        this.defaultAction = defaultAction;
        this.bit = 1L << ordinal();
    }

    /**
     * @return the name used in reports, counters and config files.
     */
    public String label()
    {
        return label;
    }

    /**
     * @return the action of the default policy.
     */
    public Action defaultAction()
    {
        return defaultAction;
    }

    /**
     * @param ordinal an ordinal.
     * @return the reason.
     */
    public static Reason of(final int ordinal)
    {
        return VALUES[ordinal];
    }

    /**
     * @param label a {@link #label()}.
     * @return the reason, or null when there is none by that name.
     */
    public static Reason byLabel(final String label)
    {
        for (final Reason r : VALUES)
        {
            if (r.label.equals(label))
            {
                return r;
            }
        }
        return null;
    }
}
