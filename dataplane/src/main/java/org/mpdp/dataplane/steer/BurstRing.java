package org.mpdp.dataplane.steer;

import org.agrona.BufferUtil;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

/**
 * The ring into one worker: every steering (RX) thread writes bursts of packets to it, the worker
 * reads them. One message is one burst ({@link BurstView} gives the layout), written in place with
 * {@link #claim} / {@link #put} / {@link #commit}, so a 32-packet burst costs one claim and one commit.
 *
 * <p>One {@link ManyToOneRingBuffer} per worker, not one one-to-one ring per (RX thread, worker) pair:
 * <ul>
 * <li>the worker polls one ring, whatever the number of RX threads;</li>
 * <li>one producer position per worker tells {@link ParkedJoins} when everything any RX thread had
 *     enqueued for that worker before a join was parked has been handled (with pairwise rings it would
 *     need producers x workers positions per parked join);</li>
 * <li>the price is a CAS on the ring's tail per burst instead of a plain store, about one contended
 *     cache line per 32 packets; each producer's bursts stay in its order.</li>
 * </ul>
 * A full ring takes nothing ({@link #claim} returns {@link #INSUFFICIENT_CAPACITY}); the caller still
 * owns the mbufs and frees and counts them. A producer must commit or abort every claim promptly: the
 * worker cannot read past an uncommitted claim.
 */
public final class BurstRing
{
    /** {@link #claim} could not take the burst: the ring is full (or the burst too large). */
    public static final int INSUFFICIENT_CAPACITY = RingBuffer.INSUFFICIENT_CAPACITY;
    /** Agrona message type of a burst. */
    static final int BURST_TYPE_ID = 1;

    private final ManyToOneRingBuffer ring;
    private final UnsafeBuffer buffer;
    private final int maxBurst;
    private final BurstView view = new BurstView();
    private final MessageHandler adapter = this::onMessage;
    private BurstHandler handler;

    /**
     * @param capacityBytes ring data capacity, a power of two, at least 8 x the largest burst message
     *                      ({@code 8 + 8 + 24 x maxBurst} bytes; 64 KiB holds about 80 bursts of 32).
     * @param maxBurst      most packets per burst.
     */
    public BurstRing(final int capacityBytes, final int maxBurst)
    {
        if (maxBurst < 1)
        {
            throw new IllegalArgumentException("maxBurst=" + maxBurst + " must be >= 1");
        }
        this.buffer = new UnsafeBuffer(
            BufferUtil.allocateDirectAligned(capacityBytes + RingBufferDescriptor.TRAILER_LENGTH, 64));
        this.ring = new ManyToOneRingBuffer(buffer);
        this.maxBurst = maxBurst;
        if (messageLength(maxBurst) > ring.maxMsgLength())
        {
            throw new IllegalArgumentException("capacityBytes=" + capacityBytes + " too small for maxBurst=" +
                maxBurst + " (a burst takes " + messageLength(maxBurst) + " bytes, at most capacity/8)");
        }
    }

    private static int messageLength(final int count)
    {
        return BurstView.HEADER_LENGTH + count * BurstView.ENTRY_LENGTH;
    }

    /** @return most packets per burst. */
    public int maxBurst()
    {
        return maxBurst;
    }

    /** @return ring data capacity in bytes. */
    public int capacity()
    {
        return ring.capacity();
    }

    /**
     * Claims room for a burst; any producer thread.
     *
     * @param count packets, 1..{@link #maxBurst()}.
     * @return a claim to {@link #put} into and then {@link #commit} or {@link #abort}, or
     *         {@link #INSUFFICIENT_CAPACITY} when the ring is full or count is out of range.
     */
    public int claim(final int count)
    {
        if (count < 1 || count > maxBurst)
        {
            return INSUFFICIENT_CAPACITY;
        }
        final int index = ring.tryClaim(BURST_TYPE_ID, messageLength(count));
        if (index >= 0)
        {
            buffer.putInt(index + BurstView.COUNT_OFFSET, count);
        }
        return index;
    }

    /**
     * Writes packet {@code i} of a claimed burst, in place in the ring.
     */
    public void put(final int claim, final int i, final long mbuf, final long stamp, final int port,
        final int queue)
    {
        final int entry = claim + BurstView.HEADER_LENGTH + i * BurstView.ENTRY_LENGTH;
        buffer.putLong(entry + BurstView.MBUF_OFFSET, mbuf);
        buffer.putLong(entry + BurstView.STAMP_OFFSET, stamp);
        buffer.putInt(entry + BurstView.PORT_OFFSET, port);
        buffer.putInt(entry + BurstView.QUEUE_OFFSET, queue);
    }

    /** Publishes a claimed burst to the worker (a release store of the record length, inside Agrona). */
    public void commit(final int claim)
    {
        ring.commit(claim);
    }

    /** Gives a claim back unused; the worker skips it. */
    public void abort(final int claim)
    {
        ring.abort(claim);
    }

    /**
     * Claims, fills and commits one burst from arrays.
     *
     * @return {@code count} when enqueued, 0 when the ring is full (the caller still owns every mbuf).
     */
    public int offer(final long[] mbufs, final long[] stamps, final int[] ports, final int[] queues,
        final int count)
    {
        if (count == 0)
        {
            return 0;
        }
        final int claim = claim(count);
        if (claim < 0)
        {
            return 0;
        }
        for (int i = 0; i < count; i++)
        {
            put(claim, i, mbufs[i], stamps[i], ports[i], queues[i]);
        }
        commit(claim);
        return count;
    }

    /**
     * The worker's read: hands up to {@code limit} bursts to the handler, in ring order, then moves the
     * consumer position past them (so past a burst only after its handler call returned). Worker thread only.
     *
     * @return bursts handed over.
     */
    public int drain(final BurstHandler handler, final int limit)
    {
        this.handler = handler;
        return ring.read(adapter, limit);
    }

    private void onMessage(final int typeId, final MutableDirectBuffer buffer, final int index, final int length)
    {
        view.wrap(buffer, index);
        handler.onBurst(view);
    }

    /** @return bytes claimed so far by all producers (monotonic; includes claims not yet committed). */
    public long producerPosition()
    {
        return ring.producerPosition();
    }

    /** @return bytes the worker has finished with (monotonic). */
    public long consumerPosition()
    {
        return ring.consumerPosition();
    }

    /** @return bytes waiting. */
    public int size()
    {
        return ring.size();
    }
}
