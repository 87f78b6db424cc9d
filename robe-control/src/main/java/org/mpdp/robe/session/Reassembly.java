package org.mpdp.robe.session;

import java.util.Arrays;
import java.util.BitSet;

import org.mpdp.robe.net.Segment;

/**
 * The receive side of a session at the data level (RFC 8684 §3.3): each subflow's last DSS mapping turns its
 * in-order bytes into DSNs, the bytes land at their place in the reply buffer (a retransmission or a copy on
 * another subflow lands on the same place), the DATA_ACK is the first DSN not yet held, and the peer's DATA_FIN
 * counts once every byte before it is held.
 */
final class Reassembly
{
    private final byte[] bytes;
    private final BitSet got;
    /** DSN of the first byte (the peer's IDSN + 1). */
    private long base;
    // A DSN is an unsigned 64-bit number: half of them are negative longs, so "seen" is its own flag.
    private long finDsn;
    private boolean finSeen;
    private boolean finDone;
    private boolean overflow;

    /** @param length bytes expected (the echo of the request). */
    Reassembly(final int length)
    {
        bytes = new byte[length];
        got = new BitSet(length);
    }

    /** @param firstDsn the peer's IDSN + 1. */
    void base(final long firstDsn)
    {
        base = firstDsn;
    }

    /** Takes the mapping of a segment's DSS, if it has one, as its subflow's current mapping. */
    void mapping(final Link link, final Segment s)
    {
        if (s.hasMapping())
        {
            link.mapped = true;
            link.mapDsn = s.dsn64() ? s.dsn() : expand(s.dsn(), base + prefix());
            link.mapSsn = s.ssn();
            link.mapLength = s.dataLength();
            link.mapFin = s.dataFin();
            if (s.dataFin())
            {
                // The DATA_FIN takes the last DSN of its mapping and no subflow byte (RFC 8684 §3.3.3).
                finDsn = link.mapDsn + link.mapLength - 1;
                finSeen = true;
            }
        }
    }

    /**
     * In-order subflow bytes.
     *
     * @param link        the subflow's session state.
     * @param s           the segment.
     * @param skip        payload bytes already had.
     * @param length      new bytes.
     * @param relativeSeq subflow sequence number of the first, relative to the peer's ISN.
     */
    void data(final Link link, final Segment s, final int skip, final int length, final int relativeSeq)
    {
        mapping(link, s);
        if (!link.mapped)
        {
            return;
        }
        final int dataBytes = link.mapLength - (link.mapFin ? 1 : 0);
        final int into = relativeSeq - link.mapSsn;
        if (into < 0 || into >= dataBytes)
        {
            return; // no mapping covers these bytes (RFC 8684 §3.3.1 would reset the subflow; we drop them)
        }
        final int n = Math.min(length, dataBytes - into);
        final long position = link.mapDsn + into - base;
        if (position < 0 || position + n > bytes.length)
        {
            overflow |= position + n > bytes.length;
            return;
        }
        s.copyPayload(skip, bytes, (int)position, n);
        got.set((int)position, (int)position + n);
    }

    /** @return bytes held from the start without a hole. */
    int prefix()
    {
        return Math.min(got.nextClearBit(0), bytes.length);
    }

    /** @return whether every byte is held. */
    boolean whole()
    {
        return prefix() == bytes.length;
    }

    /**
     * @return true once, when the peer's DATA_FIN has arrived and every byte before it is held.
     */
    boolean finNowComplete()
    {
        if (finSeen && !finDone && prefix() == finDsn - base)
        {
            finDone = true;
            return true;
        }
        return false;
    }

    /** @return whether the peer's DATA_FIN is acknowledged. */
    boolean finDone()
    {
        return finDone;
    }

    /** @return the DATA_ACK to send. */
    long dataAck()
    {
        return base + prefix() + (finDone ? 1 : 0);
    }

    /**
     * @param request what was sent.
     * @return whether the reply is whole, no more than expected, and equal to it.
     */
    boolean equalTo(final byte[] request)
    {
        return !overflow && whole() && Arrays.equals(request, bytes);
    }

    /** RFC 8684 §3.3: a 32-bit sequence number is the one closest to where we are. */
    static long expand(final long low32, final long reference)
    {
        final long candidate = (reference & 0xFFFF_FFFF_0000_0000L) | low32;
        if (candidate - reference > 0x8000_0000L)
        {
            return candidate - 0x1_0000_0000L;
        }
        if (reference - candidate > 0x8000_0000L)
        {
            return candidate + 0x1_0000_0000L;
        }
        return candidate;
    }
}
