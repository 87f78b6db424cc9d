package org.mpdp.dataplane.agent;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import org.mpdp.dpdk.FastPath;

/**
 * Mbufs a thread has decided to free (dropped by verdict, refused by a full ring), freed in bulk
 * with one {@code rte_pktmbuf_free} range call. Owned by one thread; the owner flushes once per cycle
 * so nothing is held between cycles.
 */
final class FreeList
{
    private final MemorySegment pointers;
    private final int capacity;
    private int count;

    FreeList(final int capacity, final Arena arena)
    {
        this.capacity = capacity;
        pointers = arena.allocate(ValueLayout.JAVA_LONG, capacity);
    }

    void add(final long mbuf)
    {
        pointers.setAtIndex(ValueLayout.JAVA_LONG, count++, mbuf);
        if (count == capacity)
        {
            flush();
        }
    }

    void flush()
    {
        if (count > 0)
        {
            FastPath.freeRange(pointers, 0, count);
            count = 0;
        }
    }
}
