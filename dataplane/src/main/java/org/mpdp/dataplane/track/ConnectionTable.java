package org.mpdp.dataplane.track;

/**
 * MPTCP connections in fixed-capacity primitive arrays (struct of arrays), indexed by slot and by
 * both tokens. Direction 0 is client (Key-A) to server (Key-B), direction 1 the reverse.
 */
public final class ConnectionTable
{
    /** How a connection ended. */
    public static final int END_OPEN = 0;
    /** Both DATA_FINs seen. */
    public static final int END_DATA_FIN = 1;
    /** MP_FASTCLOSE seen. */
    public static final int END_FASTCLOSE = 2;
    /** Every subflow reset without DATA_FIN. */
    public static final int END_RST = 3;

    final int capacity;
    final boolean[] inUse;
    final int[] version;
    final boolean[] checksum;
    final long[] keyA;
    final long[] keyB;
    final int[] tokenA;
    final int[] tokenB;
    final long[] idsnA;
    final long[] idsnB;
    /** Islands of mapped data above {@link #contiguousEnd} kept per direction. */
    static final int ISLANDS = 4;

    /** Highest data-level end mapped so far, per direction (index 2 * slot + direction). */
    final long[] mappedEnd;
    /** End of the gap-free mapped prefix, per direction. */
    final long[] contiguousEnd;
    /** Mapped islands beyond the prefix: [start, end) pairs, {@link #ISLANDS} per direction. */
    final long[] islandStart;
    final long[] islandEnd;
    final int[] islands;
    /** Mapping bookkeeping lost precision (more islands than kept), per connection. */
    final boolean[] mappingOverflow;
    final long[] dataFinDsn;
    final long[] reinjectedBytes;
    final int[] hmacFailures;
    final int[] checksumFailures;
    final int[] end;
    final int[] subflows;
    /** Subflows of the connection that have seen a RST. */
    final int[] resetSubflows;
    final int[] order;
    /** Last packet time per connection. */
    final long[] lastSeen;
    /** Highest DATA_ACK received for each direction's data (2 * slot + direction), 0 before any. */
    final long[] dataAcked;
    /** Fell back to TCP: MP_FAIL or an infinite mapping seen. */
    final boolean[] fallback;
    /** Mapping anomalies counted per connection: missing, inconsistent, out of window. */
    final int[] mappingAnomalies;
    /** Announced addresses, {@link #ADDRESSES} per side (2 * slot + side: 0 client, 1 server). */
    static final int ADDRESSES = 8;
    final int[] addressCount;
    final int[] addressId;
    final int[] addressVersion;
    final long[] addressHigh;
    final long[] addressLow;
    final int[] addressPort;
    final boolean[] addressRemoved;
    private final IntIntMap byToken;
    private int next;
    private int count;
    private int created;

    /**
     * @param capacity most connections at once.
     */
    public ConnectionTable(final int capacity)
    {
        this.capacity = capacity;
        inUse = new boolean[capacity];
        version = new int[capacity];
        checksum = new boolean[capacity];
        keyA = new long[capacity];
        keyB = new long[capacity];
        tokenA = new int[capacity];
        tokenB = new int[capacity];
        idsnA = new long[capacity];
        idsnB = new long[capacity];
        mappedEnd = new long[capacity * 2];
        contiguousEnd = new long[capacity * 2];
        islandStart = new long[capacity * 2 * ISLANDS];
        islandEnd = new long[capacity * 2 * ISLANDS];
        islands = new int[capacity * 2];
        mappingOverflow = new boolean[capacity];
        dataFinDsn = new long[capacity * 2];
        reinjectedBytes = new long[capacity];
        hmacFailures = new int[capacity];
        checksumFailures = new int[capacity];
        end = new int[capacity];
        subflows = new int[capacity];
        resetSubflows = new int[capacity];
        order = new int[capacity];
        lastSeen = new long[capacity];
        dataAcked = new long[capacity * 2];
        fallback = new boolean[capacity];
        mappingAnomalies = new int[capacity];
        addressCount = new int[capacity * 2];
        addressId = new int[capacity * 2 * ADDRESSES];
        addressVersion = new int[capacity * 2 * ADDRESSES];
        addressHigh = new long[capacity * 2 * ADDRESSES];
        addressLow = new long[capacity * 2 * ADDRESSES];
        addressPort = new int[capacity * 2 * ADDRESSES];
        addressRemoved = new boolean[capacity * 2 * ADDRESSES];
        byToken = new IntIntMap(capacity * 2);
    }

    /**
     * @return a free slot, or -1 when full.
     */
    int allocate()
    {
        if (count == capacity)
        {
            return -1;
        }
        while (inUse[next])
        {
            next = next + 1 == capacity ? 0 : next + 1;
        }
        final int slot = next;
        inUse[slot] = true;
        order[slot] = created++;
        count++;
        return slot;
    }


    /**
     * Frees a connection slot: its tokens leave the index and every per-connection field is reset.
     *
     * @param slot the connection.
     */
    void free(final int slot)
    {
        if (!inUse[slot])
        {
            return;
        }
        byToken.remove(tokenA[slot]);
        byToken.remove(tokenB[slot]);
        inUse[slot] = false;
        count--;
        reinjectedBytes[slot] = 0;
        hmacFailures[slot] = 0;
        checksumFailures[slot] = 0;
        end[slot] = END_OPEN;
        subflows[slot] = 0;
        resetSubflows[slot] = 0;
        fallback[slot] = false;
        mappingAnomalies[slot] = 0;
        for (int d = 2 * slot; d < 2 * slot + 2; d++)
        {
            dataAcked[d] = 0;
            dataFinDsn[d] = 0;
            islands[d] = 0;
            addressCount[d] = 0;
        }
        mappingOverflow[slot] = false;
    }

    boolean indexTokens(final int slot)
    {
        return byToken.put(tokenA[slot], slot) & byToken.put(tokenB[slot], slot);
    }

    /**
     * @param token a token from an MP_JOIN SYN.
     * @return the connection slot holding it, or -1.
     */
    public int byToken(final int token)
    {
        return byToken.get(token);
    }

    /**
     * @return connections in use.
     */
    public int count()
    {
        return count;
    }

    /**
     * @return capacity.
     */
    public int capacity()
    {
        return capacity;
    }
}
