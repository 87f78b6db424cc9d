package org.mpdp.dataplane.wire;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders MPTCP options the way tcpdump 4.99's print-mptcp.c prints them ("mptcp 20 dss ack 1 seq 2
 * subseq 3 len 4 csum 0x5"), so mpdp's decode can be compared field by field with tcpdump's .out
 * files. Each option is parsed on its own into a fresh {@link MptcpOptions} by the parser under test.
 */
final class TcpdumpText
{
    private static final String[] SUBTYPES = {"capable", "join", "dss", "add-addr", "rem-addr", "prio", "fail",
        "fast-close", "tcprst"};
    private static final String[] RESET_REASONS = {"Unspecified error", "MPTCP-specific error", "Lack of resources",
        "Administratively prohibited", "Too much outstanding data", "Unacceptable performance",
        "Middlebox interference"};

    private TcpdumpText()
    {
    }

    /**
     * @param s   segment holding the frame.
     * @param frame offset of the frame.
     * @param p   the frame, parsed (status TCP).
     * @return one string per MPTCP option, in order; after the first malformed one, nothing more
     *         (tcpdump stops printing options there).
     */
    static List<String> render(final MemorySegment s, final long frame, final ParsedPacket p)
    {
        final List<String> out = new ArrayList<>();
        for (final OptionWalk.Option option : OptionWalk.mptcp(s, frame, p))
        {
            final int subtype = option.subtype();
            final String name = subtype >= 0 && subtype < SUBTYPES.length ? SUBTYPES[subtype] : "unknown";
            if (option.reason() != Malformed.NONE)
            {
                out.add("mptcp " + option.length() + " " + name + "[bad opt]");
                return out;
            }
            out.add("mptcp " + option.length() + " " + name + body(s, frame, subtype, option.fields()));
        }
        return out;
    }

    private static String body(final MemorySegment s, final long frame, final int subtype, final MptcpOptions m)
    {
        final StringBuilder b = new StringBuilder();
        switch (subtype)
        {
            case Mptcp.MP_CAPABLE ->
            {
                b.append(" v").append(m.mpcVersion).append(" flags [").append(flags(m.mpcFlags, "ABCDEFGH", "none"))
                    .append(']');
                final boolean csum = (m.mpcFlags & Mptcp.MPC_FLAG_A) != 0;
                if (csum)
                {
                    b.append(" csum");
                }
                if (m.mpcHasSenderKey)
                {
                    b.append(" {0x").append(Long.toHexString(m.mpcSenderKey));
                    if (m.mpcHasReceiverKey)
                    {
                        b.append(",0x").append(Long.toHexString(m.mpcReceiverKey));
                    }
                    if (m.mpcLength == 22 && !csum || m.mpcLength == 24)
                    {
                        b.append(",data_len=").append(m.mpcDataLength);
                    }
                    b.append('}');
                }
            }
            case Mptcp.MP_JOIN ->
            {
                if (m.joinLength != Mptcp.JOIN_ACK_LENGTH)
                {
                    if (m.joinBackup)
                    {
                        b.append(" backup");
                    }
                    b.append(" id ").append(m.joinAddressId);
                }
                switch (m.joinLength)
                {
                    case Mptcp.JOIN_SYN_LENGTH -> b.append(" token 0x").append(Integer.toHexString(m.joinToken))
                        .append(" nonce 0x").append(Integer.toHexString(m.joinNonce));
                    case Mptcp.JOIN_SYNACK_LENGTH -> b.append(" hmac 0x").append(Long.toHexString(m.joinTruncatedHmac))
                        .append(" nonce 0x").append(Integer.toHexString(m.joinNonce));
                    default ->
                    {
                        b.append(" hmac 0x");
                        for (int i = 0; i < Mptcp.JOIN_HMAC_LENGTH; i++)
                        {
                            b.append(String.format("%02x", Bytes.u8(s, frame + m.joinHmacOffset + i)));
                        }
                    }
                }
            }
            case Mptcp.DSS ->
            {
                if ((m.dssFlags & Mptcp.DSS_FLAG_DATA_FIN) != 0)
                {
                    b.append(" fin");
                }
                if ((m.dssFlags & Mptcp.DSS_FLAG_ACK) != 0)
                {
                    b.append(" ack ").append(Long.toUnsignedString(m.dataAck));
                }
                if ((m.dssFlags & Mptcp.DSS_FLAG_MAP) != 0)
                {
                    b.append(" seq ").append(Long.toUnsignedString(m.dsn)).append(" subseq ")
                        .append(Integer.toUnsignedString(m.ssn)).append(" len ").append(m.dataLevelLength);
                    if (m.dssHasChecksum)
                    {
                        b.append(" csum 0x").append(Integer.toHexString(m.dssChecksum));
                    }
                }
            }
            case Mptcp.ADD_ADDR ->
            {
                b.append(m.addAddrV0 ? " v0-ip" + m.addAddrIpVersion : m.addAddrEcho ? " v1-echo" : " v1");
                b.append(" id ").append(m.addAddrId).append(' ');
                b.append(m.addAddrIpVersion == 4 ? ipv4(m.addAddrV4) : ipv6(m.addAddrV6High, m.addAddrV6Low));
                if (m.addAddrHasPort)
                {
                    b.append(':').append(m.addAddrPort);
                }
                if (m.addAddrHasHmac)
                {
                    b.append(" hmac 0x").append(Long.toHexString(m.addAddrHmac));
                }
            }
            case Mptcp.REMOVE_ADDR ->
            {
                b.append(" id");
                for (int i = 0; i < m.removeAddrCount; i++)
                {
                    b.append(' ').append(Bytes.u8(s, frame + m.removeAddrOffset + i));
                }
            }
            case Mptcp.MP_PRIO -> b.append(m.prioBackup ? " backup" : " non-backup");
            case Mptcp.MP_FAIL -> b.append(" seq ").append(Long.toUnsignedString(m.failDsn));
            case Mptcp.MP_FASTCLOSE -> b.append(" key 0x").append(Long.toHexString(m.fastcloseKey));
            case Mptcp.MP_TCPRST ->
            {
                b.append(" flags [").append(flags(m.tcprstFlags, "UVWT", "none")).append(']');
                b.append(" reason ").append(m.tcprstReason < RESET_REASONS.length ? RESET_REASONS[m.tcprstReason] :
                    "unknown (0x" + Integer.toHexString(m.tcprstReason) + ")");
            }
            default -> b.append(" unknown");
        }
        return b.toString();
    }

    /** Letters for set bits, most significant bit first, as tcpdump's bittok2str_nosep prints them. */
    private static String flags(final int value, final String letters, final String none)
    {
        final StringBuilder b = new StringBuilder();
        final int bits = letters.length();
        for (int i = 0; i < bits; i++)
        {
            if ((value & (1 << (bits - 1 - i))) != 0)
            {
                b.append(letters.charAt(i));
            }
        }
        return b.isEmpty() ? none : b.toString();
    }

    static String ipv4(final int a)
    {
        return (a >>> 24) + "." + (a >>> 16 & 0xFF) + "." + (a >>> 8 & 0xFF) + "." + (a & 0xFF);
    }

    static String ipv6(final long high, final long low)
    {
        final byte[] bytes = java.nio.ByteBuffer.allocate(16).putLong(high).putLong(low).array();
        try
        {
            return java.net.InetAddress.getByAddress(bytes).getHostAddress();
        }
        catch (final java.net.UnknownHostException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * The MPTCP entries of one tcpdump output line's {@code options [...]} list.
     *
     * @param line a line of a .out file.
     * @return its "mptcp ..." entries, in order.
     */
    static List<String> fromTcpdumpLine(final String line)
    {
        final List<String> out = new ArrayList<>();
        final int start = line.indexOf("options [");
        if (start < 0)
        {
            return out;
        }
        int depth = 0;
        int braces = 0;
        StringBuilder item = new StringBuilder();
        for (int i = start + "options [".length(); i < line.length(); i++)
        {
            final char c = line.charAt(i);
            if (c == ']' && depth == 0)
            {
                break;
            }
            if (c == '[')
            {
                depth++;
            }
            else if (c == ']')
            {
                depth--;
            }
            else if (c == '{')
            {
                braces++;
            }
            else if (c == '}')
            {
                braces--;
            }
            if (c == ',' && depth == 0 && braces == 0)
            {
                add(out, item);
                item = new StringBuilder();
                continue;
            }
            item.append(c);
        }
        add(out, item);
        return out;
    }

    private static void add(final List<String> out, final StringBuilder item)
    {
        final String s = item.toString().trim();
        if (s.startsWith("mptcp "))
        {
            out.add(s);
        }
    }
}
