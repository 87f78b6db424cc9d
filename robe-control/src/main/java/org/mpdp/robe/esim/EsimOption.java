package org.mpdp.robe.esim;

import java.nio.ByteOrder;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Wire format of the two RobE_eSIM options (draft-amend-tcpm-mptcp-robe-02 §"Protocol Adaptation"), both
 * MPTCP options (TCP kind 30) with a configurable subtype ({@link EsimSubtypes}), and a walker that finds
 * one in a TCP option area. As in Linux's {@code mptcp_parse_option}, a length is checked before any field
 * is read, and a failure is a result code ({@code REJECT_*}), never an exception.
 *
 * <pre>
 * ROBE_eSIM_EN (SYN and SYN/ACK), 4 bytes:
 *   0               1               2               3
 *  +---------------+---------------+-------+-------+---------------+
 *  |   Kind = 30   |  Length = 4   |Subtype|         (reserved)    |
 *  +---------------+---------------+-------+-------+---------------+
 *
 * MP_JOIN_CAP (third ACK of a non-initial flow: ACK, no SYN), 24 bytes:
 *  +---------------+---------------+-------+-------+---------------+
 *  |   Kind = 30   |  Length = 24  |Subtype| (rsv) |    ADDR_ID    |
 *  +---------------+---------------+-------+-------+---------------+
 *  |              Sender's Key-A (64 bits, of the initial flow)     |
 *  +---------------------------------------------------------------+
 *  |   HMAC (96 bits; its low 10 bits are crc16(Key-B) &amp; 0x3FF)   |
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * The HMAC is 96 bits, the least the draft allows, so that MP_JOIN_CAP is exactly as long as RFC 8684's
 * third-ACK MP_JOIN (24 bytes): it fits wherever that one does, beside the 12 bytes of NOP-padded timestamps,
 * in the 40-byte TCP option space. See {@link EsimHmac} for what it covers.
 */
public final class EsimOption
{
    /** TCP option kind of MPTCP (RFC 8684 §3). */
    public static final int MPTCP_KIND = 30;
    /** Length of ROBE_eSIM_EN. */
    public static final int ENABLE_LENGTH = 4;
    /** Length of MP_JOIN_CAP. */
    public static final int JOIN_CAP_LENGTH = 24;
    /** Offset of ADDR_ID in MP_JOIN_CAP. */
    public static final int ADDR_ID_OFFSET = 3;
    /** Offset of Key-A in MP_JOIN_CAP. */
    public static final int KEY_A_OFFSET = 4;
    /** Offset of the HMAC in MP_JOIN_CAP. */
    public static final int HMAC_OFFSET = 12;

    /** TCP SYN flag bit. */
    public static final int TCP_SYN = 0x02;
    /** TCP ACK flag bit. */
    public static final int TCP_ACK = 0x10;

    /** Valid. */
    public static final int OK = 0;
    /** Not an MPTCP option (kind is not 30). */
    public static final int REJECT_NOT_MPTCP = 1;
    /** The option's length byte claims more bytes than the option area holds. */
    public static final int REJECT_TRUNCATED = 2;
    /** MPTCP option of another subtype. */
    public static final int REJECT_OTHER_SUBTYPE = 3;
    /** The subtype matches but the length is not the one this option has. */
    public static final int REJECT_BAD_LENGTH = 4;
    /** The option is on a segment it does not belong on (ROBE_eSIM_EN without SYN, MP_JOIN_CAP on a SYN). */
    public static final int REJECT_BAD_FLAGS = 5;
    /** The option area has no such option. */
    public static final int NOT_FOUND = 6;
    /** Number of result codes. */
    public static final int RESULT_COUNT = 7;

    private static final String[] NAMES =
        {"ok", "not-mptcp", "truncated", "other-subtype", "bad-length", "bad-flags", "not-found"};

    private EsimOption()
    {
    }

    /**
     * @param result a result code.
     * @return its counter-style name ({@code bad-length}, ...).
     */
    public static String resultName(final int result)
    {
        return result >= 0 && result < RESULT_COUNT ? NAMES[result] : "unknown-" + result;
    }

    /**
     * Checks one option against a subtype and its length, fields untouched.
     *
     * @param buffer    holds the option.
     * @param offset    the option's kind byte.
     * @param available bytes from {@code offset} to the end of the TCP option area.
     * @param subtype   the subtype wanted.
     * @param length    the length that subtype has.
     * @return {@link #OK} or a {@code REJECT_*} code.
     */
    static int check(final DirectBuffer buffer, final int offset, final int available, final int subtype,
        final int length)
    {
        if (available < 3)
        {
            return REJECT_TRUNCATED;
        }
        if ((buffer.getByte(offset) & 0xFF) != MPTCP_KIND)
        {
            return REJECT_NOT_MPTCP;
        }
        final int claimed = buffer.getByte(offset + 1) & 0xFF;
        if (claimed < 3 || claimed > available)
        {
            return REJECT_TRUNCATED;
        }
        if ((buffer.getByte(offset + 2) & 0xFF) >>> 4 != subtype)
        {
            return REJECT_OTHER_SUBTYPE;
        }
        return claimed == length ? OK : REJECT_BAD_LENGTH;
    }

    /**
     * Writes ROBE_eSIM_EN.
     *
     * @param buffer  destination.
     * @param offset  where the kind byte goes.
     * @param subtype {@link EsimSubtypes#enable()}.
     * @return bytes written ({@link #ENABLE_LENGTH}).
     */
    public static int writeEnable(final MutableDirectBuffer buffer, final int offset, final int subtype)
    {
        buffer.putByte(offset, (byte)MPTCP_KIND);
        buffer.putByte(offset + 1, (byte)ENABLE_LENGTH);
        buffer.putByte(offset + 2, (byte)(subtype << 4));
        buffer.putByte(offset + 3, (byte)0);
        return ENABLE_LENGTH;
    }

    /**
     * Checks one option for ROBE_eSIM_EN on a segment with these flags.
     *
     * @param buffer    holds the option.
     * @param offset    the option's kind byte.
     * @param available bytes from {@code offset} to the end of the option area.
     * @param subtype   {@link EsimSubtypes#enable()}.
     * @param tcpFlags  the segment's TCP flags byte.
     * @return {@link #OK} or a {@code REJECT_*} code.
     */
    public static int checkEnable(final DirectBuffer buffer, final int offset, final int available, final int subtype,
        final int tcpFlags)
    {
        final int result = check(buffer, offset, available, subtype, ENABLE_LENGTH);
        return result == OK && (tcpFlags & TCP_SYN) == 0 ? REJECT_BAD_FLAGS : result;
    }

    /**
     * Writes MP_JOIN_CAP; the HMAC is the one {@code hmac} last computed.
     *
     * @param buffer  destination.
     * @param offset  where the kind byte goes.
     * @param subtype {@link EsimSubtypes#joinCap()}.
     * @param addrId  the address ID of the sender's address on this flow.
     * @param keyA    Key-A of the connection's initial flow.
     * @param hmac    holds the HMAC ({@link EsimHmac#compute}).
     * @return bytes written ({@link #JOIN_CAP_LENGTH}).
     */
    public static int writeJoinCap(final MutableDirectBuffer buffer, final int offset, final int subtype,
        final int addrId, final long keyA, final EsimHmac hmac)
    {
        buffer.putByte(offset, (byte)MPTCP_KIND);
        buffer.putByte(offset + 1, (byte)JOIN_CAP_LENGTH);
        buffer.putByte(offset + 2, (byte)(subtype << 4));
        buffer.putByte(offset + ADDR_ID_OFFSET, (byte)addrId);
        buffer.putLong(offset + KEY_A_OFFSET, keyA, ByteOrder.BIG_ENDIAN);
        hmac.write(buffer, offset + HMAC_OFFSET);
        return JOIN_CAP_LENGTH;
    }

    /**
     * Checks one option for MP_JOIN_CAP on a segment with these flags.
     *
     * @param buffer    holds the option.
     * @param offset    the option's kind byte.
     * @param available bytes from {@code offset} to the end of the option area.
     * @param subtype   {@link EsimSubtypes#joinCap()}.
     * @param tcpFlags  the segment's TCP flags byte.
     * @return {@link #OK} or a {@code REJECT_*} code.
     */
    public static int checkJoinCap(final DirectBuffer buffer, final int offset, final int available,
        final int subtype, final int tcpFlags)
    {
        final int result = check(buffer, offset, available, subtype, JOIN_CAP_LENGTH);
        return result == OK && ((tcpFlags & TCP_SYN) != 0 || (tcpFlags & TCP_ACK) == 0) ? REJECT_BAD_FLAGS : result;
    }

    /**
     * @param buffer holds a checked MP_JOIN_CAP.
     * @param offset its kind byte.
     * @return ADDR_ID.
     */
    public static int joinCapAddrId(final DirectBuffer buffer, final int offset)
    {
        return buffer.getByte(offset + ADDR_ID_OFFSET) & 0xFF;
    }

    /**
     * @param buffer holds a checked MP_JOIN_CAP.
     * @param offset its kind byte.
     * @return Key-A.
     */
    public static long joinCapKeyA(final DirectBuffer buffer, final int offset)
    {
        return buffer.getLong(offset + KEY_A_OFFSET, ByteOrder.BIG_ENDIAN);
    }

    /**
     * The fast hash the sender put in the HMAC's low 10 bits.
     *
     * @param buffer holds a checked MP_JOIN_CAP.
     * @param offset its kind byte.
     * @return the 10-bit Key-B fast hash.
     */
    public static int joinCapFastHash(final DirectBuffer buffer, final int offset)
    {
        final int last = offset + HMAC_OFFSET + EsimHmac.LENGTH - 2;
        return ((buffer.getByte(last) & 0xFF) << 8 | buffer.getByte(last + 1) & 0xFF) & Crc16.FAST_HASH_MASK;
    }

    /**
     * Walks a TCP option area (RFC 9293 §3.1: EOL ends it, NOP is one byte, every other option has a length
     * of at least 2 that must fit) for an MPTCP option of {@code subtype}.
     *
     * @param buffer  holds the options.
     * @param offset  first option byte (right after the 20-byte TCP header).
     * @param length  bytes of options (data offset * 4 - 20).
     * @param subtype the MPTCP subtype wanted.
     * @return the offset of the option's kind byte, or -1 when absent or the area is malformed before it.
     */
    public static int find(final DirectBuffer buffer, final int offset, final int length, final int subtype)
    {
        int o = offset;
        final int end = offset + length;
        while (o < end)
        {
            final int kind = buffer.getByte(o) & 0xFF;
            if (kind == 0)
            {
                return -1;
            }
            if (kind == 1)
            {
                o++;
                continue;
            }
            if (o + 1 >= end)
            {
                return -1;
            }
            final int size = buffer.getByte(o + 1) & 0xFF;
            if (size < 2 || o + size > end)
            {
                return -1;
            }
            if (kind == MPTCP_KIND && size >= 3 && (buffer.getByte(o + 2) & 0xFF) >>> 4 == subtype)
            {
                return o;
            }
            o += size;
        }
        return -1;
    }
}
