package org.mpdp.dataplane.track;

import java.util.Arrays;

/**
 * {@link SubflowTable}'s index from 4-tuple (either direction) to slot: open addressing over keyed
 * tuple hashes ({@link FlowHash}, seeded per table), linear probing, backward-shift deletion (no
 * tombstones, so lookups do not decay under churn), probes bounded by {@link SubflowTable#MAX_PROBE}.
 * <p>
 * Two longs per position, so a probe reads one cache line: the tuple hash, then
 * {@code clientPort << 48 | serverPort << 32 | V6_BIT (IPv6) | slot}, or {@link #EMPTY_ENTRY}. A hash
 * and port match is confirmed against the addresses the table keeps in the first four longs of the
 * slot's packed state ({@code hot}), which the table shares with this index.
 */
final class TupleIndex
{
    static final int NONE = -1;
    private static final long EMPTY_ENTRY = -1L;
    private static final long V6_BIT = 1L << 31;
    private static final int SLOT_MASK = 0x7FFF_FFFF;

    private final long[] index;
    private final long[] hot;
    private final int hotLongs;
    private final int mask;
    private final FlowHash hash;
    private int maxProbe;

    /**
     * @param capacity most entries; the index gets at least twice as many positions.
     * @param hash     the keyed tuple hash.
     * @param hot      the table's packed per-slot state: client high, client low, server high, server
     *                 low at {@code hotLongs * slot}.
     * @param hotLongs longs per slot in {@code hot}.
     */
    TupleIndex(final int capacity, final FlowHash hash, final long[] hot, final int hotLongs)
    {
        final int slots = Integer.highestOneBit(Math.max(4, capacity * 2 - 1)) << 1;
        this.index = new long[2 * slots];
        Arrays.fill(index, EMPTY_ENTRY);
        this.hot = hot;
        this.hotLongs = hotLongs;
        this.hash = hash;
        this.mask = slots - 1;
    }

    long key(final long srcHigh, final long srcLow, final int srcPort, final long dstHigh, final long dstLow,
        final int dstPort)
    {
        return hash.tuple(srcHigh, srcLow, srcPort, dstHigh, dstLow, dstPort);
    }

    /**
     * @return the slot, with {@code fromServer} set when the tuple is the reverse of the one added; -1
     *         when unknown.
     */
    int find(final int version, final long srcHigh, final long srcLow, final int srcPort, final long dstHigh,
        final long dstLow, final int dstPort, final int fromServer)
    {
        final long key = key(srcHigh, srcLow, srcPort, dstHigh, dstLow, dstPort);
        final long v6 = version == 6 ? V6_BIT : 0;
        final int forward = srcPort << 16 | dstPort;
        final int reverse = dstPort << 16 | srcPort;
        final long[] index = this.index;
        for (int i = (int)key & mask, n = 0; n < SubflowTable.MAX_PROBE; i = i + 1 & mask, n++)
        {
            final long entry = index[2 * i + 1];
            if (entry == EMPTY_ENTRY)
            {
                return NONE;
            }
            if (index[2 * i] == key && (entry & V6_BIT) == v6)
            {
                final int slot = (int)entry & SLOT_MASK;
                final int ports = (int)(entry >>> 32);
                if (ports == forward && sameTuple(slot, srcHigh, srcLow, dstHigh, dstLow))
                {
                    return slot;
                }
                if (ports == reverse && sameTuple(slot, dstHigh, dstLow, srcHigh, srcLow))
                {
                    return slot | fromServer;
                }
            }
        }
        return NONE;
    }

    private boolean sameTuple(final int slot, final long clientHigh, final long clientLow, final long serverHigh,
        final long serverLow)
    {
        final long[] t = hot;
        final int at = hotLongs * slot;
        return t[at + 1] == clientLow && t[at + 3] == serverLow && t[at] == clientHigh && t[at + 2] == serverHigh;
    }

    /**
     * @return the free position for {@code key} within the probe bound, or -1.
     */
    int freePosition(final long key)
    {
        int at = (int)key & mask;
        int n = 0;
        while (index[2 * at + 1] != EMPTY_ENTRY)
        {
            if (++n == SubflowTable.MAX_PROBE)
            {
                return NONE;
            }
            at = at + 1 & mask;
        }
        maxProbe = Math.max(maxProbe, n + 1);
        return at;
    }

    /** Fills a position {@link #freePosition} returned. */
    void put(final int position, final long key, final int slot, final int version, final int clientPort,
        final int serverPort)
    {
        index[2 * position] = key;
        index[2 * position + 1] = (long)(clientPort << 16 | serverPort) << 32 | (version == 6 ? V6_BIT : 0) | slot;
    }

    /** Removes {@code slot}, indexed under {@code key}, if it is there (backward shift). */
    void remove(final long key, final int slot)
    {
        for (int i = (int)key & mask, n = 0; n < SubflowTable.MAX_PROBE && slotAt(i) != NONE; i = i + 1 & mask, n++)
        {
            if (slotAt(i) == slot)
            {
                delete(i);
                return;
            }
        }
    }

    private void delete(final int position)
    {
        int hole = position;
        index[2 * hole + 1] = EMPTY_ENTRY;
        for (int j = hole + 1 & mask; index[2 * j + 1] != EMPTY_ENTRY; j = j + 1 & mask)
        {
            final int h = (int)index[2 * j] & mask;
            final boolean stays = hole <= j ? hole < h && h <= j : hole < h || h <= j;
            if (!stays)
            {
                index[2 * hole] = index[2 * j];
                index[2 * hole + 1] = index[2 * j + 1];
                index[2 * j + 1] = EMPTY_ENTRY;
                hole = j;
            }
        }
    }

    /** @return the slot at a position, or -1. */
    int slotAt(final int position)
    {
        final long entry = index[2 * position + 1];
        return entry == EMPTY_ENTRY ? NONE : (int)entry & SLOT_MASK;
    }

    /** @return the distance plus one of {@code slot}'s entry from its home position, or 0 when absent (for checks). */
    int probeLength(final long key, final int slot)
    {
        for (int i = (int)key & mask, n = 0; n <= mask && slotAt(i) != NONE; i = i + 1 & mask, n++)
        {
            if (slotAt(i) == slot)
            {
                return n + 1;
            }
        }
        return 0;
    }

    /** @return positions. */
    int size()
    {
        return mask + 1;
    }

    /** @return entries (for checks). */
    int entries()
    {
        int n = 0;
        for (int i = 0; i <= mask; i++)
        {
            n += index[2 * i + 1] != EMPTY_ENTRY ? 1 : 0;
        }
        return n;
    }

    /** @return the longest probe any insertion took. */
    int maxProbe()
    {
        return maxProbe;
    }
}
