package org.mpdp.dataplane.track;

/**
 * TCP subflows in fixed-capacity primitive arrays, found by 4-tuple in either direction through an
 * open-addressing index of tuple hashes. The client is the side that sent the SYN.
 */
public final class SubflowTable
{
    /** The MP_CAPABLE subflow. */
    public static final int ROLE_INITIAL = 0;
    /** An MP_JOIN subflow. */
    public static final int ROLE_JOIN = 1;

    /** Join HMAC state: not a join. */
    public static final int JOIN_NONE = 0;
    /** SYN seen. */
    public static final int JOIN_SYN = 1;
    /** SYN/ACK verified. */
    public static final int JOIN_SYNACK_OK = 2;
    /** Third ACK verified: the join is authenticated. */
    public static final int JOIN_OK = 3;
    /** An HMAC failed. */
    public static final int JOIN_FAILED = -1;

    final int capacity;
    final int[] ipVersion;
    final long[] clientHigh;
    final long[] clientLow;
    final long[] serverHigh;
    final long[] serverLow;
    final int[] clientPort;
    final int[] serverPort;
    final int[] connection;
    final int[] role;
    final boolean[] backup;
    final int[] joinState;
    final int[] clientNonce;
    final int[] serverNonce;
    /** Whether the client of this subflow holds Key-A (always for the initial subflow). */
    final boolean[] clientIsA;
    final long[] packets;
    final long[] payloadBytes;
    final long[] pendingServerKey;
    final boolean[] reset;
    final int[] order;
    /** Last data mapping per direction (2 * slot + direction): DSN start and SSN start (in lastMapSsn). */
    final long[] lastMapDsn;
    final int[] lastMapSsn;
    /** Initial sequence number per direction (2 * slot + direction: 0 client to server). */
    final int[] isn;
    final boolean[] hasIsn;
    /** Current and previous mapping per direction: SSN start, length, DSN start. */
    final int[] mapSsn;
    final int[] mapLength;
    final long[] mapDsn;
    final int[] previousMapSsn;
    final int[] previousMapLength;
    final long[] previousMapDsn;
    final boolean[] hasMap;
    /** Last MP_TCPRST reason, or -1. */
    final int[] resetReason;
    /** Last packet time per subflow (capture or clock nanoseconds). */
    final long[] lastSeen;
    private static final int EMPTY = -1;
    private static final int TOMBSTONE = -2;
    private final boolean[] inUse;
    private final int[] freeSlots;
    private int freeCount;
    private int live;
    private int added;
    private final long[] indexKeys;
    private final int[] indexSlots;
    private final int mask;
    private int count;

    /**
     * @param capacity most subflows.
     */
    public SubflowTable(final int capacity)
    {
        this.capacity = capacity;
        ipVersion = new int[capacity];
        clientHigh = new long[capacity];
        clientLow = new long[capacity];
        serverHigh = new long[capacity];
        serverLow = new long[capacity];
        clientPort = new int[capacity];
        serverPort = new int[capacity];
        connection = new int[capacity];
        role = new int[capacity];
        backup = new boolean[capacity];
        joinState = new int[capacity];
        clientNonce = new int[capacity];
        serverNonce = new int[capacity];
        clientIsA = new boolean[capacity];
        packets = new long[capacity];
        payloadBytes = new long[capacity];
        pendingServerKey = new long[capacity];
        reset = new boolean[capacity];
        order = new int[capacity];
        isn = new int[capacity * 2];
        hasIsn = new boolean[capacity * 2];
        mapSsn = new int[capacity * 2];
        mapLength = new int[capacity * 2];
        mapDsn = new long[capacity * 2];
        previousMapSsn = new int[capacity * 2];
        previousMapLength = new int[capacity * 2];
        previousMapDsn = new long[capacity * 2];
        hasMap = new boolean[capacity * 2];
        resetReason = new int[capacity];
        java.util.Arrays.fill(resetReason, -1);
        lastSeen = new long[capacity];
        inUse = new boolean[capacity];
        freeSlots = new int[capacity];
        lastMapDsn = new long[capacity * 2];
        lastMapSsn = new int[capacity * 2];
        final int slots = Integer.highestOneBit(Math.max(4, capacity * 2 - 1)) << 1;
        indexKeys = new long[slots];
        indexSlots = new int[slots];
        java.util.Arrays.fill(indexSlots, -1);
        mask = slots - 1;
    }

    /** Same value for both directions of a 4-tuple. */
    static long hash(final long aHigh, final long aLow, final int aPort, final long bHigh, final long bLow,
        final int bPort)
    {
        final long a = aHigh * 31 + aLow * 0x9E3779B97F4A7C15L + aPort;
        final long b = bHigh * 31 + bLow * 0x9E3779B97F4A7C15L + bPort;
        final long h = (a ^ b) * 0xC2B2AE3D27D4EB4FL + (a + b);
        return h ^ h >>> 29;
    }

    /**
     * @return the slot, with bit 31 clear; {@code result | DIRECTION_SERVER} marks the packet as sent by
     *         the server; -1 when unknown.
     */
    int find(final int version, final long srcHigh, final long srcLow, final int srcPort, final long dstHigh,
        final long dstLow, final int dstPort)
    {
        final long key = hash(srcHigh, srcLow, srcPort, dstHigh, dstLow, dstPort);
        for (int i = (int)key & mask, n = 0; n <= mask; i = i + 1 & mask, n++)
        {
            final int slot = indexSlots[i];
            if (slot == EMPTY)
            {
                return -1;
            }
            if (slot != TOMBSTONE && indexKeys[i] == key && ipVersion[slot] == version)
            {
                if (clientPort[slot] == srcPort && serverPort[slot] == dstPort && clientHigh[slot] == srcHigh &&
                    clientLow[slot] == srcLow && serverHigh[slot] == dstHigh && serverLow[slot] == dstLow)
                {
                    return slot;
                }
                if (clientPort[slot] == dstPort && serverPort[slot] == srcPort && clientHigh[slot] == dstHigh &&
                    clientLow[slot] == dstLow && serverHigh[slot] == srcHigh && serverLow[slot] == srcLow)
                {
                    return slot | FROM_SERVER;
                }
            }
        }
        return -1;
    }

    /** Marks a {@link #find} result as a packet from the server side. */
    static final int FROM_SERVER = 1 << 30;

    /**
     * Adds a subflow with the packet's source as client.
     *
     * @return the slot, or -1 when full.
     */
    int add(final int version, final long srcHigh, final long srcLow, final int srcPort, final long dstHigh,
        final long dstLow, final int dstPort)
    {
        if (live == capacity || live >= (mask + 1) / 2)
        {
            return -1;
        }
        final int slot = freeCount > 0 ? freeSlots[--freeCount] : count++;
        inUse[slot] = true;
        live++;
        ipVersion[slot] = version;
        clientHigh[slot] = srcHigh;
        clientLow[slot] = srcLow;
        clientPort[slot] = srcPort;
        serverHigh[slot] = dstHigh;
        serverLow[slot] = dstLow;
        serverPort[slot] = dstPort;
        connection[slot] = -1;
        order[slot] = added++;
        role[slot] = ROLE_INITIAL;
        backup[slot] = false;
        joinState[slot] = JOIN_NONE;
        clientNonce[slot] = 0;
        serverNonce[slot] = 0;
        clientIsA[slot] = true;
        packets[slot] = 0;
        payloadBytes[slot] = 0;
        pendingServerKey[slot] = 0;
        reset[slot] = false;
        resetReason[slot] = -1;
        for (int d = 2 * slot; d < 2 * slot + 2; d++)
        {
            hasIsn[d] = false;
            hasMap[d] = false;
            lastMapDsn[d] = 0;
            lastMapSsn[d] = 0;
        }
        final long key = hash(srcHigh, srcLow, srcPort, dstHigh, dstLow, dstPort);
        for (int i = (int)key & mask; ; i = i + 1 & mask)
        {
            if (indexSlots[i] == EMPTY || indexSlots[i] == TOMBSTONE)
            {
                indexKeys[i] = key;
                indexSlots[i] = slot;
                break;
            }
        }
        return slot;
    }

    /**
     * Frees a subflow: its index entry becomes a tombstone and the slot is reused.
     *
     * @param slot the subflow.
     */
    void free(final int slot)
    {
        if (!inUse[slot])
        {
            return;
        }
        final long key = hash(clientHigh[slot], clientLow[slot], clientPort[slot], serverHigh[slot], serverLow[slot],
            serverPort[slot]);
        for (int i = (int)key & mask, n = 0; n <= mask; i = i + 1 & mask, n++)
        {
            if (indexSlots[i] == EMPTY)
            {
                break;
            }
            if (indexSlots[i] == slot)
            {
                indexSlots[i] = TOMBSTONE;
                break;
            }
        }
        inUse[slot] = false;
        connection[slot] = -1;
        freeSlots[freeCount++] = slot;
        live--;
    }

    /**
     * @return subflows in use.
     */
    public int live()
    {
        return live;
    }

    /**
     * @param slot a slot below {@link #count()}.
     * @return whether it holds a subflow.
     */
    public boolean inUse(final int slot)
    {
        return inUse[slot];
    }

    /**
     * @return the high-water mark of slots used (iterate 0..count() and check {@link #inUse(int)}).
     */
    public int count()
    {
        return count;
    }
}
