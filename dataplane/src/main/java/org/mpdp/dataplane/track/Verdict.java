package org.mpdp.dataplane.track;

/**
 * What the tracker decided for a packet, and why. Reasons index counter arrays.
 */
public final class Verdict
{
    /** Forward the packet. */
    public static final int FORWARD = 0;
    /** Forward, but something is wrong: see the reason. */
    public static final int FLAG = 1;
    /** Drop the packet (the policy says so for its reason). */
    public static final int DROP = 2;

    /** Nothing to report. */
    public static final int OK = 0;
    /** MP_JOIN SYN with a token no connection has. */
    public static final int JOIN_UNKNOWN_TOKEN = 1;
    /** MP_JOIN SYN/ACK truncated HMAC does not verify. */
    public static final int JOIN_BAD_SYNACK_HMAC = 2;
    /** MP_JOIN third-ACK HMAC does not verify. */
    public static final int JOIN_BAD_ACK_HMAC = 3;
    /** ADD_ADDR HMAC does not verify. */
    public static final int ADD_ADDR_BAD_HMAC = 4;
    /** DSS checksum does not verify. */
    public static final int BAD_DSS_CHECKSUM = 5;
    /** Third ACK echoes a server key other than the SYN/ACK's. */
    public static final int KEY_MISMATCH = 6;
    /** MP_FASTCLOSE carries a key that is not the receiver's. */
    public static final int FASTCLOSE_BAD_KEY = 7;
    /** New connection or subflow refused: tables full. */
    public static final int TABLE_FULL = 8;
    /** MP_JOIN third ACK or SYN/ACK for a subflow whose SYN was not seen. */
    public static final int JOIN_WITHOUT_SYN = 9;
    /** A malformed MPTCP option. */
    public static final int MALFORMED_OPTION = 10;

    /** Payload on a subflow bytes no DSS mapping covers (RFC 8684 3.3.1). */
    public static final int MISSING_MAPPING = 11;
    /** A mapping that maps subflow bytes already mapped to other data bytes. */
    public static final int INCONSISTENT_MAPPING = 12;
    /** A DSN far outside the window the peer's DATA_ACKs allow. */
    public static final int DSN_OUT_OF_WINDOW = 13;
    /** MP_FAIL or an infinite mapping: the connection falls back to TCP (RFC 8684 3.7). */
    public static final int FALLBACK = 14;

    /** Number of reasons. */
    public static final int REASONS = 15;

    private static final String[] NAMES = {"ok", "join-unknown-token", "join-bad-synack-hmac", "join-bad-ack-hmac",
        "add-addr-bad-hmac", "bad-dss-checksum", "key-mismatch", "fastclose-bad-key", "table-full",
        "join-without-syn", "malformed-option", "missing-mapping", "inconsistent-mapping", "dsn-out-of-window",
        "fallback"};

    private Verdict()
    {
    }

    /**
     * @param reason a reason code.
     * @return its name.
     */
    public static String reasonName(final int reason)
    {
        return reason >= 0 && reason < REASONS ? NAMES[reason] : "unknown-" + reason;
    }
}
