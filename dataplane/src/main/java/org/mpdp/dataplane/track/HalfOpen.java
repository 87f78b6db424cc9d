package org.mpdp.dataplane.track;

/**
 * The budget for embryonic state: subflows seen opening (an MP_CAPABLE SYN, a join SYN with a known
 * token, MPTCP options mid-stream) that are not yet part of an established connection. Like a SYN
 * cache, it is a FIFO of bounded size: when full, the oldest embryonic subflow is recycled to admit
 * the new one, so a flood of spoofed SYNs can only push out other half-open entries, never an
 * established connection, and a legitimate handshake survives unless more than {@code budget} SYNs
 * arrive between its SYN and its completion. Idle entries also expire from the head, a bounded
 * number per call.
 *
 * <p>Entries leave the FIFO lazily: a subflow that gets established or freed is only marked, and its
 * ring entry is skipped when it reaches the head ({@link SubflowTable#ticket} tells a stale entry).
 */
final class HalfOpen
{
    private final int[] ringSlot;
    private final long[] ringTicket;
    private final int ringMask;
    private final int budget;
    private long head;
    private long tail;
    private int live;
    private long recycled;
    private long expired;

    /**
     * @param budget most embryonic subflows at once.
     */
    HalfOpen(final int budget)
    {
        this.budget = Math.max(1, budget);
        final int ring = Integer.highestOneBit(Math.max(4, this.budget * 2 - 1)) << 1;
        ringSlot = new int[ring];
        ringTicket = new long[ring];
        ringMask = ring - 1;
    }

    /**
     * Makes room for one more embryonic subflow, recycling the oldest when the budget (or the ring,
     * cluttered by stale entries) is full, or when the subflow table has no free slot.
     *
     * @return whether there is room now.
     */
    boolean makeRoom(final SubflowTable subflows, final ConnectionTable connections)
    {
        while (live >= budget || tail - head > ringMask || !subflows.hasRoom())
        {
            if (head == tail)
            {
                return subflows.hasRoom() && live < budget;
            }
            final int slot = pop(subflows);
            if (slot >= 0)
            {
                subflows.free(slot, connections);
                recycled++;
            }
        }
        return true;
    }

    /** Admits a subflow just added to the table (call {@link #makeRoom} first). */
    void admit(final SubflowTable subflows, final int slot)
    {
        final long t = tail++;
        ringSlot[(int)t & ringMask] = slot;
        ringTicket[(int)t & ringMask] = t;
        subflows.ticket[slot] = t;
        subflows.embryonic[slot] = true;
        live++;
    }

    /** The subflow is established (or about to be freed): it no longer counts against the budget. */
    void leave(final SubflowTable subflows, final int slot)
    {
        if (subflows.embryonic[slot])
        {
            subflows.embryonic[slot] = false;
            live--;
        }
    }

    /**
     * Pops the head; returns its slot if it was a live embryonic entry (now out of the FIFO), else -1.
     */
    private int pop(final SubflowTable subflows)
    {
        final long h = head++;
        final int slot = ringSlot[(int)h & ringMask];
        if (subflows.embryonic[slot] && subflows.ticket[slot] == ringTicket[(int)h & ringMask])
        {
            subflows.embryonic[slot] = false;
            live--;
            return slot;
        }
        return -1;
    }

    /**
     * Frees half-open subflows quiet for longer than {@code idleNanos}, from the head, examining at most
     * {@code maxWork} ring entries; one still active goes back to the tail (so the FIFO works as a clock).
     *
     * @param listener told before an unbound subflow is freed (may be null).
     * @return ring entries examined.
     */
    int expire(final SubflowTable subflows, final ConnectionTable connections, final long now, final long idleNanos,
        final int maxWork, final Tracker.EvictionListener listener)
    {
        int work = 0;
        while (head != tail && work < maxWork)
        {
            work++;
            final long h = head++;
            final int slot = ringSlot[(int)h & ringMask];
            if (!subflows.embryonic[slot] || subflows.ticket[slot] != ringTicket[(int)h & ringMask])
            {
                continue;
            }
            if (now - subflows.lastSeen(slot) <= idleNanos)
            {
                final long t = tail++;
                ringSlot[(int)t & ringMask] = slot;
                ringTicket[(int)t & ringMask] = t;
                subflows.ticket[slot] = t;
                continue;
            }
            if (listener != null && subflows.connection(slot) < 0)
            {
                listener.onEvictSubflow(slot);
            }
            subflows.embryonic[slot] = false;
            live--;
            subflows.free(slot, connections);
            expired++;
        }
        return work;
    }

    /**
     * @return embryonic subflows now.
     */
    int live()
    {
        return live;
    }

    /**
     * @return the budget.
     */
    int budget()
    {
        return budget;
    }

    /**
     * @return embryonic subflows recycled to admit newer ones.
     */
    long recycled()
    {
        return recycled;
    }

    /**
     * @return embryonic subflows freed as idle.
     */
    long expired()
    {
        return expired;
    }
}
