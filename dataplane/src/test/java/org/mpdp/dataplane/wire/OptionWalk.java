package org.mpdp.dataplane.wire;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * Test-side walk over a parsed segment's TCP options that parses each MPTCP option on its own (the
 * parser's holder keeps one slot per subtype; comparisons with tcpdump and tshark need them in order).
 */
final class OptionWalk
{
    /**
     * One MPTCP option.
     *
     * @param length  its length byte.
     * @param subtype its subtype, or -1 when too short to have one.
     * @param reason  {@link Malformed#NONE} or the rule it broke.
     * @param fields  what the parser read from it alone.
     */
    record Option(int length, int subtype, int reason, MptcpOptions fields)
    {
    }

    private OptionWalk()
    {
    }

    /**
     * @param s     segment holding the frame.
     * @param frame offset of the frame.
     * @param p     the frame, parsed with status TCP.
     * @return its MPTCP options in order; the walk stops where the TCP option list is broken.
     */
    static List<Option> mptcp(final MemorySegment s, final long frame, final ParsedPacket p)
    {
        final List<Option> out = new ArrayList<>();
        int o = p.l4Offset + 20;
        final int end = p.l4Offset + p.tcpHeaderLength;
        while (o < end)
        {
            final int kind = Bytes.u8(s, frame + o);
            if (kind == 0)
            {
                break;
            }
            if (kind == 1)
            {
                o++;
                continue;
            }
            if (o + 2 > end)
            {
                break;
            }
            final int length = Bytes.u8(s, frame + o + 1);
            if (length < 2 || o + length > end)
            {
                break;
            }
            if (kind == Mptcp.OPTION_KIND)
            {
                final MptcpOptions one = new MptcpOptions();
                final int reason = MptcpOptionParser.parse(s, frame, frame + o, length, p.tcpFlags, one);
                out.add(new Option(length, length >= 3 ? Bytes.u8(s, frame + o + 2) >>> 4 : -1, reason, one));
            }
            o += length;
        }
        return out;
    }
}
