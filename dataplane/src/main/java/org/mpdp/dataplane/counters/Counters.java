package org.mpdp.dataplane.counters;

import java.nio.ByteBuffer;

import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersManager;
import org.agrona.concurrent.status.CountersReader;

/**
 * The process's counters: Agrona's CountersManager over off-heap buffers. Writers are single
 * threads using release stores; any thread reads them with {@link CountersReader}.
 */
public final class Counters
{
    private final CountersManager manager;

    /**
     * @param maxCounters room for this many counters.
     */
    public Counters(final int maxCounters)
    {
        final ByteBuffer values = BufferUtil.allocateDirectAligned(maxCounters * CountersReader.COUNTER_LENGTH, 64);
        final ByteBuffer metadata = BufferUtil.allocateDirectAligned(
            maxCounters * CountersReader.METADATA_LENGTH, 64);
        manager = new CountersManager(new UnsafeBuffer(metadata), new UnsafeBuffer(values));
    }

    /**
     * @param label what the counter counts, e.g. "port 0 net_null0 rx packets".
     * @return a new counter at 0.
     */
    public AtomicCounter newCounter(final String label)
    {
        return manager.newCounter(label);
    }

    /**
     * @return a reader over every counter.
     */
    public CountersReader reader()
    {
        return manager;
    }
}
