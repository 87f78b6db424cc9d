package org.mpdp.dataplane.counters;

/**
 * What a counter belongs to, stored as its Agrona type id so {@code mpdp stat} can group counters and
 * name the two key fields. The ids are part of the counters file format: never renumber one, only add.
 * Agrona's {@link org.agrona.concurrent.status.CountersReader#DEFAULT_TYPE_ID} (0) is {@link #OTHER}.
 */
public enum CounterType
{
    /** Counters made with a label only. */
    OTHER(0, "other", null, null),
    /** Per port and queue, as the loop sees it: rx, tx, tx-dropped. Key: port, queue. */
    PORT_QUEUE(1, "port queue", "port", "queue"),
    /** Per port, as the driver sees it (rte_eth_stats): ipackets, opackets, imissed, ierrors, ... Key: port. */
    PORT(2, "port", "port", null),
    /** Per ring between agents: enqueued, full. Key: ring, and the worker it feeds (or -1). */
    RING(3, "ring", "ring", "worker"),
    /** Per worker agent: packets, bursts, idle passes. Key: worker. */
    WORKER(4, "worker", "worker", null),
    /** Packets per verdict reason ({@code track.Reason}). Key: reason code, worker (or -1). */
    REASON(5, "verdict reason", "reason", "worker"),
    /** Table occupancy and evictions (connections, subflows, half-open). Key: table, worker (or -1). */
    TABLE(6, "table", "table", "worker"),
    /** MP_JOIN / ADD_ADDR HMAC and DSS checksum failures. Key: check, worker (or -1). */
    CRYPTO(7, "crypto", "check", "worker"),
    /** The process itself: heartbeats, GC cycles, ... Key: none. */
    PROCESS(8, "process", null, null),
    /** The control thread and its responder: received, injected, replies, refused. Key: none. */
    CONTROL(9, "control", null, null);

    private static final CounterType[] BY_ID = new CounterType[16];

    static
    {
        for (final CounterType type : values())
        {
            BY_ID[type.id] = type;
        }
    }

    private final int id;
    private final String label;
    private final String firstKey;
    private final String secondKey;

    CounterType(final int id, final String label, final String firstKey, final String secondKey)
    {
        this.id = id;
        this.label = label;
        this.firstKey = firstKey;
        this.secondKey = secondKey;
    }

    /**
     * @return the stable type id written into the counters file.
     */
    public int id()
    {
        return id;
    }

    /**
     * @return a name for people, e.g. "port queue".
     */
    public String label()
    {
        return label;
    }

    /**
     * @return what the first key int means (e.g. "port"), or null when unused.
     */
    public String firstKey()
    {
        return firstKey;
    }

    /**
     * @return what the second key int means (e.g. "queue"), or null when unused.
     */
    public String secondKey()
    {
        return secondKey;
    }

    /**
     * @param id a type id read from a counters file.
     * @return its type, or null for an id this version does not know.
     */
    public static CounterType of(final int id)
    {
        return id >= 0 && id < BY_ID.length ? BY_ID[id] : null;
    }
}
