package org.mpdp.dataplane.agent;

import java.lang.foreign.MemorySegment;

import org.mpdp.dataplane.wire.ParsedPacket;

/**
 * The packets of one burst a worker is about to track, parsed once and kept with their mbuf, stamp,
 * RX port and frame, so that the tracker can be shown the whole burst first
 * ({@code Tracker.beginBurst/offer/verifyOffered}: the third-ACK HMACs of a burst are computed
 * together by the Vector API) and then track them one by one in their order. Preallocated; nothing
 * here allocates. The mbufs stay the worker's: this only remembers them until the worker processes
 * them, within the same cycle.
 */
final class TrackBatch
{
    private final ParsedPacket[] packets;
    private final long[] mbufs;
    private final long[] stamps;
    private final int[] ports;
    private final MemorySegment[] segments;
    private final long[] frames;
    private int count;

    TrackBatch(final int capacity)
    {
        packets = new ParsedPacket[capacity];
        for (int i = 0; i < capacity; i++)
        {
            packets[i] = new ParsedPacket();
        }
        mbufs = new long[capacity];
        stamps = new long[capacity];
        ports = new int[capacity];
        segments = new MemorySegment[capacity];
        frames = new long[capacity];
    }

    /** @return the slot to parse the next packet into (kept only by {@link #keep}). */
    ParsedPacket next()
    {
        return packets[count];
    }

    /** Keeps the packet parsed into {@link #next()}. */
    void keep(final long mbuf, final long stamp, final int port, final MemorySegment segment, final long frame)
    {
        mbufs[count] = mbuf;
        stamps[count] = stamp;
        ports[count] = port;
        segments[count] = segment;
        frames[count] = frame;
        count++;
    }

    /** @return whether no slot is left: process what is kept before parsing more. */
    boolean full()
    {
        return count == packets.length;
    }

    int count()
    {
        return count;
    }

    ParsedPacket packet(final int i)
    {
        return packets[i];
    }

    long mbuf(final int i)
    {
        return mbufs[i];
    }

    long stamp(final int i)
    {
        return stamps[i];
    }

    int port(final int i)
    {
        return ports[i];
    }

    MemorySegment segment(final int i)
    {
        return segments[i];
    }

    long frame(final int i)
    {
        return frames[i];
    }

    /** Forgets the kept packets (after they were processed). */
    void clear()
    {
        count = 0;
    }
}
