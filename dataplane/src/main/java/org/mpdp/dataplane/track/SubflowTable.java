package org.mpdp.dataplane.track;

import java.util.Arrays;

/**
 * TCP subflows in fixed-capacity primitive arrays, found by 4-tuple in either direction through an
 * open-addressing index of keyed tuple hashes (linear probing, backward-shift deletion: no
 * tombstones, so lookups do not decay under churn; probes bounded by {@link #MAX_PROBE}). The
 * client is the side that sent the SYN. The subflows of a connection form a doubly linked list
 * from {@link ConnectionTable#firstSubflow}, so a connection is freed without scanning the table.
 */
public final class SubflowTable
{
    /** The MP_CAPABLE subflow. */
    public static final int ROLE_INITIAL = 0;
    /** An MP_JOIN subflow. */
    public static final int ROLE_JOIN = 1;
    /** MPTCP options seen on a subflow whose handshake was not (picked up mid-stream). */
    public static final int ROLE_MID_STREAM = 2;

    /** Join state: not a join. */
    public static final int JOIN_NONE = 0;
    /** SYN seen. */
    public static final int JOIN_SYN = 1;
    /** SYN/ACK verified. */
    public static final int JOIN_SYNACK_OK = 2;
    /** Third ACK verified: the join is authenticated. */
    public static final int JOIN_OK = 3;
    /** An HMAC failed. */
    public static final int JOIN_FAILED = -1;

    /** Longest probe an insertion may take; past it the insertion fails as if full. */
    static final int MAX_PROBE = 64;
    /** {@link #find} result bit: the packet was sent by the subflow's server. */
    static final int FROM_SERVER = 1 << 30;
    /** No subflow (list ends, unknown tuple). */
    static final int NONE = -1;
    private static final int EMPTY = -1;
    private static final long EMPTY_ENTRY = -1L;
    private static final long V6_BIT = 1L << 31;
    private static final int SLOT_MASK = 0x7FFF_FFFF;
    private static final int TUPLE_LONGS = 4;

    final int capacity;
    final int[] ipVersion;
    final long[] clientHigh;
    final long[] clientLow;
    final long[] serverHigh;
    final long[] serverLow;
    final int[] clientPort;
    final int[] serverPort;
    /** Connection slot, or -1 while unbound. */
    final int[] connection;
    /** Links of the connection's subflow list. */
    final int[] nextInConnection;
    final int[] prevInConnection;
    final int[] role;
    final boolean[] backup;
    final int[] joinState;
    /** Token of the join SYN (resolved against every connection holding it at the SYN/ACK). */
    final int[] joinToken;
    final int[] clientNonce;
    final int[] serverNonce;
    /** Join HMACs seen: bit 0 SYN/ACK, bit 1 third ACK. */
    final int[] joinHmacsSeen;
    /** Whether the client of this subflow holds Key-A (always for the initial subflow). */
    final boolean[] clientIsA;
    final long[] packets;
    final long[] payloadBytes;
    /** Keys seen in the handshake before the connection exists: SYN's (v0) and SYN/ACK's. */
    final long[] synKey;
    final long[] synAckKey;
    final boolean[] hasSynKey;
    final boolean[] hasSynAckKey;
    /** Whether the server answered (SYN/ACK seen), and whether a RST came before it. */
    final boolean[] answered;
    final boolean[] refused;
    final boolean[] reset;
    final int[] order;
    /** Last data mapping per direction (2 * slot + direction): 64-bit DSN and SSN. */
    final long[] lastMapDsn;
    final int[] lastMapSsn;
    /** Initial sequence number per direction (2 * slot + direction: 0 client to server). */
    final int[] isn;
    final boolean[] hasIsn;
    /** Current and previous mapping per direction: SSN start, length, 64-bit DSN start. */
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
    /** Half-open (not yet part of an established connection): recyclable, see {@link HalfOpen}. */
    final boolean[] embryonic;
    /** Admission ticket into {@link HalfOpen}'s ring, to tell a live ring entry from a stale one. */
    final long[] ticket;
    /** Told before a join subflow is freed (the tracker's ownership listener), or null. */
    OwnershipListener owners;
    private final boolean[] inUse;
    private final int[] freeSlots;
    /**
     * The index, two longs per position so a probe reads one cache line: the tuple hash, then
     * {@code clientPort << 48 | serverPort << 32 | V6_BIT (IPv6) | slot}, or {@link #EMPTY_ENTRY}.
     */
    private final long[] index;
    /**
     * The 4-tuple's addresses packed per slot (client high, client low, server high, server low), so
     * the check after a hash match reads one place instead of six arrays.
     */
    private final long[] tuples;
    private final int mask;
    private final FlowHash hash;
    private int freeCount;
    private int live;
    private int added;
    private int count;
    private int maxProbe;

    /**
     * @param capacity most subflows.
     */
    public SubflowTable(final int capacity)
    {
        this(capacity, FlowHash.random());
    }

    SubflowTable(final int capacity, final FlowHash hash)
    {
        this.capacity = capacity;
        this.hash = hash;
        ipVersion = new int[capacity];
        clientHigh = new long[capacity];
        clientLow = new long[capacity];
        serverHigh = new long[capacity];
        serverLow = new long[capacity];
        clientPort = new int[capacity];
        serverPort = new int[capacity];
        connection = new int[capacity];
        nextInConnection = new int[capacity];
        prevInConnection = new int[capacity];
        role = new int[capacity];
        backup = new boolean[capacity];
        joinState = new int[capacity];
        joinToken = new int[capacity];
        clientNonce = new int[capacity];
        serverNonce = new int[capacity];
        joinHmacsSeen = new int[capacity];
        clientIsA = new boolean[capacity];
        packets = new long[capacity];
        payloadBytes = new long[capacity];
        synKey = new long[capacity];
        synAckKey = new long[capacity];
        hasSynKey = new boolean[capacity];
        hasSynAckKey = new boolean[capacity];
        answered = new boolean[capacity];
        refused = new boolean[capacity];
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
        lastSeen = new long[capacity];
        embryonic = new boolean[capacity];
        ticket = new long[capacity];
        inUse = new boolean[capacity];
        freeSlots = new int[capacity];
        lastMapDsn = new long[capacity * 2];
        lastMapSsn = new int[capacity * 2];
        final int slots = Integer.highestOneBit(Math.max(4, capacity * 2 - 1)) << 1;
        index = new long[2 * slots];
        Arrays.fill(index, EMPTY_ENTRY);
        tuples = new long[TUPLE_LONGS * capacity];
        Arrays.fill(connection, NONE);
        mask = slots - 1;
    }

    private long key(final long srcHigh, final long srcLow, final int srcPort, final long dstHigh, final long dstLow,
        final int dstPort)
    {
        return hash.tuple(srcHigh, srcLow, srcPort, dstHigh, dstLow, dstPort);
    }

    /**
     * @return the slot, with {@link #FROM_SERVER} set when the packet was sent by the server; -1 when
     *         unknown.
     */
    int find(final int version, final long srcHigh, final long srcLow, final int srcPort, final long dstHigh,
        final long dstLow, final int dstPort)
    {
        final long key = key(srcHigh, srcLow, srcPort, dstHigh, dstLow, dstPort);
        final long v6 = version == 6 ? V6_BIT : 0;
        final int forward = srcPort << 16 | dstPort;
        final int reverse = dstPort << 16 | srcPort;
        final long[] index = this.index;
        for (int i = (int)key & mask, n = 0; n < MAX_PROBE; i = i + 1 & mask, n++)
        {
            final long entry = index[2 * i + 1];
            if (entry == EMPTY_ENTRY)
            {
                return NONE;
            }
            if (index[2 * i] == key && (entry & V6_BIT) == v6)
            {
                final int slot = (int)entry & SLOT_MASK;
                final int ports = (int)(entry >>> 32);
                if (ports == forward && sameTuple(slot, srcHigh, srcLow, dstHigh, dstLow))
                {
                    return slot;
                }
                if (ports == reverse && sameTuple(slot, dstHigh, dstLow, srcHigh, srcLow))
                {
                    return slot | FROM_SERVER;
                }
            }
        }
        return NONE;
    }

    private boolean sameTuple(final int slot, final long clientHigh, final long clientLow, final long serverHigh,
        final long serverLow)
    {
        final long[] t = tuples;
        final int at = TUPLE_LONGS * slot;
        return t[at + 1] == clientLow && t[at + 3] == serverLow && t[at] == clientHigh && t[at + 2] == serverHigh;
    }

    private static long entry(final int slot, final int version, final int clientPort, final int serverPort)
    {
        return (long)(clientPort << 16 | serverPort) << 32 | (version == 6 ? V6_BIT : 0) | slot;
    }

    private int indexSlot(final int position)
    {
        final long entry = index[2 * position + 1];
        return entry == EMPTY_ENTRY ? EMPTY : (int)entry & SLOT_MASK;
    }

    /**
     * @return whether a new subflow can be added now (a free slot, the index under half full).
     */
    boolean hasRoom()
    {
        return live < capacity && live < (mask + 1) / 2;
    }

    /**
     * Adds a subflow with the packet's source as client.
     *
     * @return the slot, or -1 when full or the tuple's probe would exceed {@link #MAX_PROBE}.
     */
    int add(final int version, final long srcHigh, final long srcLow, final int srcPort, final long dstHigh,
        final long dstLow, final int dstPort)
    {
        if (!hasRoom())
        {
            return NONE;
        }
        final long key = key(srcHigh, srcLow, srcPort, dstHigh, dstLow, dstPort);
        int at = (int)key & mask;
        int n = 0;
        while (index[2 * at + 1] != EMPTY_ENTRY)
        {
            if (++n == MAX_PROBE)
            {
                return NONE;
            }
            at = at + 1 & mask;
        }
        maxProbe = Math.max(maxProbe, n + 1);
        final int slot = freeCount > 0 ? freeSlots[--freeCount] : count++;
        index[2 * at] = key;
        index[2 * at + 1] = entry(slot, version, srcPort, dstPort);
        final int t = TUPLE_LONGS * slot;
        tuples[t] = srcHigh;
        tuples[t + 1] = srcLow;
        tuples[t + 2] = dstHigh;
        tuples[t + 3] = dstLow;
        inUse[slot] = true;
        live++;
        ipVersion[slot] = version;
        clientHigh[slot] = srcHigh;
        clientLow[slot] = srcLow;
        clientPort[slot] = srcPort;
        serverHigh[slot] = dstHigh;
        serverLow[slot] = dstLow;
        serverPort[slot] = dstPort;
        clear(slot);
        order[slot] = added++;
        return slot;
    }

    private void clear(final int slot)
    {
        connection[slot] = NONE;
        nextInConnection[slot] = NONE;
        prevInConnection[slot] = NONE;
        role[slot] = ROLE_INITIAL;
        backup[slot] = false;
        joinState[slot] = JOIN_NONE;
        joinToken[slot] = 0;
        clientNonce[slot] = 0;
        serverNonce[slot] = 0;
        joinHmacsSeen[slot] = 0;
        clientIsA[slot] = true;
        packets[slot] = 0;
        payloadBytes[slot] = 0;
        synKey[slot] = 0;
        synAckKey[slot] = 0;
        hasSynKey[slot] = false;
        hasSynAckKey[slot] = false;
        answered[slot] = false;
        refused[slot] = false;
        reset[slot] = false;
        resetReason[slot] = -1;
        embryonic[slot] = false;
        for (int d = 2 * slot; d < 2 * slot + 2; d++)
        {
            hasIsn[d] = false;
            hasMap[d] = false;
            lastMapDsn[d] = 0;
            lastMapSsn[d] = 0;
        }
    }

    /**
     * Frees a subflow: it leaves the index (backward shift) and its connection's list; the slot is reused.
     *
     * @param slot        the subflow.
     * @param connections the connection table, for the list head.
     */
    void free(final int slot, final ConnectionTable connections)
    {
        if (!inUse[slot])
        {
            return;
        }
        if (owners != null && role[slot] == ROLE_JOIN)
        {
            owners.joinFreed(slot);
        }
        unlink(slot, connections);
        final long key = key(clientHigh[slot], clientLow[slot], clientPort[slot], serverHigh[slot], serverLow[slot],
            serverPort[slot]);
        for (int i = (int)key & mask, n = 0; n < MAX_PROBE && indexSlot(i) != EMPTY; i = i + 1 & mask, n++)
        {
            if (indexSlot(i) == slot)
            {
                deleteIndex(i);
                break;
            }
        }
        inUse[slot] = false;
        embryonic[slot] = false;
        connection[slot] = NONE;
        freeSlots[freeCount++] = slot;
        live--;
    }

    private void deleteIndex(final int position)
    {
        int hole = position;
        index[2 * hole + 1] = EMPTY_ENTRY;
        for (int j = hole + 1 & mask; index[2 * j + 1] != EMPTY_ENTRY; j = j + 1 & mask)
        {
            final int h = (int)index[2 * j] & mask;
            final boolean stays = hole <= j ? hole < h && h <= j : hole < h || h <= j;
            if (!stays)
            {
                index[2 * hole] = index[2 * j];
                index[2 * hole + 1] = index[2 * j + 1];
                index[2 * j + 1] = EMPTY_ENTRY;
                hole = j;
            }
        }
    }

    /**
     * Binds a subflow to a connection and puts it at the head of the connection's list.
     */
    void link(final int slot, final int c, final ConnectionTable connections)
    {
        connection[slot] = c;
        final int head = connections.firstSubflow[c];
        nextInConnection[slot] = head;
        prevInConnection[slot] = NONE;
        if (head != NONE)
        {
            prevInConnection[head] = slot;
        }
        connections.firstSubflow[c] = slot;
        connections.subflows[c]++;
    }

    private void unlink(final int slot, final ConnectionTable connections)
    {
        final int c = connection[slot];
        if (c == NONE)
        {
            return;
        }
        final int next = nextInConnection[slot];
        final int prev = prevInConnection[slot];
        if (prev != NONE)
        {
            nextInConnection[prev] = next;
        }
        else if (connections.firstSubflow[c] == slot)
        {
            connections.firstSubflow[c] = next;
        }
        if (next != NONE)
        {
            prevInConnection[next] = prev;
        }
        nextInConnection[slot] = NONE;
        prevInConnection[slot] = NONE;
        connections.subflows[c]--;
        if (reset[slot])
        {
            connections.resetSubflows[c]--;
        }
    }

    /** @return the subflow's IP version (4 or 6). */
    public int ipVersion(final int slot)
    {
        return ipVersion[slot];
    }

    /** @return the client address, high 64 bits (0 for IPv4). */
    public long clientHigh(final int slot)
    {
        return clientHigh[slot];
    }

    /** @return the client address, low 64 bits (the IPv4 address for IPv4). */
    public long clientLow(final int slot)
    {
        return clientLow[slot];
    }

    /** @return the client port. */
    public int clientPort(final int slot)
    {
        return clientPort[slot];
    }

    /** @return the server address, high 64 bits. */
    public long serverHigh(final int slot)
    {
        return serverHigh[slot];
    }

    /** @return the server address, low 64 bits. */
    public long serverLow(final int slot)
    {
        return serverLow[slot];
    }

    /** @return the server port. */
    public int serverPort(final int slot)
    {
        return serverPort[slot];
    }

    /**
     * @param slot a subflow slot.
     * @return whether it was picked up mid-stream (MPTCP options, no handshake seen).
     */
    public boolean midStream(final int slot)
    {
        return role[slot] == ROLE_MID_STREAM;
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

    /**
     * @return the longest probe any insertion into the index took (lookups take at most this many).
     */
    public int maxProbe()
    {
        return maxProbe;
    }

    /**
     * @param slot a subflow slot.
     * @return its index entry's distance from its home bucket plus one, or 0 when not indexed (for checks).
     */
    int probeLength(final int slot)
    {
        final long key = key(clientHigh[slot], clientLow[slot], clientPort[slot], serverHigh[slot], serverLow[slot],
            serverPort[slot]);
        for (int i = (int)key & mask, n = 0; n <= mask && indexSlot(i) != EMPTY; i = i + 1 & mask, n++)
        {
            if (indexSlot(i) == slot)
            {
                return n + 1;
            }
        }
        return 0;
    }

    /** Raw index access for {@link Invariants}: the slot at a position, or -1. */
    int indexSlotAt(final int position)
    {
        return indexSlot(position);
    }

    int indexSize()
    {
        return mask + 1;
    }

    int freeCount()
    {
        return freeCount;
    }

    /**
     * @return index entries (for checks: equals {@link #live()}).
     */
    int indexEntries()
    {
        int n = 0;
        for (int i = 0; i <= mask; i++)
        {
            n += index[2 * i + 1] != EMPTY_ENTRY ? 1 : 0;
        }
        return n;
    }
}
