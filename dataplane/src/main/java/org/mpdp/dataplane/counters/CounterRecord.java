package org.mpdp.dataplane.counters;

/**
 * One counter as a reader saw it.
 *
 * @param id        Agrona counter id.
 * @param typeId    type id as stored.
 * @param type      its {@link CounterType}, or null for an id this version does not know.
 * @param firstKey  first key int (port, ring, worker, reason, ...).
 * @param secondKey second key int (queue, worker, ...), {@link CountersFileDescriptor#NULL_KEY} when unused.
 * @param name      short metric name, e.g. "rx"; empty for untyped counters.
 * @param label     the full label.
 * @param value     the value, read with a volatile load.
 */
public record CounterRecord(int id, int typeId, CounterType type, int firstKey, int secondKey, String name,
    String label, long value)
{
    /**
     * @return the group name shown by {@code mpdp stat}.
     */
    public String group()
    {
        return type != null ? type.label() : "type " + typeId;
    }
}
