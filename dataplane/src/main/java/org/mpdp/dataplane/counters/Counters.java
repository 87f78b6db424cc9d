package org.mpdp.dataplane.counters;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersManager;
import org.agrona.concurrent.status.CountersReader;

/**
 * The process's counters: Agrona's CountersManager, over off-heap buffers of this process or over a
 * {@link CountersFile} that {@code mpdp stat} reads from another process. Writers are single threads
 * using release stores; any thread reads them with {@link CountersReader}. Allocating a counter is not
 * thread-safe and allocates; do it before the loops start.
 */
public final class Counters
{
    private final CountersManager manager;
    private final UnsafeBuffer key = new UnsafeBuffer(new byte[CountersReader.MAX_KEY_LENGTH]);
    private final UnsafeBuffer label = new UnsafeBuffer(new byte[CountersReader.MAX_LABEL_LENGTH]);

    /**
     * In-process counters.
     *
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
     * Counters over a given manager, e.g. one over a mapped file.
     *
     * @param manager the manager.
     */
    public Counters(final CountersManager manager)
    {
        this.manager = manager;
    }

    /**
     * @param label what the counter counts, e.g. "port 0 net_null0 rx packets".
     * @return a new counter at 0, of type {@link CounterType#OTHER}.
     */
    public AtomicCounter newCounter(final String label)
    {
        return manager.newCounter(label);
    }

    /**
     * A counter {@code mpdp stat} can group by type and key.
     *
     * @param type      what it belongs to.
     * @param firstKey  first key int, e.g. the port id (see {@link CounterType#firstKey()}).
     * @param secondKey second key int, e.g. the queue, or {@link CountersFileDescriptor#NULL_KEY}.
     * @param name      short metric name, ASCII, e.g. "rx" or "imissed".
     * @param text      the full label, e.g. "port 0 net_null0 q0 rx".
     * @return a new counter at 0.
     * @throws IllegalStateException when the counters are full.
     */
    public AtomicCounter newCounter(final CounterType type, final int firstKey, final int secondKey, final String name,
        final String text)
    {
        final byte[] nameBytes = name.getBytes(StandardCharsets.US_ASCII);
        if (nameBytes.length > CountersFileDescriptor.KEY_NAME_MAX_LENGTH)
        {
            throw new IllegalArgumentException("counter name=" + name + " longer than " +
                CountersFileDescriptor.KEY_NAME_MAX_LENGTH + " bytes");
        }
        key.setMemory(0, key.capacity(), (byte)0);
        key.putInt(CountersFileDescriptor.KEY_FIRST_OFFSET, firstKey);
        key.putInt(CountersFileDescriptor.KEY_SECOND_OFFSET, secondKey);
        key.putInt(CountersFileDescriptor.KEY_NAME_LENGTH_OFFSET, nameBytes.length);
        key.putBytes(CountersFileDescriptor.KEY_NAME_OFFSET, nameBytes);
        final byte[] textBytes = text.getBytes(StandardCharsets.UTF_8);
        final int labelLength = Math.min(textBytes.length, CountersReader.MAX_LABEL_LENGTH);
        label.putBytes(0, textBytes, 0, labelLength);
        return manager.newCounter(type.id(), key, 0, CountersReader.MAX_KEY_LENGTH, label, 0, labelLength);
    }

    /**
     * @return a reader over every counter.
     */
    public CountersReader reader()
    {
        return manager;
    }
}
