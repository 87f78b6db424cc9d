package org.mpdp.dataplane.agent;

/**
 * A FIFO of mbufs, each with the time it may leave: the delay of {@link ImpairingAgent}. The delay is
 * the same for every packet, so arrival order is departure order and a ring suffices. Single-threaded:
 * the agent that fills it drains it. The mbufs in it are the agent's until they leave.
 */
final class DelayLine
{
    private final long[] mbufs;
    private final long[] due;
    private final int mask;
    private long head;
    private long tail;

    /**
     * @param capacity most mbufs held, rounded up to a power of two.
     */
    DelayLine(final int capacity)
    {
        final int size = Integer.highestOneBit(Math.max(2, capacity) * 2 - 1);
        mbufs = new long[size];
        due = new long[size];
        mask = size - 1;
    }

    /** @return whether the mbuf was taken; false when full (the caller still owns it). */
    boolean offer(final long mbuf, final long dueNanos)
    {
        if (tail - head == mbufs.length)
        {
            return false;
        }
        final int i = (int)tail & mask;
        mbufs[i] = mbuf;
        due[i] = dueNanos;
        tail++;
        return true;
    }

    /** @return whether the oldest mbuf may leave at {@code now}. */
    boolean headDue(final long now)
    {
        return head != tail && due[(int)head & mask] - now <= 0;
    }

    /** Removes and returns the oldest mbuf; only after {@link #headDue} or {@link #size} said there is one. */
    long poll()
    {
        return mbufs[(int)head++ & mask];
    }

    /** @return mbufs held. */
    int size()
    {
        return (int)(tail - head);
    }

    /** @return the capacity. */
    int capacity()
    {
        return mbufs.length;
    }
}
