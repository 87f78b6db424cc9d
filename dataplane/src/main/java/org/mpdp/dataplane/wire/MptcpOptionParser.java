package org.mpdp.dataplane.wire;

import static org.mpdp.dataplane.wire.Bytes.u16;
import static org.mpdp.dataplane.wire.Bytes.u32;
import static org.mpdp.dataplane.wire.Bytes.u64;
import static org.mpdp.dataplane.wire.Bytes.u8;

import java.lang.foreign.MemorySegment;

/**
 * Parses one MPTCP option (TCP option kind 30) into {@link MptcpOptions}. Every subtype's length is
 * checked against the lengths RFC 8684 (v1) and RFC 6824 (v0) allow before any field is read, in the
 * manner of Linux's mptcp_parse_option; a failed check returns its {@link Malformed} code and leaves
 * the subtype's slot unset. Nothing here allocates or throws.
 */
public final class MptcpOptionParser
{
    /** ADD_ADDR with an IPv4 address, no port, no HMAC (RFC 8684 3.4.1); + 2 with a port. */
    private static final int ADD_ADDR_V4_LENGTH = Mptcp.ADD_ADDR_BASE_LENGTH + 4;
    /** ADD_ADDR with an IPv6 address, no port, no HMAC; + 2 with a port. */
    private static final int ADD_ADDR_V6_LENGTH = Mptcp.ADD_ADDR_BASE_LENGTH + 16;

    private MptcpOptionParser()
    {
    }

    /**
     * @param s        segment holding the frame.
     * @param frame    offset of the frame's first byte (for offsets recorded in {@code out}).
     * @param o        offset of the option's kind byte.
     * @param length   the option's length byte, already checked to fit the option space.
     * @param tcpFlags the segment's TCP flags byte.
     * @param out      where the fields go.
     * @return {@link Malformed#NONE} or the rule the option broke.
     */
    public static int parse(final MemorySegment s, final long frame, final long o, final int length,
        final int tcpFlags, final MptcpOptions out)
    {
        out.optionCount++;
        if (length < 3)
        {
            return Malformed.MPTCP_TOO_SHORT;
        }
        final int subtype = u8(s, o + 2) >>> 4;
        if (subtype <= Mptcp.MP_TCPRST && out.has(subtype))
        {
            return Malformed.MPTCP_DUPLICATE_SUBTYPE;
        }
        final int result = switch (subtype)
        {
            case Mptcp.MP_CAPABLE -> mpCapable(s, o, length, tcpFlags, out);
            case Mptcp.MP_JOIN -> mpJoin(s, frame, o, length, tcpFlags, out);
            case Mptcp.DSS -> dss(s, o, length, out);
            case Mptcp.ADD_ADDR -> addAddr(s, frame, o, length, out);
            case Mptcp.REMOVE_ADDR -> removeAddr(s, frame, o, length, out);
            case Mptcp.MP_PRIO -> mpPrio(s, o, length, out);
            case Mptcp.MP_FAIL -> mpFail(s, o, length, out);
            case Mptcp.MP_FASTCLOSE -> mpFastclose(s, o, length, out);
            case Mptcp.MP_TCPRST -> mpTcprst(s, o, length, out);
            default ->
            {
                out.unknownSubtypes++;
                yield -1;
            }
        };
        if (result == Malformed.NONE)
        {
            out.present |= MptcpOptions.bit(subtype);
        }
        return Math.max(result, Malformed.NONE);
    }

    /** RFC 8684 3.1: length follows from version and the SYN/ACK flags. */
    private static int mpCapable(final MemorySegment s, final long o, final int length, final int tcpFlags,
        final MptcpOptions out)
    {
        final int version = u8(s, o + 2) & 0x0F;
        final boolean syn = (tcpFlags & Mptcp.TCP_SYN) != 0;
        final boolean ack = (tcpFlags & Mptcp.TCP_ACK) != 0;
        final boolean ok;
        if (syn && !ack)
        {
            ok = length == (version == 0 ? Mptcp.MPC_ONE_KEY_LENGTH : Mptcp.MPC_SYN_V1_LENGTH);
        }
        else if (syn)
        {
            ok = length == Mptcp.MPC_ONE_KEY_LENGTH;
        }
        else
        {
            ok = length == Mptcp.MPC_ACK_LENGTH ||
                version != 0 && (length == Mptcp.MPC_ACK_DATA_LENGTH || length == Mptcp.MPC_ACK_DATA_CSUM_LENGTH);
        }
        if (!ok)
        {
            return Malformed.MP_CAPABLE_BAD_LENGTH;
        }
        out.mpcLength = length;
        out.mpcVersion = version;
        out.mpcFlags = u8(s, o + 3);
        out.mpcHasSenderKey = length >= Mptcp.MPC_ONE_KEY_LENGTH;
        out.mpcSenderKey = out.mpcHasSenderKey ? u64(s, o + 4) : 0;
        out.mpcHasReceiverKey = length >= Mptcp.MPC_ACK_LENGTH;
        out.mpcReceiverKey = out.mpcHasReceiverKey ? u64(s, o + 12) : 0;
        out.mpcHasDataLength = length >= Mptcp.MPC_ACK_DATA_LENGTH;
        out.mpcDataLength = out.mpcHasDataLength ? u16(s, o + 20) : 0;
        out.mpcHasChecksum = length == Mptcp.MPC_ACK_DATA_CSUM_LENGTH;
        out.mpcChecksum = out.mpcHasChecksum ? u16(s, o + 22) : 0;
        return Malformed.NONE;
    }

    /** RFC 8684 3.2: 12 on SYN, 16 on SYN/ACK, 24 on the third ACK. */
    private static int mpJoin(final MemorySegment s, final long frame, final long o, final int length,
        final int tcpFlags, final MptcpOptions out)
    {
        final boolean syn = (tcpFlags & Mptcp.TCP_SYN) != 0;
        final boolean ack = (tcpFlags & Mptcp.TCP_ACK) != 0;
        final int expected = syn ? (ack ? Mptcp.JOIN_SYNACK_LENGTH : Mptcp.JOIN_SYN_LENGTH) : Mptcp.JOIN_ACK_LENGTH;
        if (length != expected)
        {
            return Malformed.MP_JOIN_BAD_LENGTH;
        }
        out.joinLength = length;
        out.joinBackup = (u8(s, o + 2) & Mptcp.JOIN_FLAG_BACKUP) != 0;
        out.joinAddressId = u8(s, o + 3);
        switch (length)
        {
            case Mptcp.JOIN_SYN_LENGTH ->
            {
                out.joinToken = u32(s, o + 4);
                out.joinNonce = u32(s, o + 8);
            }
            case Mptcp.JOIN_SYNACK_LENGTH ->
            {
                out.joinTruncatedHmac = u64(s, o + 4);
                out.joinNonce = u32(s, o + 12);
            }
            default ->
            {
                out.joinTruncatedHmac = u64(s, o + 4);
                out.joinHmacOffset = (int)(o + 4 - frame);
            }
        }
        return Malformed.NONE;
    }

    /** RFC 8684 3.3: the length must be exactly what the flags announce, with or without a checksum. */
    private static int dss(final MemorySegment s, final long o, final int length, final MptcpOptions out)
    {
        if (length < Mptcp.DSS_BASE_LENGTH)
        {
            return Malformed.DSS_BAD_LENGTH;
        }
        final int flags = u8(s, o + 3);
        final boolean hasAck = (flags & Mptcp.DSS_FLAG_ACK) != 0;
        final boolean ack64 = (flags & Mptcp.DSS_FLAG_ACK64) != 0;
        final boolean hasMap = (flags & Mptcp.DSS_FLAG_MAP) != 0;
        final boolean dsn64 = (flags & Mptcp.DSS_FLAG_DSN64) != 0;
        final int ackLength = hasAck ? (ack64 ? 8 : 4) : 0;
        final int mapLength = hasMap ? (dsn64 ? 8 : 4) + Mptcp.DSS_MAP_TAIL_LENGTH : 0;
        final int expected = Mptcp.DSS_BASE_LENGTH + ackLength + mapLength;
        final boolean checksum = hasMap && length == expected + Mptcp.DSS_CHECKSUM_LENGTH;
        if (length != expected && !checksum)
        {
            return Malformed.DSS_BAD_LENGTH;
        }
        out.dssLength = length;
        out.dssFlags = flags;
        long p = o + Mptcp.DSS_BASE_LENGTH;
        out.dataAck = hasAck ? (ack64 ? u64(s, p) : Integer.toUnsignedLong(u32(s, p))) : 0;
        p += ackLength;
        if (hasMap)
        {
            out.dsn = dsn64 ? u64(s, p) : Integer.toUnsignedLong(u32(s, p));
            p += dsn64 ? 8 : 4;
            out.ssn = u32(s, p);
            out.dataLevelLength = u16(s, p + 4);
            out.dssHasChecksum = checksum;
            out.dssChecksum = checksum ? u16(s, p + 6) : 0;
        }
        else
        {
            out.dsn = 0;
            out.ssn = 0;
            out.dataLevelLength = 0;
            out.dssHasChecksum = false;
            out.dssChecksum = 0;
        }
        return Malformed.NONE;
    }

    /**
     * RFC 8684 3.4.1 (v1: flag E, HMAC unless echo) and RFC 6824 3.4.1 (v0: IPVer nibble 4 or 6, no HMAC).
     * The family follows from the length; the forms are told apart by the low nibble, since the
     * connection's version is not known here ({@link #addAddrForVersion} re-parses under a known one).
     * The option's offset and length are recorded whatever the outcome.
     */
    private static int addAddr(final MemorySegment s, final long frame, final long o, final int length,
        final MptcpOptions out)
    {
        out.addAddrOffset = (int)(o - frame);
        out.addAddrLength = length;
        final int nibble = u8(s, o + 2) & 0x0F;
        final boolean v0 = nibble == 4 || nibble == 6;
        final boolean echo = !v0 && (nibble & Mptcp.ADD_ADDR_FLAG_ECHO) != 0;
        final boolean hmac = !v0 && !echo;
        int rest = length - Mptcp.ADD_ADDR_BASE_LENGTH - (hmac ? Mptcp.ADD_ADDR_HMAC_LENGTH : 0);
        final boolean port = rest == 4 + Mptcp.ADD_ADDR_PORT_LENGTH || rest == 16 + Mptcp.ADD_ADDR_PORT_LENGTH;
        rest -= port ? Mptcp.ADD_ADDR_PORT_LENGTH : 0;
        final int ipVersion = rest == 4 ? 4 : rest == 16 ? 6 : 0;
        if (ipVersion == 0 || v0 && ipVersion != nibble)
        {
            return Malformed.ADD_ADDR_BAD_LENGTH;
        }
        fillAddAddr(s, o, v0, echo, ipVersion, port, out);
        return Malformed.NONE;
    }

    /**
     * Re-parses the segment's ADD_ADDR option (the one at {@link MptcpOptions#addAddrOffset}) under the
     * rules of the connection's MPTCP version, which only the tracker knows:
     * <ul>
     * <li>version 1 (RFC 8684 3.4.1): the low nibble is flags; only E (echo, 0x1) is defined and the
     *     reserved bits are ignored, as Linux's mptcp_parse_option does. With E set the length must be
     *     8 or 10 (IPv4, without or with port) or 20 or 22 (IPv6), without HMAC; with E clear 16, 18,
     *     28 or 30 (the same plus the 8-byte truncated HMAC). Any other length is
     *     {@link Malformed#ADD_ADDR_BAD_LENGTH} (Linux ignores the option).</li>
     * <li>version 0 (RFC 6824 3.4.1): the low nibble is IPVer, 4 or 6; the length must be 8 or 10
     *     (IPv4) or 20 or 22 (IPv6), no HMAC. Another length is {@link Malformed#ADD_ADDR_BAD_LENGTH};
     *     an IPVer other than 4 or 6, or one that does not match the length, is
     *     {@link Malformed#ADD_ADDR_BAD_IPVER}.</li>
     * </ul>
     * Any version other than 0 is taken by the version 1 rules. On success the ADD_ADDR fields of
     * {@code out} are rewritten and its ADD_ADDR bit set; on failure the bit is cleared (the fields are
     * then meaningless). {@link MptcpOptions#malformed} and the parser's counters are left alone: the
     * caller counts. Reads only the option's {@link MptcpOptions#addAddrLength} bytes, which the first
     * parse checked lie inside the frame. Allocates nothing.
     *
     * @param s       segment holding the frame the options were parsed from.
     * @param frame   offset of that frame's first byte.
     * @param version the connection's MPTCP version.
     * @param out     the segment's options, as parsed.
     * @return {@link Malformed#NONE} (also when the segment had no ADD_ADDR: {@code addAddrOffset < 0}), or
     *         the rule the option breaks under that version.
     */
    public static int addAddrForVersion(final MemorySegment s, final long frame, final int version,
        final MptcpOptions out)
    {
        if (out.addAddrOffset < 0)
        {
            return Malformed.NONE;
        }
        final long o = frame + out.addAddrOffset;
        final int length = out.addAddrLength;
        final int nibble = u8(s, o + 2) & 0x0F;
        final int result = version == 0 ? addAddrV0(s, o, length, nibble, out) : addAddrV1(s, o, length, nibble, out);
        if (result == Malformed.NONE)
        {
            out.present |= MptcpOptions.bit(Mptcp.ADD_ADDR);
        }
        else
        {
            out.present &= ~MptcpOptions.bit(Mptcp.ADD_ADDR);
        }
        return result;
    }

    private static int addAddrV1(final MemorySegment s, final long o, final int length, final int flags,
        final MptcpOptions out)
    {
        final boolean echo = (flags & Mptcp.ADD_ADDR_FLAG_ECHO) != 0;
        final int bare = length - (echo ? 0 : Mptcp.ADD_ADDR_HMAC_LENGTH);
        final int ipVersion = addAddrFamily(bare);
        if (ipVersion == 0)
        {
            return Malformed.ADD_ADDR_BAD_LENGTH;
        }
        fillAddAddr(s, o, false, echo, ipVersion, addAddrHasPort(bare), out);
        return Malformed.NONE;
    }

    private static int addAddrV0(final MemorySegment s, final long o, final int length, final int ipVer,
        final MptcpOptions out)
    {
        final int ipVersion = addAddrFamily(length);
        if (ipVersion == 0)
        {
            return Malformed.ADD_ADDR_BAD_LENGTH;
        }
        if (ipVer != ipVersion)
        {
            return Malformed.ADD_ADDR_BAD_IPVER;
        }
        fillAddAddr(s, o, true, false, ipVersion, addAddrHasPort(length), out);
        return Malformed.NONE;
    }

    /** 4 or 6 for an ADD_ADDR length without HMAC (8, 10, 20, 22), else 0. */
    private static int addAddrFamily(final int bare)
    {
        return switch (bare)
        {
            case ADD_ADDR_V4_LENGTH, ADD_ADDR_V4_LENGTH + Mptcp.ADD_ADDR_PORT_LENGTH -> 4;
            case ADD_ADDR_V6_LENGTH, ADD_ADDR_V6_LENGTH + Mptcp.ADD_ADDR_PORT_LENGTH -> 6;
            default -> 0;
        };
    }

    private static boolean addAddrHasPort(final int bare)
    {
        return bare == ADD_ADDR_V4_LENGTH + Mptcp.ADD_ADDR_PORT_LENGTH ||
            bare == ADD_ADDR_V6_LENGTH + Mptcp.ADD_ADDR_PORT_LENGTH;
    }

    /** Reads an ADD_ADDR whose form and length were checked: address ID, address, port, HMAC. */
    private static void fillAddAddr(final MemorySegment s, final long o, final boolean v0, final boolean echo,
        final int ipVersion, final boolean port, final MptcpOptions out)
    {
        final boolean hmac = !v0 && !echo;
        out.addAddrV0 = v0;
        out.addAddrEcho = echo;
        out.addAddrId = u8(s, o + 3);
        out.addAddrIpVersion = ipVersion;
        long p = o + Mptcp.ADD_ADDR_BASE_LENGTH;
        if (ipVersion == 4)
        {
            out.addAddrV4 = u32(s, p);
            p += 4;
        }
        else
        {
            out.addAddrV6High = u64(s, p);
            out.addAddrV6Low = u64(s, p + 8);
            p += 16;
        }
        out.addAddrHasPort = port;
        out.addAddrPort = port ? u16(s, p) : 0;
        p += port ? Mptcp.ADD_ADDR_PORT_LENGTH : 0;
        out.addAddrHasHmac = hmac;
        out.addAddrHmac = hmac ? u64(s, p) : 0;
    }

    /** RFC 8684 3.4.2: at least one address ID. */
    private static int removeAddr(final MemorySegment s, final long frame, final long o, final int length,
        final MptcpOptions out)
    {
        if (length < Mptcp.REMOVE_ADDR_BASE_LENGTH + 1)
        {
            return Malformed.REMOVE_ADDR_BAD_LENGTH;
        }
        out.removeAddrCount = length - Mptcp.REMOVE_ADDR_BASE_LENGTH;
        out.removeAddrOffset = (int)(o + Mptcp.REMOVE_ADDR_BASE_LENGTH - frame);
        return Malformed.NONE;
    }

    /** RFC 8684 3.3.8: length 3; RFC 6824 allows 4 with an address ID. */
    private static int mpPrio(final MemorySegment s, final long o, final int length, final MptcpOptions out)
    {
        if (length != Mptcp.MP_PRIO_LENGTH && length != Mptcp.MP_PRIO_LENGTH + 1)
        {
            return Malformed.MP_PRIO_BAD_LENGTH;
        }
        out.prioBackup = (u8(s, o + 2) & Mptcp.MP_PRIO_FLAG_BACKUP) != 0;
        out.prioAddressId = length == Mptcp.MP_PRIO_LENGTH + 1 ? u8(s, o + 3) : -1;
        return Malformed.NONE;
    }

    /** RFC 8684 3.7. */
    private static int mpFail(final MemorySegment s, final long o, final int length, final MptcpOptions out)
    {
        if (length != Mptcp.MP_FAIL_LENGTH)
        {
            return Malformed.MP_FAIL_BAD_LENGTH;
        }
        out.failDsn = u64(s, o + 4);
        return Malformed.NONE;
    }

    /** RFC 8684 3.5. */
    private static int mpFastclose(final MemorySegment s, final long o, final int length, final MptcpOptions out)
    {
        if (length != Mptcp.MP_FASTCLOSE_LENGTH)
        {
            return Malformed.MP_FASTCLOSE_BAD_LENGTH;
        }
        out.fastcloseKey = u64(s, o + 4);
        return Malformed.NONE;
    }

    /** RFC 8684 3.6. */
    private static int mpTcprst(final MemorySegment s, final long o, final int length, final MptcpOptions out)
    {
        if (length != Mptcp.MP_TCPRST_LENGTH)
        {
            return Malformed.MP_TCPRST_BAD_LENGTH;
        }
        out.tcprstFlags = u8(s, o + 2) & 0x0F;
        out.tcprstReason = u8(s, o + 3);
        return Malformed.NONE;
    }
}
