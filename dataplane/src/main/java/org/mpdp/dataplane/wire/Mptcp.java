package org.mpdp.dataplane.wire;

/**
 * MPTCP wire constants: TCP option kind 30, subtypes, option lengths and flag bits, named after
 * RFC 8684 (v1) / RFC 6824 (v0) and Linux's net/mptcp/protocol.h.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +---------------+---------------+-------+-----------------------+
 * |     Kind=30   |     Length    |Subtype| subtype-specific data |
 * +---------------+---------------+-------+-----------------------+
 * </pre>
 */
public final class Mptcp
{
    /** TCP option kind for MPTCP (RFC 8684 2). */
    public static final int OPTION_KIND = 30;

    /** Subtype 0x0. */
    public static final int MP_CAPABLE = 0;
    /** Subtype 0x1. */
    public static final int MP_JOIN = 1;
    /** Subtype 0x2. */
    public static final int DSS = 2;
    /** Subtype 0x3. */
    public static final int ADD_ADDR = 3;
    /** Subtype 0x4. */
    public static final int REMOVE_ADDR = 4;
    /** Subtype 0x5. */
    public static final int MP_PRIO = 5;
    /** Subtype 0x6. */
    public static final int MP_FAIL = 6;
    /** Subtype 0x7. */
    public static final int MP_FASTCLOSE = 7;
    /** Subtype 0x8 (v1 only). */
    public static final int MP_TCPRST = 8;
    /** Subtype 0xf, private use. */
    public static final int MP_EXPERIMENTAL = 15;

    /** MP_CAPABLE on a v1 SYN: no key. */
    public static final int MPC_SYN_V1_LENGTH = 4;
    /** MP_CAPABLE with one key: v0 SYN, any SYN/ACK. */
    public static final int MPC_ONE_KEY_LENGTH = 12;
    /** MP_CAPABLE third ACK: both keys. */
    public static final int MPC_ACK_LENGTH = 20;
    /** MP_CAPABLE with data (v1): both keys and the data-level length. */
    public static final int MPC_ACK_DATA_LENGTH = 22;
    /** MP_CAPABLE with data and DSS checksum (v1). */
    public static final int MPC_ACK_DATA_CSUM_LENGTH = 24;
    /** MP_CAPABLE flag A: checksum required. */
    public static final int MPC_FLAG_A = 0x80;
    /** MP_CAPABLE flag B: extensibility. */
    public static final int MPC_FLAG_B = 0x40;
    /** MP_CAPABLE flag C: no more subflows to the initial address/port. */
    public static final int MPC_FLAG_C = 0x20;
    /** MP_CAPABLE flag H: HMAC-SHA256 (v1) / HMAC-SHA1 (v0). */
    public static final int MPC_FLAG_H = 0x01;

    /** MP_JOIN on a SYN: token and nonce. */
    public static final int JOIN_SYN_LENGTH = 12;
    /** MP_JOIN on a SYN/ACK: truncated HMAC and nonce. */
    public static final int JOIN_SYNACK_LENGTH = 16;
    /** MP_JOIN on the third ACK: 160-bit HMAC. */
    public static final int JOIN_ACK_LENGTH = 24;
    /** MP_JOIN flag B: backup subflow. */
    public static final int JOIN_FLAG_BACKUP = 0x01;
    /** Bytes of the third-ACK HMAC. */
    public static final int JOIN_HMAC_LENGTH = 20;

    /** DSS header: kind, length, subtype, flags. */
    public static final int DSS_BASE_LENGTH = 4;
    /** DSS flag F: DATA_FIN. */
    public static final int DSS_FLAG_DATA_FIN = 0x10;
    /** DSS flag m: DSN is 8 octets. */
    public static final int DSS_FLAG_DSN64 = 0x08;
    /** DSS flag M: mapping present. */
    public static final int DSS_FLAG_MAP = 0x04;
    /** DSS flag a: DATA_ACK is 8 octets. */
    public static final int DSS_FLAG_ACK64 = 0x02;
    /** DSS flag A: DATA_ACK present. */
    public static final int DSS_FLAG_ACK = 0x01;
    /** SSN (4) plus data-level length (2). */
    public static final int DSS_MAP_TAIL_LENGTH = 6;
    /** DSS checksum. */
    public static final int DSS_CHECKSUM_LENGTH = 2;

    /** ADD_ADDR v1 flag E: echo. */
    public static final int ADD_ADDR_FLAG_ECHO = 0x01;
    /** ADD_ADDR header: kind, length, subtype/flags, address ID. */
    public static final int ADD_ADDR_BASE_LENGTH = 4;
    /** ADD_ADDR truncated HMAC (v1). */
    public static final int ADD_ADDR_HMAC_LENGTH = 8;
    /** ADD_ADDR port. */
    public static final int ADD_ADDR_PORT_LENGTH = 2;

    /** REMOVE_ADDR header before the address IDs. */
    public static final int REMOVE_ADDR_BASE_LENGTH = 3;
    /** MP_PRIO (v1; v0 may append an address ID). */
    public static final int MP_PRIO_LENGTH = 3;
    /** MP_PRIO flag B: backup. */
    public static final int MP_PRIO_FLAG_BACKUP = 0x01;
    /** MP_FAIL: reserved and a 64-bit DSN. */
    public static final int MP_FAIL_LENGTH = 12;
    /** MP_FASTCLOSE: reserved and the receiver's key. */
    public static final int MP_FASTCLOSE_LENGTH = 12;
    /** MP_TCPRST: flags and reason. */
    public static final int MP_TCPRST_LENGTH = 4;

    /** TCP flags as in the header's flag byte. */
    public static final int TCP_FIN = 0x01;
    /** SYN. */
    public static final int TCP_SYN = 0x02;
    /** RST. */
    public static final int TCP_RST = 0x04;
    /** PSH. */
    public static final int TCP_PSH = 0x08;
    /** ACK. */
    public static final int TCP_ACK = 0x10;

    private Mptcp()
    {
    }
}
