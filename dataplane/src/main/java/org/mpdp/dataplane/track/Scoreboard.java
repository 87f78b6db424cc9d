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
        long overlap = Math.max(0, Math.min(end, t.contiguousEnd[d]) - start);
        for (int i = 0; i < t.islands[d]; i++)
        {
            overlap += Math.max(0, Math.min(end, t.islandEnd[base + i]) - Math.max(start, t.islandStart[base + i]));
        }
        long s = start;
        long e = end;
        // Merge every island that touches [s, e) into it.
        for (int i = 0; i < t.islands[d]; )
        {
            if (t.islandStart[base + i] <= e && t.islandEnd[base + i] >= s)
            {
                s = Math.min(s, t.islandStart[base + i]);
                e = Math.max(e, t.islandEnd[base + i]);
                final int last = --t.islands[d];
                t.islandStart[base + i] = t.islandStart[base + last];
                t.islandEnd[base + i] = t.islandEnd[base + last];
            }
            else
            {
                i++;
            }
        }
        if (s <= t.contiguousEnd[d])
        {
            t.contiguousEnd[d] = Math.max(t.contiguousEnd[d], e);
        }
        else if (t.islands[d] < ConnectionTable.ISLANDS)
        {
            t.islandStart[base + t.islands[d]] = s;
            t.islandEnd[base + t.islands[d]] = e;
            t.islands[d]++;
        }
        else
        {
            t.mappingOverflow[c] = true;
        }
        return overlap;
    }
}
