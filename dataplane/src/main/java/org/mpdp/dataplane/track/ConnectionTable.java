package org.mpdp.dataplane.track;

/**
 * MPTCP connections in fixed-capacity primitive arrays (struct of arrays), indexed by slot and by
 * both tokens. Direction 0 is client (Key-A) to server (Key-B), direction 1 the reverse. Free slots
 * are a stack; tokens live in a {@link TokenIndex} that keeps connections sharing a token apart.
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

    /** Flags in {@link #flags}: the third ACK echoed keys other than the SYN's / SYN/ACK's. */
    public static final int FLAG_KEY_MISMATCH = 1;
    /** An ADD_ADDR re-used an address ID for a different address. */
    public static final int FLAG_ADDR_ID_REUSED = 1 << 1;
    /** An ADD_ADDR whose HMAC did not verify. */
    public static final int FLAG_ADD_ADDR_BAD_HMAC = 1 << 2;
    /** An ADD_ADDR without an HMAC on a v1 connection. */
    public static final int FLAG_ADD_ADDR_NO_HMAC = 1 << 3;
    /** An MP_FASTCLOSE with a wrong key. */
    public static final int FLAG_FASTCLOSE_BAD_KEY = 1 << 4;

    final int capacity;
    final boolean[] inUse;
    /** Head of the connection's subflow list ({@link SubflowTable#nextInConnection}), or -1. */
    final int[] firstSubflow;
    /** {@code FLAG_*} bits seen on the connection. */
    final int[] flags;
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
    /** Told when tokens are known and freed (the tracker's ownership listener), or null. */
    OwnershipListener owners;
    private final TokenIndex byToken;
    private final int[] freeSlots;
    private int freeCount;
    private int count;
    private int created;
    private long tokenIndexRefusals;

    /**
     * @param capacity most connections at once.
     */
    public ConnectionTable(final int capacity)
    {
        this(capacity, FlowHash.random());
    }

    ConnectionTable(final int capacity, final FlowHash hash)
    {
        this.capacity = capacity;
        inUse = new boolean[capacity];
        firstSubflow = new int[capacity];
        java.util.Arrays.fill(firstSubflow, SubflowTable.NONE);
        flags = new int[capacity];
        freeSlots = new int[capacity];
        for (int i = 0; i < capacity; i++)
        {
            freeSlots[i] = capacity - 1 - i;
        }
        freeCount = capacity;
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
        byToken = new TokenIndex(capacity * 2, hash);
    }

    /**
     * @return a free slot, or -1 when full.
     */
    int allocate()
    {
        if (freeCount == 0)
        {
            return -1;
        }
        final int slot = freeSlots[--freeCount];
        inUse[slot] = true;
        firstSubflow[slot] = SubflowTable.NONE;
        flags[slot] = 0;
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
        if (owners != null)
        {
            owners.tokensFreed(slot, tokenA[slot], tokenB[slot]);
        }
        byToken.remove(tokenA[slot], 2 * slot);
        byToken.remove(tokenB[slot], 2 * slot + 1);
        inUse[slot] = false;
        freeSlots[freeCount++] = slot;
        firstSubflow[slot] = SubflowTable.NONE;
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

    /**
     * Puts both tokens of a connection in the index (value {@code 2 * slot + side}, side 1 for Key-B's).
     *
     * @return false when the index refused one (full or probe limit): the connection then takes no joins
     *         by that token, and the refusal is counted.
     */
    boolean indexTokens(final int slot)
    {
        if (owners != null)
        {
            owners.tokensKnown(slot, tokenA[slot], tokenB[slot]);
        }
        final boolean a = byToken.put(tokenA[slot], 2 * slot);
        final boolean b = byToken.put(tokenB[slot], 2 * slot + 1);
        if (!a || !b)
        {
            tokenIndexRefusals++;
        }
        return a && b;
    }

    /** Candidate iteration over the connections holding a token: {@code for (p = firstByToken(t); p != END; ...)}. */
    int firstByToken(final int token)
    {
        return byToken.first(token);
    }

    int nextByToken(final int token, final int position)
    {
        return byToken.next(token, position);
    }

    /** The {@code 2 * slot + side} at a candidate position. */
    int candidate(final int position)
    {
        return byToken.value(position);
    }

    /**
     * @param token a token from an MP_JOIN SYN.
     * @return a connection slot holding it (the first, when several share it), or -1.
     */
    public int byToken(final int token)
    {
        final int p = byToken.first(token);
        return p == TokenIndex.END ? -1 : byToken.value(p) >> 1;
    }

    /**
     * @param token a token.
     * @return how many live connection sides hold it (2 or more: a token collision).
     */
    public int holders(final int token)
    {
        int n = 0;
        for (int p = byToken.first(token); p != TokenIndex.END; p = byToken.next(token, p))
        {
            n++;
        }
        return n;
    }

    /**
     * @return token index entries (twice the connections, unless a refusal was counted).
     */
    int tokenEntries()
    {
        return byToken.size();
    }

    TokenIndex tokenIndex()
    {
        return byToken;
    }

    int freeCount()
    {
        return freeCount;
    }

    /**
     * @return tokens the index refused (full or probe limit).
     */
    public long tokenIndexRefusals()
    {
        return tokenIndexRefusals;
    }

    /**
     * @return the longest probe any token insertion took.
     */
    public int tokenMaxProbe()
    {
        return byToken.maxProbe();
    }

    /**
     * @param slot a connection slot.
     * @return its creation order (unique over the tracker's life), for reports.
     */
    public int order(final int slot)
    {
        return order[slot];
    }

    /**
     * @param slot a connection slot.
     * @return whether it holds a connection.
     */
    public boolean inUse(final int slot)
    {
        return inUse[slot];
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
