package org.mpdp.dataplane.track;

/**
 * The mapped data of one direction of a connection: a gap-free prefix ({@link ConnectionTable#contiguousEnd})
 * plus up to {@link ConnectionTable#ISLANDS} islands above it, so mappings that arrive out of order are
 * not mistaken for reinjections. 64-bit DSNs.
 */
final class Scoreboard
{
    private Scoreboard()
    {
    }

    /**
     * Adds [start, end) to direction {@code d} (= 2 * c + direction).
     *
     * @return bytes of [start, end) that were mapped before (a reinjection).
     */
    static long add(final ConnectionTable t, final int c, final int d, final long start, final long end)
    {
        final int base = d * ConnectionTable.ISLANDS;
        final long[] islandStart = t.islandStart;
        final long[] islandEnd = t.islandEnd;
        long contiguous = t.contiguousEnd(d);
        int islands = t.islands(d);
        long overlap = Math.max(0, Math.min(end, contiguous) - start);
        for (int i = 0; i < islands; i++)
        {
            overlap += Math.max(0, Math.min(end, islandEnd[base + i]) - Math.max(start, islandStart[base + i]));
        }
        long s = start;
        long e = end;
        // Merge every island that touches [s, e) into it.
        for (int i = 0; i < islands; )
        {
            if (islandStart[base + i] <= e && islandEnd[base + i] >= s)
            {
                s = Math.min(s, islandStart[base + i]);
                e = Math.max(e, islandEnd[base + i]);
                final int last = --islands;
                islandStart[base + i] = islandStart[base + last];
                islandEnd[base + i] = islandEnd[base + last];
            }
            else
            {
                i++;
            }
        }
        if (s <= contiguous)
        {
            contiguous = Math.max(contiguous, e);
            t.contiguousEnd(d, contiguous);
        }
        else if (islands < ConnectionTable.ISLANDS)
        {
            islandStart[base + islands] = s;
            islandEnd[base + islands] = e;
            islands++;
        }
        else
        {
            t.mappingOverflow[c] = true;
        }
        t.islands(d, islands);
        return overlap;
    }
}
