package org.mpdp.dataplane.steer;

import org.agrona.DirectBuffer;

/**
 * One burst as a worker sees it in {@link BurstRing#drain}: a flyweight over the ring's memory, valid
 * only during the handler call (the slot is reused once the handler returns).
 *
 * <pre>
 *   0               4               8
 *  +---------------+---------------+-------------------------------+
 *  |     count     |   reserved    |  packet 0 (ENTRY_LENGTH)  ... |
 *  +---------------+---------------+-------------------------------+
 *   packet i at HEADER_LENGTH + i * ENTRY_LENGTH:
 *  +-------------------------------+-------------------------------+---------------+---------------+
 *  |      mbuf address (8)         |   RX stamp, TSC or nanos (8)  |  port (4)     |  queue (4)    |
 *  +-------------------------------+-------------------------------+---------------+---------------+
 * </pre>
 */
public final class BurstView
{
    /** Bytes before the first packet. */
    public static final int HEADER_LENGTH = 8;
    /** Bytes per packet. */
    public static final int ENTRY_LENGTH = 24;
    static final int COUNT_OFFSET = 0;
    static final int MBUF_OFFSET = 0;
    static final int STAMP_OFFSET = 8;
    static final int PORT_OFFSET = 16;
    static final int QUEUE_OFFSET = 20;

    private DirectBuffer buffer;
    private int offset;
    private int count;

    void wrap(final DirectBuffer buffer, final int offset)
    {
        this.buffer = buffer;
        this.offset = offset;
        this.count = buffer.getInt(offset + COUNT_OFFSET);
    }

    /** @return packets in the burst. */
    public int count()
    {
        return count;
    }

    /** @return rte_mbuf address of packet {@code i}; the worker owns it now. */
    public long mbuf(final int i)
    {
        return buffer.getLong(entry(i) + MBUF_OFFSET);
    }

    /** @return RX stamp of packet {@code i}, as the producer wrote it. */
    public long stamp(final int i)
    {
        return buffer.getLong(entry(i) + STAMP_OFFSET);
    }

    /** @return port the packet {@code i} came in on. */
    public int port(final int i)
    {
        return buffer.getInt(entry(i) + PORT_OFFSET);
    }

    /** @return RX queue packet {@code i} came from. */
    public int queue(final int i)
    {
        return buffer.getInt(entry(i) + QUEUE_OFFSET);
    }

    private int entry(final int i)
    {
        return offset + HEADER_LENGTH + i * ENTRY_LENGTH;
    }
}
