package org.mpdp.dataplane.steer;

/**
 * Join SYNs whose token is not published yet, held by one steering thread until every worker has
 * handled what was in its ring when the join was parked. The race it closes: the third ACK that
 * reveals the connection's keys may still sit in its owner's ring (a pcap replay does not wait for
 * the SYN/ACK to cross the box as a live client does); the owner publishes the tokens while
 * handling it, so once each worker's consumer position has passed the producer position recorded
 * for it, the token lookup is retried and, if the token is still unknown, the join goes to its
 * 4-tuple hash owner (which refuses it as an unknown token, RFC 8684 §3.2).
 *
 * <p>Rules:
 * <ul>
 * <li>positions are recorded at the first {@link #poll} after {@link #park} (the steering thread
 *     polls after it has committed the current burst to the rings, so a third ACK steered just before
 *     the join in the same RX burst is covered);</li>
 * <li>release is in park order (positions only grow, so the oldest entry is always the first ready);
 *     an entry also leaves after {@code maxParkNanos} (a stalled worker must not hold joins for
 *     ever), counted as {@link #timedOut()}; it then takes the same lookup;</li>
 * <li>packets of a parked join's subflow that arrive after it (the {@link Steerer} parks them as
 *     followers) are released behind it, to the same owner;</li>
 * <li>at most {@code capacity} packets; {@link #park} returns false when full, counted as
 *     {@link #overflow()}, and the caller sends the packet to {@link Steerer#lastHashOwner()}.</li>
 * </ul>
 * Ordering across steering threads is not restored: a third ACK that another RX thread has not yet
 * enqueued when the join is parked is covered only if it reaches a ring before the positions are
 * passed. Nothing is allocated after construction. Single-threaded (the steering thread).
 */
public final class ParkedJoins
{
    private static final int NO_OWNER = -1;

    private final BurstRing[] rings;
    private final OwnerDirectory directory;
    private final int capacity;
    private final int workers;
    private final long maxParkNanos;

    private final long[] mbuf;
    private final long[] stamp;
    private final int[] port;
    private final int[] queue;
    private final long[] subflowKey;
    private final int[] token;
    private final boolean[] join;
    private final long[] parkedAt;
    private final int[] owner;
    private final long[] positions;

    private long head;
    private long tail;
    private long unsealed;

    private long parked;
    private long released;
    private long releasedByToken;
    private long releasedUnknown;
    private long sharedToken;
    private long timedOut;
    private long overflow;

    /**
     * @param capacity     most packets parked at once.
     * @param rings        the workers' rings, index = worker.
     * @param directory    the shared directory.
     * @param maxParkNanos longest a packet stays parked.
     */
    public ParkedJoins(final int capacity, final BurstRing[] rings, final OwnerDirectory directory,
        final long maxParkNanos)
    {
        if (capacity < 1)
        {
            throw new IllegalArgumentException("capacity=" + capacity + " must be >= 1");
        }
        if (rings.length != directory.workers())
        {
            throw new IllegalArgumentException("rings=" + rings.length + " != workers=" + directory.workers());
        }
        this.rings = rings.clone();
        this.directory = directory;
        this.capacity = capacity;
        this.workers = rings.length;
        this.maxParkNanos = maxParkNanos;
        keyCounts = new KeyCounts(capacity);
        mbuf = new long[capacity];
        stamp = new long[capacity];
        port = new int[capacity];
        queue = new int[capacity];
        subflowKey = new long[capacity];
        token = new int[capacity];
        join = new boolean[capacity];
        parkedAt = new long[capacity];
        owner = new int[capacity];
        positions = new long[capacity * workers];
    }

    /**
     * Parks the packet {@code steerer} just answered {@link Steerer#PARK} for.
     *
     * @param now nanos (one clock read per cycle is enough).
     * @return false when full (counted): send it to {@link Steerer#lastHashOwner()} instead.
     */
    public boolean park(final long mbuf, final long stamp, final int port, final int queue, final Steerer steerer,
        final long now)
    {
        if (tail - head == capacity)
        {
            overflow++;
            return false;
        }
        final int e = (int)(tail % capacity);
        this.mbuf[e] = mbuf;
        this.stamp[e] = stamp;
        this.port[e] = port;
        this.queue[e] = queue;
        subflowKey[e] = steerer.lastSubflowKey();
        keyCounts.increment(subflowKey[e]);
        token[e] = steerer.lastToken();
        join[e] = steerer.lastWasJoin();
        parkedAt[e] = now;
        owner[e] = NO_OWNER;
        tail++;
        unsealed++;
        parked++;
        return true;
    }

    private JoinCache joins;
    private final KeyCounts keyCounts;

    /**
     * @param cache where released joins are remembered until their owner has published them (the
     *              same cache as this thread's {@link Steerer}); null for none.
     * @return this.
     */
    public ParkedJoins joinCache(final JoinCache cache)
    {
        joins = cache;
        return this;
    }

    /**
     * Records ring positions for packets parked since the last poll, then releases every packet that is
     * due, oldest first. Call once per cycle, after the cycle's bursts were committed to the rings.
     *
     * @return packets released.
     */
    public int poll(final long now, final ReleaseHandler handler)
    {
        if (unsealed > 0)
        {
            seal();
        }
        int n = 0;
        while (head < tail)
        {
            final int e = (int)(head % capacity);
            final boolean due = passed(e);
            final boolean young = now - parkedAt[e] < maxParkNanos;
            if (!due && young)
            {
                break;
            }
            if (due && young && stillUnknown(e))
            {
                // What was ahead has been processed and the token is still unknown: its third ACK may
                // not have been received yet (another queue lags). Wait for what the rings hold now.
                reseal(e);
                break;
            }
            if (!due)
            {
                timedOut++;
            }
            final int to = resolve(e);
            head++;
            keyCounts.decrement(subflowKey[e]);
            released++;
            n++;
            handler.onRelease(mbuf[e], stamp[e], port[e], queue[e], to);
        }
        return n;
    }

    private boolean stillUnknown(final int e)
    {
        return join[e] && owner[e] == NO_OWNER && directory.subflowOwner(subflowKey[e]) < 0 &&
            directory.tokenOwners(token[e]) == 0;
    }

    private void reseal(final int e)
    {
        final int base = e * workers;
        for (int w = 0; w < workers; w++)
        {
            positions[base + w] = rings[w].producerPosition();
        }
    }

    private void seal()
    {
        for (long i = tail - unsealed; i < tail; i++)
        {
            final int e = (int)(i % capacity);
            final int base = e * workers;
            for (int w = 0; w < workers; w++)
            {
                positions[base + w] = rings[w].producerPosition();
            }
        }
        unsealed = 0;
    }

    private boolean passed(final int e)
    {
        final int base = e * workers;
        for (int w = 0; w < workers; w++)
        {
            if (rings[w].consumerPosition() < positions[base + w])
            {
                return false;
            }
        }
        return true;
    }

    private int resolve(final int e)
    {
        if (owner[e] != NO_OWNER)
        {
            return owner[e];
        }
        int to = directory.subflowOwner(subflowKey[e]);
        if (to < 0 && join[e])
        {
            final long owners = directory.tokenOwners(token[e]);
            if (owners != 0)
            {
                if (Long.bitCount(owners) > 1)
                {
                    sharedToken++;
                }
                releasedByToken++;
                to = Long.numberOfTrailingZeros(owners);
            }
        }
        if (to < 0 && joins != null)
        {
            // A follower parked behind a join released earlier, whose owner has not published it yet.
            to = joins.owner(subflowKey[e], System.nanoTime());
        }
        if (to < 0)
        {
            releasedUnknown++;
            to = directory.hashOwner(subflowKey[e]);
        }
        if (join[e] && joins != null)
        {
            joins.remember(subflowKey[e], to, System.nanoTime());
        }
        // Followers of this subflow still parked go where it went, behind it (none when this is its only
        // packet parked, the common case under a flood: no scan then).
        for (long i = keyCounts.count(subflowKey[e]) > 1 ? head + 1 : tail; i < tail; i++)
        {
            final int f = (int)(i % capacity);
            if (subflowKey[f] == subflowKey[e] && owner[f] == NO_OWNER)
            {
                owner[f] = to;
            }
        }
        return to;
    }

    /**
     * @return whether a packet of this subflow is parked (one hash lookup).
     */
    public boolean holds(final long key)
    {
        return keyCounts.contains(key);
    }


    /** @return packets parked now. */
    public int size()
    {
        return (int)(tail - head);
    }

    /** @return packets parked so far. */
    public long parked()
    {
        return parked;
    }

    /** @return packets released so far. */
    public long released()
    {
        return released;
    }

    /** @return joins released to a token owner. */
    public long releasedByToken()
    {
        return releasedByToken;
    }

    /** @return packets released to the 4-tuple hash owner (token still unknown). */
    public long releasedUnknown()
    {
        return releasedUnknown;
    }

    /** @return released joins whose token several workers held (sent to the lowest-numbered). */
    public long sharedToken()
    {
        return sharedToken;
    }

    /** @return packets released by the time limit, not by the ring positions. */
    public long timedOut()
    {
        return timedOut;
    }

    /** @return packets refused because the structure was full. */
    public long overflow()
    {
        return overflow;
    }
}
