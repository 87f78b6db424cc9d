package org.mpdp.dataplane.port;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import org.mpdp.dpdk.FastPath;

/**
 * A native array of mbuf pointers reused for every RX/TX burst, with the count last received.
 * The thread that fills it owns the mbufs in it until it sends or frees them.
 */
public final class Burst
{
    /** DPDK's customary burst size (l2fwd's MAX_PKT_BURST). */
    public static final int DEFAULT_SIZE = 32;

    private final MemorySegment pointers;
    private final int capacity;
    private int count;

    /**
     * @param capacity most mbufs per burst.
     * @param arena    owner of the native array; must outlive the burst.
     */
    public Burst(final int capacity, final Arena arena)
    {
        if (capacity < 1 || capacity > FastPath.MAX_BURST)
        {
            throw new IllegalArgumentException("burst capacity=" + capacity + " must be in [1, " + FastPath.MAX_BURST + "]");
        }
        this.capacity = capacity;
        // Cache-line aligned so the driver's stores of pointers do not straddle lines.
        this.pointers = arena.allocate((long)capacity * Long.BYTES, 64);
    }

    /**
     * @return the native pointer array.
     */
    public MemorySegment pointers()
    {
        return pointers;
    }

    /**
     * @return most mbufs per burst.
     */
    public int capacity()
    {
        return capacity;
    }

    /**
     * @return mbufs held.
     */
    public int count()
    {
        return count;
    }

    /**
     * @param index position.
     * @return rte_mbuf address at that position.
     */
    public long mbuf(final int index)
    {
        return pointers.getAtIndex(ValueLayout.JAVA_LONG, index);
    }

    /**
     * @param index position.
     * @param mbuf  rte_mbuf address.
     */
    public void mbuf(final int index, final long mbuf)
    {
        pointers.setAtIndex(ValueLayout.JAVA_LONG, index, mbuf);
    }

    /**
     * Receives up to {@link #capacity()} packets.
     *
     * @param port  port id.
     * @param queue RX queue.
     * @return how many were received.
     */
    public int receive(final int port, final int queue)
    {
        count = FastPath.rxBurst(port, queue, pointers, capacity);
        return count;
    }

    /**
     * Receives up to {@code max} packets (at most {@link #capacity()}), for a paced receiver.
     *
     * @param port  port id.
     * @param queue RX queue.
     * @param max   most packets to take now.
     * @return how many were received.
     */
    public int receive(final int port, final int queue, final int max)
    {
        count = max <= 0 ? 0 : FastPath.rxBurst(port, queue, pointers, Math.min(max, capacity));
        return count;
    }

    /**
     * Sends every mbuf held and frees the ones the driver did not take, so the burst owns nothing after.
     *
     * @param port  port id.
     * @param queue TX queue.
     * @return how many were sent; {@code count() - result} were freed (a counted TX drop).
     */
    public int sendAll(final int port, final int queue)
    {
        final int n = count;
        final int sent = n == 0 ? 0 : FastPath.txBurst(port, queue, pointers, n);
        if (sent < n)
        {
            FastPath.freeRange(pointers, sent, n);
        }
        count = 0;
        return sent;
    }

    /**
     * Sets how many mbufs are held, after filling {@link #pointers()} directly.
     *
     * @param count mbufs held.
     */
    public void count(final int count)
    {
        if (count < 0 || count > capacity)
        {
            throw new IllegalArgumentException("count=" + count + " capacity=" + capacity);
        }
        this.count = count;
    }

    /**
     * Frees every mbuf held.
     */
    public void freeAll()
    {
        FastPath.freeRange(pointers, 0, count);
        count = 0;
    }
}
