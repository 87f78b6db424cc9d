package org.mpdp.dataplane.wire;

/**
 * What the MPTCP options of one segment said: a reused holder (like Linux's mptcp_options_received),
 * one slot per subtype and a bitmask of the subtypes present. Multi-byte values are as on the wire
 * (DSNs not expanded); offsets are relative to the start of the parsed frame.
 */
public final class MptcpOptions
{
    /** Bit for each subtype in {@link #present}: {@code 1 << subtype}. */
    public static int bit(final int subtype)
    {
        return 1 << subtype;
    }

    /** Subtypes present, {@code 1 << subtype} each. */
    public int present;
    /** Options of kind 30 seen (valid or not). */
    public int optionCount;
    /** First reject reason among this segment's MPTCP options, or {@link Malformed#NONE}. */
    public int malformed;
    /** Options with a subtype this parser does not know (9..15). */
    public int unknownSubtypes;

    // MP_CAPABLE
    /** Option length. */
    public int mpcLength;
    /** Version nibble. */
    public int mpcVersion;
    /** Flags byte (A B C D E F G H). */
    public int mpcFlags;
    /** Whether {@link #mpcSenderKey} was present. */
    public boolean mpcHasSenderKey;
    /** Sender's key. */
    public long mpcSenderKey;
    /** Whether {@link #mpcReceiverKey} was present. */
    public boolean mpcHasReceiverKey;
    /** Receiver's key. */
    public long mpcReceiverKey;
    /** Whether a data-level length followed (v1 MP_CAPABLE with data). */
    public boolean mpcHasDataLength;
    /** Data-level length. */
    public int mpcDataLength;
    /** Whether a DSS checksum followed. */
    public boolean mpcHasChecksum;
    /** DSS checksum. */
    public int mpcChecksum;

    // MP_JOIN
    /** Option length: 12 SYN, 16 SYN/ACK, 24 ACK. */
    public int joinLength;
    /** Backup flag. */
    public boolean joinBackup;
    /** Address ID (SYN and SYN/ACK). */
    public int joinAddressId;
    /** Receiver's token (SYN). */
    public int joinToken;
    /** Sender's random number (SYN and SYN/ACK). */
    public int joinNonce;
    /** Leftmost 64 bits of the sender's HMAC (SYN/ACK), or the first 8 bytes of the full HMAC (ACK). */
    public long joinTruncatedHmac;
    /** Offset of the 20-byte HMAC in the frame (ACK). */
    public int joinHmacOffset;

    // DSS
    /** Option length. */
    public int dssLength;
    /** Flags byte. */
    public int dssFlags;
    /** DATA_ACK, 32 or 64 bits as on the wire. */
    public long dataAck;
    /** DSN, 32 or 64 bits as on the wire. */
    public long dsn;
    /** Subflow sequence number, relative to the subflow's initial sequence number. */
    public int ssn;
    /** Data-level length. */
    public int dataLevelLength;
    /** Whether a checksum is present. */
    public boolean dssHasChecksum;
    /** DSS checksum. */
    public int dssChecksum;

    // ADD_ADDR
    /**
     * Offset in the frame of the ADD_ADDR option's kind byte, or -1 when the segment had none: set
     * for the last ADD_ADDR examined even when it was rejected (so
     * {@link MptcpOptionParser#addAddrForVersion} can re-parse it under the connection's version); that
     * is the accepted one when one was accepted (a later duplicate is rejected before it is examined).
     */
    public int addAddrOffset = -1;
    /** Option length (of the option at {@link #addAddrOffset}, recorded even when it was rejected). */
    public int addAddrLength;
    /** True for RFC 6824 (v0) form, with an IPVer nibble and no HMAC. */
    public boolean addAddrV0;
    /** Echo flag (v1). */
    public boolean addAddrEcho;
    /** Address ID. */
    public int addAddrId;
    /** 4 or 6. */
    public int addAddrIpVersion;
    /** IPv4 address. */
    public int addAddrV4;
    /** IPv6 address, high 64 bits. */
    public long addAddrV6High;
    /** IPv6 address, low 64 bits. */
    public long addAddrV6Low;
    /** Port, or 0 when absent. */
    public int addAddrPort;
    /** Whether a port was present. */
    public boolean addAddrHasPort;
    /** Whether the 64-bit truncated HMAC was present. */
    public boolean addAddrHasHmac;
    /** Truncated HMAC. */
    public long addAddrHmac;

    // REMOVE_ADDR
    /** Number of address IDs. */
    public int removeAddrCount;
    /** Offset of the first address ID in the frame. */
    public int removeAddrOffset;

    // MP_PRIO
    /** Backup flag. */
    public boolean prioBackup;
    /** Address ID (v0 form with length 4), or -1. */
    public int prioAddressId;

    // MP_FAIL
    /** DSN of the failed data. */
    public long failDsn;

    // MP_FASTCLOSE
    /** The receiver's key. */
    public long fastcloseKey;

    // MP_TCPRST
    /** Flags nibble (U V W T). */
    public int tcprstFlags;
    /** Reason code. */
    public int tcprstReason;

    /**
     * @param subtype an MPTCP subtype.
     * @return whether the segment carried a valid option of that subtype.
     */
    public boolean has(final int subtype)
    {
        return (present & bit(subtype)) != 0;
    }

    /** Forgets everything, before parsing the next segment. */
    public void reset()
    {
        present = 0;
        optionCount = 0;
        malformed = Malformed.NONE;
        unknownSubtypes = 0;
        addAddrOffset = -1;
    }
}
