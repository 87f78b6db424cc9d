package org.mpdp.dataplane.track;

/**
 * Frees what has ended or gone quiet, in bounded slices so a worker never stalls: a clock hand
 * walks the connection slots, examining at most a budget of slots per call, and frees connections
 * idle for longer than the idle timeout or ended (DATA_FIN, FASTCLOSE, every subflow RST) and quiet
 * for longer than the linger time, with their subflows (walked through the connection's list, not
 * the table); half-open subflows expire from the head of {@link HalfOpen}'s FIFO, also bounded.
 */
final class Eviction
{
    private final TrackState st;
    private int hand;
    private int lastWork;
    private int maxWork;
    private long evicted;

    Eviction(final TrackState state)
    {
        st = state;
    }

    /**
     * @param budget most connection slots (and as many half-open entries) examined in this call.
     * @return connections freed.
     */
    int sweep(final long idleNanos, final long closedNanos, final Tracker.EvictionListener listener, final int budget)
    {
        final ConnectionTable ct = st.connections;
        final long now = st.now;
        int freed = 0;
        int work = 0;
        final int slots = Math.min(budget, ct.capacity);
        for (int n = 0; n < slots; n++)
        {
            final int c = hand;
            hand = hand + 1 == ct.capacity ? 0 : hand + 1;
            work++;
            if (!ct.inUse[c])
            {
                continue;
            }
            final long quiet = now - ct.lastSeen(c);
            if (quiet > idleNanos || ct.end[c] != ConnectionTable.END_OPEN && quiet > closedNanos)
            {
                if (listener != null)
                {
                    listener.onEvict(c);
                }
                work += free(c);
                freed++;
            }
        }
        work += st.halfOpen.expire(st.subflows, ct, now, closedNanos, budget, listener);
        lastWork = work;
        maxWork = Math.max(maxWork, work);
        evicted += freed;
        return freed;
    }

    /** Frees a connection and its subflows; returns the subflows freed. */
    private int free(final int c)
    {
        int n = 0;
        for (int s = st.connections.firstSubflow[c]; s != SubflowTable.NONE; s = st.connections.firstSubflow[c])
        {
            st.freeSubflow(s);
            n++;
        }
        st.keys256.clear(2 * c);
        st.keys256.clear(2 * c + 1);
        st.connections.free(c);
        return n;
    }

    /**
     * @return slots and entries examined by the last call (connections, their subflows, half-open entries).
     */
    int lastWork()
    {
        return lastWork;
    }

    /**
     * @return the most any call examined.
     */
    int maxWork()
    {
        return maxWork;
    }

    /**
     * @return connections freed so far.
     */
    long evicted()
    {
        return evicted;
    }
}
