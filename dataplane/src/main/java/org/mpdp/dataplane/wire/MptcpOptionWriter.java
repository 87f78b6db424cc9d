package org.mpdp.dataplane.wire;

import static org.mpdp.dataplane.wire.Bytes.put16;
import static org.mpdp.dataplane.wire.Bytes.put32;
import static org.mpdp.dataplane.wire.Bytes.put64;
import static org.mpdp.dataplane.wire.Bytes.put8;

import java.lang.foreign.MemorySegment;

/**
 * Writes MPTCP options (kind 30) at an offset; each method returns the option length written, which
 * the caller pads to a 4-byte boundary with NOPs. Lengths are the ones {@link MptcpOptionParser}
 * accepts, so every encoder round-trips through the parser.
 */
public final class MptcpOptionWriter
{
    private MptcpOptionWriter()
    {
    }

    private static void header(final MemorySegment s, final long o, final int length, final int subtype,
        final int nibble)
    {
        put8(s, o, Mptcp.OPTION_KIND);
        put8(s, o + 1, length);
        put8(s, o + 2, subtype << 4 | nibble & 0x0F);
    }

    /**
     * MP_CAPABLE (RFC 8684 3.1). Which keys and fields are written follows from {@code length}:
     * 4 (v1 SYN), 12 (sender key), 20 (both keys), 22 (+ data-level length), 24 (+ checksum).
     *
     * @param s           segment.
     * @param o           offset.
     * @param length      4, 12, 20, 22 or 24.
     * @param version     0 or 1.
     * @param flags       A..H flag byte.
     * @param senderKey   sender's key.
     * @param receiverKey receiver's key.
     * @param dataLength  data-level length.
     * @param checksum    DSS checksum.
     * @return bytes written.
     */
    public static int mpCapable(final MemorySegment s, final long o, final int length, final int version,
        final int flags, final long senderKey, final long receiverKey, final int dataLength, final int checksum)
    {
        header(s, o, length, Mptcp.MP_CAPABLE, version);
        put8(s, o + 3, flags);
        if (length >= Mptcp.MPC_ONE_KEY_LENGTH)
        {
            put64(s, o + 4, senderKey);
        }
        if (length >= Mptcp.MPC_ACK_LENGTH)
        {
            put64(s, o + 12, receiverKey);
        }
        if (length >= Mptcp.MPC_ACK_DATA_LENGTH)
        {
            put16(s, o + 20, dataLength);
        }
        if (length == Mptcp.MPC_ACK_DATA_CSUM_LENGTH)
        {
            put16(s, o + 22, checksum);
        }
        return length;
    }

    /**
     * MP_JOIN on a SYN (RFC 8684 3.2).
     *
     * @param s         segment.
     * @param o         offset.
     * @param backup    backup flag.
     * @param addressId address ID.
     * @param token     receiver's token.
     * @param nonce     sender's random number.
     * @return bytes written.
     */
    public static int mpJoinSyn(final MemorySegment s, final long o, final boolean backup, final int addressId,
        final int token, final int nonce)
    {
        header(s, o, Mptcp.JOIN_SYN_LENGTH, Mptcp.MP_JOIN, backup ? Mptcp.JOIN_FLAG_BACKUP : 0);
        put8(s, o + 3, addressId);
        put32(s, o + 4, token);
        put32(s, o + 8, nonce);
        return Mptcp.JOIN_SYN_LENGTH;
    }

    /**
     * MP_JOIN on a SYN/ACK.
     *
     * @param s             segment.
     * @param o             offset.
     * @param backup        backup flag.
     * @param addressId     address ID.
     * @param truncatedHmac leftmost 64 bits of the sender's HMAC.
     * @param nonce         sender's random number.
     * @return bytes written.
     */
    public static int mpJoinSynAck(final MemorySegment s, final long o, final boolean backup, final int addressId,
        final long truncatedHmac, final int nonce)
    {
        header(s, o, Mptcp.JOIN_SYNACK_LENGTH, Mptcp.MP_JOIN, backup ? Mptcp.JOIN_FLAG_BACKUP : 0);
        put8(s, o + 3, addressId);
        put64(s, o + 4, truncatedHmac);
        put32(s, o + 12, nonce);
        return Mptcp.JOIN_SYNACK_LENGTH;
    }

    /**
     * MP_JOIN on the third ACK.
     *
     * @param s    segment.
     * @param o    offset.
     * @param hmac 20 bytes of HMAC.
     * @return bytes written.
     */
    public static int mpJoinAck(final MemorySegment s, final long o, final byte[] hmac)
    {
        header(s, o, Mptcp.JOIN_ACK_LENGTH, Mptcp.MP_JOIN, 0);
        put8(s, o + 3, 0);
        MemorySegment.copy(MemorySegment.ofArray(hmac), 0, s, o + 4, Mptcp.JOIN_HMAC_LENGTH);
        return Mptcp.JOIN_ACK_LENGTH;
    }

    /**
     * DSS (RFC 8684 3.3). Fields present follow from {@code flags}.
     *
     * @param s               segment.
     * @param o               offset.
     * @param flags           F m M a A bits.
     * @param dataAck         DATA_ACK (low 32 bits used unless a).
     * @param dsn             DSN (low 32 bits used unless m).
     * @param ssn             subflow sequence number.
     * @param dataLevelLength data-level length.
     * @param withChecksum    whether to write a checksum (only with M).
     * @param checksum        the checksum.
     * @return bytes written.
     */
    public static int dss(final MemorySegment s, final long o, final int flags, final long dataAck, final long dsn,
        final int ssn, final int dataLevelLength, final boolean withChecksum, final int checksum)
    {
        long p = o + Mptcp.DSS_BASE_LENGTH;
        if ((flags & Mptcp.DSS_FLAG_ACK) != 0)
        {
            if ((flags & Mptcp.DSS_FLAG_ACK64) != 0)
            {
                put64(s, p, dataAck);
                p += 8;
            }
            else
            {
                put32(s, p, (int)dataAck);
                p += 4;
            }
        }
        if ((flags & Mptcp.DSS_FLAG_MAP) != 0)
        {
            if ((flags & Mptcp.DSS_FLAG_DSN64) != 0)
            {
                put64(s, p, dsn);
                p += 8;
            }
            else
            {
                put32(s, p, (int)dsn);
                p += 4;
            }
            put32(s, p, ssn);
            put16(s, p + 4, dataLevelLength);
            p += Mptcp.DSS_MAP_TAIL_LENGTH;
            if (withChecksum)
            {
                put16(s, p, checksum);
                p += Mptcp.DSS_CHECKSUM_LENGTH;
            }
        }
        final int length = (int)(p - o);
        header(s, o, length, Mptcp.DSS, 0);
        put8(s, o + 3, flags);
        return length;
    }

    /**
     * ADD_ADDR, v1 form (RFC 8684 3.4.1): HMAC unless echo.
     *
     * @param s         segment.
     * @param o         offset.
     * @param echo      echo flag (no HMAC).
     * @param addressId address ID.
     * @param address   4 or 16 address bytes.
     * @param port      port, or -1 for none.
     * @param hmac      truncated HMAC (ignored for echo).
     * @return bytes written.
     */
    public static int addAddr(final MemorySegment s, final long o, final boolean echo, final int addressId,
        final byte[] address, final int port, final long hmac)
    {
        long p = addressAndPort(s, o, addressId, address, port);
        if (!echo)
        {
            put64(s, p, hmac);
            p += Mptcp.ADD_ADDR_HMAC_LENGTH;
        }
        final int length = (int)(p - o);
        header(s, o, length, Mptcp.ADD_ADDR, echo ? Mptcp.ADD_ADDR_FLAG_ECHO : 0);
        return length;
    }

    /**
     * ADD_ADDR, v0 form (RFC 6824 3.4.1): IPVer nibble, no HMAC.
     *
     * @param s         segment.
     * @param o         offset.
     * @param addressId address ID.
     * @param address   4 or 16 address bytes.
     * @param port      port, or -1 for none.
     * @return bytes written.
     */
    public static int addAddrV0(final MemorySegment s, final long o, final int addressId, final byte[] address,
        final int port)
    {
        final int length = (int)(addressAndPort(s, o, addressId, address, port) - o);
        header(s, o, length, Mptcp.ADD_ADDR, address.length == 4 ? 4 : 6);
        return length;
    }

    /** ADD_ADDR fields shared by both versions: address ID, address, optional port; returns the end. */
    private static long addressAndPort(final MemorySegment s, final long o, final int addressId, final byte[] address,
        final int port)
    {
        put8(s, o + 3, addressId);
        long p = o + Mptcp.ADD_ADDR_BASE_LENGTH;
        MemorySegment.copy(MemorySegment.ofArray(address), 0, s, p, address.length);
        p += address.length;
        if (port >= 0)
        {
            put16(s, p, port);
            p += Mptcp.ADD_ADDR_PORT_LENGTH;
        }
        return p;
    }

    /**
     * REMOVE_ADDR (RFC 8684 3.4.2).
     *
     * @param s   segment.
     * @param o   offset.
     * @param ids address IDs, at least one.
     * @return bytes written.
     */
    public static int removeAddr(final MemorySegment s, final long o, final int... ids)
    {
        final int length = Mptcp.REMOVE_ADDR_BASE_LENGTH + ids.length;
        header(s, o, length, Mptcp.REMOVE_ADDR, 0);
        for (int i = 0; i < ids.length; i++)
        {
            put8(s, o + Mptcp.REMOVE_ADDR_BASE_LENGTH + i, ids[i]);
        }
        return length;
    }

    /**
     * MP_PRIO (RFC 8684 3.3.8); with an address ID (v0 form) when {@code addressId >= 0}.
     *
     * @param s         segment.
     * @param o         offset.
     * @param backup    backup flag.
     * @param addressId address ID, or -1.
     * @return bytes written.
     */
    public static int mpPrio(final MemorySegment s, final long o, final boolean backup, final int addressId)
    {
        final int length = addressId >= 0 ? Mptcp.MP_PRIO_LENGTH + 1 : Mptcp.MP_PRIO_LENGTH;
        header(s, o, length, Mptcp.MP_PRIO, backup ? Mptcp.MP_PRIO_FLAG_BACKUP : 0);
        if (addressId >= 0)
        {
            put8(s, o + 3, addressId);
        }
        return length;
    }

    /**
     * MP_FAIL (RFC 8684 3.7).
     *
     * @param s   segment.
     * @param o   offset.
     * @param dsn DSN.
     * @return bytes written.
     */
    public static int mpFail(final MemorySegment s, final long o, final long dsn)
    {
        header(s, o, Mptcp.MP_FAIL_LENGTH, Mptcp.MP_FAIL, 0);
        put8(s, o + 3, 0);
        put64(s, o + 4, dsn);
        return Mptcp.MP_FAIL_LENGTH;
    }

    /**
     * MP_FASTCLOSE (RFC 8684 3.5).
     *
     * @param s   segment.
     * @param o   offset.
     * @param key the receiver's key.
     * @return bytes written.
     */
    public static int mpFastclose(final MemorySegment s, final long o, final long key)
    {
        header(s, o, Mptcp.MP_FASTCLOSE_LENGTH, Mptcp.MP_FASTCLOSE, 0);
        put8(s, o + 3, 0);
        put64(s, o + 4, key);
        return Mptcp.MP_FASTCLOSE_LENGTH;
    }

    /**
     * MP_TCPRST (RFC 8684 3.6).
     *
     * @param s      segment.
     * @param o      offset.
     * @param flags  U V W T nibble.
     * @param reason reason code.
     * @return bytes written.
     */
    public static int mpTcprst(final MemorySegment s, final long o, final int flags, final int reason)
    {
        header(s, o, Mptcp.MP_TCPRST_LENGTH, Mptcp.MP_TCPRST, flags);
        put8(s, o + 3, reason);
        return Mptcp.MP_TCPRST_LENGTH;
    }
}
