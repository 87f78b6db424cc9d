package org.mpdp.dataplane.steer;

/**
 * The joins one steering thread has just sent to an owner, remembered for a short while: the owner
 * publishes a join's 4-tuple when it processes the join SYN, but the SYN/ACK and third ACK may reach
 * the steering thread before that (a replay, a backlogged ring). Without this they would go to the
 * 4-tuple hash owner, which has never seen the join. Direct-mapped and time-limited: an entry is used
 * only until {@code ttlNanos} after the SYN was steered, by which time the owner has published (or the
 * join is gone); a live entry is overwritten only when all {@link #PROBES} slots near its home are live. Owned by one thread; allocation-free.
 */
public final class JoinCache
{
    private final long[] keys;
    private final int[] owners;
    private final long[] expires;
    private final int mask;
    private final long ttlNanos;

    /**
     * @param capacity entries (rounded up to a power of two).
     * @param ttlNanos how long an entry is used.
     */
    public JoinCache(final int capacity, final long ttlNanos)
    {
        final int size = Integer.highestOneBit(Math.max(2, capacity - 1)) << 1;
        keys = new long[size];
        owners = new int[size];
        expires = new long[size];
        mask = size - 1;
        this.ttlNanos = ttlNanos;
    }

    private int index(final long key)
    {
        return (int)(key ^ key >>> 29) & mask;
    }

    /** Slots probed from a key's home: a live entry is not overwritten while a free one is this close. */
    static final int PROBES = 8;

    /** A join SYN with this subflow key went to {@code owner} at {@code now}. */
    public void remember(final long key, final int owner, final long now)
    {
        final int home = index(key);
        int at = home;
        for (int n = 0; n < PROBES; n++)
        {
            final int i = home + n & mask;
            if (keys[i] == key || now - expires[i] >= 0)
            {
                at = i;
                break;
            }
        }
        keys[at] = key;
        owners[at] = owner;
        expires[at] = now + ttlNanos;
    }

    /** @return the owner a join with this key was sent to recently, or -1. */
    public int owner(final long key, final long now)
    {
        final int home = index(key);
        for (int n = 0; n < PROBES; n++)
        {
            final int i = home + n & mask;
            if (keys[i] == key && now - expires[i] < 0)
            {
                return owners[i];
            }
        }
        return -1;
    }
}
