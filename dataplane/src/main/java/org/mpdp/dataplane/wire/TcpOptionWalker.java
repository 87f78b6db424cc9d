package org.mpdp.dataplane.wire;

import static org.mpdp.dataplane.wire.Bytes.u16;
import static org.mpdp.dataplane.wire.Bytes.u32;
import static org.mpdp.dataplane.wire.Bytes.u8;

import java.lang.foreign.MemorySegment;

/**
 * Walks a TCP header's option space (RFC 9293 3.1) and hands every MPTCP option to
 * {@link MptcpOptionParser}; the option space may be cut short by the readable bytes.
 */
final class TcpOptionWalker
{
    /** NOP, NOP, kind 8 (timestamps), length 10. */
    private static final int ALIGNED_TIMESTAMP_HEADER = 0x0101080A;
    private static final int ALIGNED_TIMESTAMP_LENGTH = 12;
    private static final int TCPOPT_EOL = 0;
    private static final int TCPOPT_NOP = 1;

    private TcpOptionWalker()
    {
    }

    /**
     * RFC 9293 3.1 option walk with Linux's guards: EOL ends, NOP skips, length < 2 or past the end stops.
     * Options end at {@code end}; only bytes before {@code readable} (at most {@code end}) are read, and
     * an option that runs past {@code readable} but not past {@code end} is cut, not malformed.
     */
    static void walk(final MemorySegment s, final long frame, final int start, final int end, final int readable,
        final ParsedPacket out, final long[] malformedCounts)
    {
        int o = start;
        // Most segments start with NOP, NOP, timestamps (RFC 7323 appendix A layout): skip all 12 bytes
        // with one read, as Linux's tcp_parse_aligned_timestamp does.
        if (o + ALIGNED_TIMESTAMP_LENGTH <= readable && u32(s, frame + o) == ALIGNED_TIMESTAMP_HEADER)
        {
            o += ALIGNED_TIMESTAMP_LENGTH;
        }
        while (o < readable)
        {
            final int kind = u8(s, frame + o);
            if (kind == TCPOPT_EOL)
            {
                return;
            }
            if (kind == TCPOPT_NOP)
            {
                o++;
                continue;
            }
            if (o + 2 > end)
            {
                optionMalformed(out, Malformed.OPTION_BAD_LENGTH, malformedCounts);
                return;
            }
            if (o + 2 > readable)
            {
                return;
            }
            final int length = u16(s, frame + o) & 0xFF;
            if (length < 2)
            {
                optionMalformed(out, Malformed.OPTION_BAD_LENGTH, malformedCounts);
                return;
            }
            if (o + length > end)
            {
                optionMalformed(out, Malformed.OPTION_TRUNCATED, malformedCounts);
                return;
            }
            if (o + length > readable)
            {
                return;
            }
            if (kind == Mptcp.OPTION_KIND)
            {
                final int reason = MptcpOptionParser.parse(s, frame, frame + o, length, out.tcpFlags, out.mptcp);
                if (reason != Malformed.NONE)
                {
                    malformedCounts[reason]++;
                    if (out.mptcp.malformed == Malformed.NONE)
                    {
                        out.mptcp.malformed = reason;
                    }
                }
            }
            o += length;
        }
    }

    private static void optionMalformed(final ParsedPacket out, final int reason, final long[] malformedCounts)
    {
        malformedCounts[reason]++;
        out.tcpOptionMalformed = reason;
    }
}
