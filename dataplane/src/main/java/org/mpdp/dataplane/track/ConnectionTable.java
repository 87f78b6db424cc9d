package org.mpdp.dataplane.track;

import java.util.Arrays;

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
    final long[] keyA;
    final long[] keyB;
    final int[] tokenA;
    final int[] tokenB;
    final long[] idsnA;
    final long[] idsnB;
    /** Islands of mapped data above {@link #contiguousEnd} kept per direction. */
    static final int ISLANDS = 4;

    /** Mapped islands beyond the prefix: [start, end) pairs, {@link #ISLANDS} per direction. */
    final long[] islandStart;
    final long[] islandEnd;
    /** Mapping bookkeeping lost precision (more islands than kept), per connection. */
    final boolean[] mappingOverflow;
    final long[] dataFinDsn;
    final int[] hmacFailures;
    final int[] checksumFailures;
    final int[] end;
    final int[] subflows;
    /** Subflows of the connection that have seen a RST. */
    final int[] resetSubflows;
    final int[] order;
    /**
     * What every data packet or DATA_ACK of a connection reads or writes, packed per connection in
     * {@link #HOT_LONGS} longs (one or two cache lines instead of eight arrays; the table is larger than
     * the caches): last seen, reinjected bytes, {@link #HOT_FLAGS}, then per data-level direction
     * ({@code 2 * slot + direction}) the highest mapped end, the highest DATA_ACK received for that
     * direction's data (0 before any), the end of the gap-free mapped prefix and the island count.
     */
    private final long[] hot;
    private static final int HOT_LONGS = 16;
    private static final int LAST_SEEN = 0;
    private static final int REINJECTED = 1;
    /** Bit 0: fell back to TCP (MP_FAIL or an infinite mapping); bit 1: DSS checksums negotiated. */
    private static final int HOT_FLAGS = 2;
    private static final long FALLBACK = 1;
    private static final long CHECKSUM = 2;
    private static final int DIRECTION_BASE = 8;
    private static final int MAPPED_END = 0;
    private static final int DATA_ACKED = 1;
    private static final int CONTIGUOUS_END = 2;
    private static final int ISLAND_COUNT = 3;
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
        keyA = new long[capacity];
        keyB = new long[capacity];
        tokenA = new int[capacity];
        tokenB = new int[capacity];
        idsnA = new long[capacity];
        idsnB = new long[capacity];
        islandStart = new long[capacity * 2 * ISLANDS];
        islandEnd = new long[capacity * 2 * ISLANDS];
        mappingOverflow = new boolean[capacity];
        dataFinDsn = new long[capacity * 2];
        hmacFailures = new int[capacity];
        checksumFailures = new int[capacity];
        end = new int[capacity];
        subflows = new int[capacity];
        resetSubflows = new int[capacity];
        order = new int[capacity];
        mappingAnomalies = new int[capacity];
        addressCount = new int[capacity * 2];
        addressId = new int[capacity * 2 * ADDRESSES];
        addressVersion = new int[capacity * 2 * ADDRESSES];
        addressHigh = new long[capacity * 2 * ADDRESSES];
        addressLow = new long[capacity * 2 * ADDRESSES];
        addressPort = new int[capacity * 2 * ADDRESSES];
        addressRemoved = new boolean[capacity * 2 * ADDRESSES];
        byToken = new TokenIndex(capacity * 2, hash);
        hot = new long[HOT_LONGS * capacity];
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
        hmacFailures[slot] = 0;
        checksumFailures[slot] = 0;
        end[slot] = END_OPEN;
        subflows[slot] = 0;
        resetSubflows[slot] = 0;
        mappingAnomalies[slot] = 0;
        for (int d = 2 * slot; d < 2 * slot + 2; d++)
        {
            dataFinDsn[d] = 0;
            addressCount[d] = 0;
        }
        mappingOverflow[slot] = false;
        Arrays.fill(hot, HOT_LONGS * slot, HOT_LONGS * (slot + 1), 0);
    }

    // The packed per-connection state (see hot): small methods that inline into the packet path.

    /** @return the last packet's time on the connection. */
    long lastSeen(final int c)
    {
        return hot[HOT_LONGS * c + LAST_SEEN];
    }

    void lastSeen(final int c, final long now)
    {
        hot[HOT_LONGS * c + LAST_SEEN] = now;
    }

    /** @return data bytes mapped more than once (reinjections). */
    long reinjectedBytes(final int c)
    {
        return hot[HOT_LONGS * c + REINJECTED];
    }

    void addReinjected(final int c, final long bytes)
    {
        hot[HOT_LONGS * c + REINJECTED] += bytes;
    }

    /** @return whether the connection fell back to TCP (MP_FAIL or an infinite mapping). */
    boolean fallback(final int c)
    {
        return (hot[HOT_LONGS * c + HOT_FLAGS] & FALLBACK) != 0;
    }

    void fallBack(final int c)
    {
        hot[HOT_LONGS * c + HOT_FLAGS] |= FALLBACK;
    }

    /** @return whether DSS checksums were negotiated. */
    boolean checksum(final int c)
    {
        return (hot[HOT_LONGS * c + HOT_FLAGS] & CHECKSUM) != 0;
    }

    void checksum(final int c, final boolean on)
    {
        final int at = HOT_LONGS * c + HOT_FLAGS;
        hot[at] = on ? hot[at] | CHECKSUM : hot[at] & ~CHECKSUM;
    }

    private static int direction(final int d)
    {
        return HOT_LONGS * (d >> 1) + DIRECTION_BASE + ((d & 1) << 2);
    }

    /** @return the highest data-level end mapped so far in direction {@code d} (2 * slot + direction). */
    long mappedEnd(final int d)
    {
        return hot[direction(d) + MAPPED_END];
    }

    void mappedEnd(final int d, final long end)
    {
        hot[direction(d) + MAPPED_END] = end;
    }

    /** @return the highest DATA_ACK received for direction {@code d}'s data, 0 before any. */
    long dataAcked(final int d)
    {
        return hot[direction(d) + DATA_ACKED];
    }

    void dataAcked(final int d, final long ack)
    {
        hot[direction(d) + DATA_ACKED] = ack;
    }

    /** @return the end of direction {@code d}'s gap-free mapped prefix. */
    long contiguousEnd(final int d)
    {
        return hot[direction(d) + CONTIGUOUS_END];
    }

    void contiguousEnd(final int d, final long end)
    {
        hot[direction(d) + CONTIGUOUS_END] = end;
    }

    /** @return islands of mapped data above the prefix in direction {@code d}. */
    int islands(final int d)
    {
        return (int)hot[direction(d) + ISLAND_COUNT];
    }

    void islands(final int d, final int n)
    {
        hot[direction(d) + ISLAND_COUNT] = n;
    }

    /** Longs of per-connection packed state ({@link #hot}) a snapshot copies. */
    static final int HOT_STATE_LONGS = HOT_LONGS;

    /** Copies a connection's packed state for {@link TrackerSnapshot}: {@link #HOT_STATE_LONGS} longs. */
    void copyHotState(final int c, final long[] to, final int at)
    {
        System.arraycopy(hot, HOT_LONGS * c, to, at, HOT_LONGS);
    }

    /** Restores what {@link #copyHotState} copied into a connection just {@link #allocate}d. */
    void restoreHotState(final int c, final long[] from, final int at)
    {
        System.arraycopy(from, at, hot, HOT_LONGS * c, HOT_LONGS);
    }

    /**
     * Gives a connection just {@link #allocate}d by a restore its creation order from before the restart: the
     * order the allocation took back, later ones follow the highest restored.
     */
    void restoreOrder(final int c, final int creationOrder)
    {
        order[c] = creationOrder;
        created = Math.max(created - 1, creationOrder + 1);
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
