package org.mpdp.dataplane.mirror;

import org.agrona.BufferUtil;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

/**
 * The ring from every worker to the mirror writer: one record per mirrored packet, a copy of its first
 * {@code snaplen} bytes with what the writer needs to name it. One shared many-to-one ring (a CAS per
 * record): mirrored packets are rare by construction (rate-limited), so one ring is simpler than one per
 * worker and keeps the file in one order. Preallocated; a full ring takes nothing and the worker counts it.
 *
 * <pre>
 *   0                               8               12      14      16              20              24
 *  +-------------------------------+---------------+-------+-------+---------------+---------------+------...
 *  |  time, System.nanoTime (8)    |   port (4)    |reason |action |original length| captured len  | bytes
 *  +-------------------------------+---------------+-------+-------+---------------+---------------+------...
 * </pre>
 */
public final class MirrorRing
{
    static final int NANOS_OFFSET = 0;
    static final int PORT_OFFSET = 8;
    static final int REASON_OFFSET = 12;
    static final int ACTION_OFFSET = 14;
    static final int ORIGINAL_LENGTH_OFFSET = 16;
    static final int CAPTURED_LENGTH_OFFSET = 20;
    static final int HEADER_LENGTH = 24;
    private static final int MIRROR_TYPE_ID = 1;

    private final ManyToOneRingBuffer ring;
    private final UnsafeBuffer buffer;
    private final int snaplen;

    /**
     * @param capacityBytes ring data capacity, a power of two, at least 8 records of {@code snaplen}.
     * @param snaplen       most bytes of a packet copied.
     */
    public MirrorRing(final int capacityBytes, final int snaplen)
    {
        buffer = new UnsafeBuffer(BufferUtil.allocateDirectAligned(capacityBytes + RingBufferDescriptor.TRAILER_LENGTH,
            64));
        ring = new ManyToOneRingBuffer(buffer);
        this.snaplen = snaplen;
        if (HEADER_LENGTH + snaplen > ring.maxMsgLength())
        {
            throw new IllegalArgumentException("capacityBytes=" + capacityBytes + " too small for snaplen=" + snaplen);
        }
    }

    /** @return most bytes of a packet copied. */
    public int snaplen()
    {
        return snaplen;
    }

    /**
     * Copies a packet's first bytes into the ring; any worker thread.
     *
     * @param frame    the packet's first segment (a view the caller owns and reuses).
     * @param original the packet's whole length.
     * @return whether it fitted (false: the ring is full).
     */
    boolean offer(final DirectBuffer frame, final int original, final int port, final int reason, final int action,
        final long nanos)
    {
        final int captured = Math.min(snaplen, frame.capacity());
        final int index = ring.tryClaim(MIRROR_TYPE_ID, HEADER_LENGTH + captured);
        if (index < 0)
        {
            return false;
        }
        buffer.putLong(index + NANOS_OFFSET, nanos);
        buffer.putInt(index + PORT_OFFSET, port);
        buffer.putShort(index + REASON_OFFSET, (short)reason);
        buffer.putShort(index + ACTION_OFFSET, (short)action);
        buffer.putInt(index + ORIGINAL_LENGTH_OFFSET, original);
        buffer.putInt(index + CAPTURED_LENGTH_OFFSET, captured);
        buffer.putBytes(index + HEADER_LENGTH, frame, 0, captured);
        ring.commit(index);
        return true;
    }

    /** The writer's read: up to {@code limit} records. Writer thread only. */
    int read(final MessageHandler handler, final int limit)
    {
        return ring.read(handler, limit);
    }

    /** @return whether nothing is waiting. */
    public boolean empty()
    {
        return ring.consumerPosition() == ring.producerPosition();
    }
}
