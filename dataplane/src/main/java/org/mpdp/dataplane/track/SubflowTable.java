package org.mpdp.dataplane.track;

import java.util.Arrays;

/**
 * TCP subflows in fixed-capacity primitive arrays, found by 4-tuple in either direction through a
 * {@link TupleIndex} (keyed hashes, no tombstones, probes bounded by {@link #MAX_PROBE}). The
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
    private static final int HOT_LONGS = 24;
    private static final int PACKETS = 4;
    private static final int PAYLOAD = 5;
    private static final int LAST_SEEN = 6;
    /** Connection slot (low 32 bits, -1 while unbound), role (bits 32-39), client holds Key-A (bit 40). */
    private static final int META = 7;
    private static final long ROLE_SHIFT = 32;
    private static final long CLIENT_IS_A = 1L << 40;
    /** Per-direction block: 8 longs after the slot's first 8. */
    private static final int DIRECTION_BASE = 8;
    private static final int MAP_DSN = 0;
    /** SSN (low 32) and length (high 32) of the current mapping; the previous one two longs on. */
    private static final int MAP_SSN_LENGTH = 1;
    private static final int PREVIOUS_DSN = 2;
    private static final int PREVIOUS_SSN_LENGTH = 3;
    private static final int LAST_MAP_DSN = 4;
    /** SSN of the last recorded mapping (low 32) and the direction's ISN (high 32). */
    private static final int LAST_SSN_ISN = 5;
    /** Bit 0: a mapping is held; bit 1: the ISN is known. */
    private static final int DIRECTION_FLAGS = 6;
    private static final long HAS_MAP = 1;
    private static final long HAS_ISN = 2;

    final int capacity;
    final int[] ipVersion;
    final long[] clientHigh;
    final long[] clientLow;
    final long[] serverHigh;
    final long[] serverLow;
    final int[] clientPort;
    final int[] serverPort;
    /** Links of the connection's subflow list. */
    final int[] nextInConnection;
    final int[] prevInConnection;
    final boolean[] backup;
    final int[] joinState;
    /** Token of the join SYN (resolved against every connection holding it at the SYN/ACK). */
    final int[] joinToken;
    final int[] clientNonce;
    final int[] serverNonce;
    /** Join HMACs seen: bit 0 SYN/ACK, bit 1 third ACK. */
    final int[] joinHmacsSeen;
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
    /** Last MP_TCPRST reason, or -1. */
    final int[] resetReason;
    /** Half-open (not yet part of an established connection): recyclable, see {@link HalfOpen}. */
    final boolean[] embryonic;
    /** Admission ticket into {@link HalfOpen}'s ring, to tell a live ring entry from a stale one. */
    final long[] ticket;
    /** Told before a join subflow is freed (the tracker's ownership listener), or null. */
    OwnershipListener owners;
    private final boolean[] inUse;
    private final int[] freeSlots;
    /** 4-tuple to slot. */
    private final TupleIndex index;
    /**
     * What every packet of a subflow reads or writes, packed per slot in {@link #HOT_LONGS} longs so a
     * packet touches two or three adjacent cache lines instead of some twenty arrays (the tables are
     * far larger than the caches; each separate array was a miss): the 4-tuple's addresses (client
     * high, client low, server high, server low) that {@link #find} checks after a hash match, packets,
     * payload bytes, last seen, {@link #META} (connection, role, client-is-A), then per direction
     * ({@code 2 * slot + direction}, 0 client to server) the current, previous and last recorded
     * mappings and the ISN, see {@link #mapBase}.
     */
    private final long[] hot;
    private final int indexRoom;
    private int freeCount;
    private int live;
    private int added;
    private int count;

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
        ipVersion = new int[capacity];
        clientHigh = new long[capacity];
        clientLow = new long[capacity];
        serverHigh = new long[capacity];
        serverLow = new long[capacity];
        clientPort = new int[capacity];
        serverPort = new int[capacity];
        nextInConnection = new int[capacity];
        prevInConnection = new int[capacity];
        backup = new boolean[capacity];
        joinState = new int[capacity];
        joinToken = new int[capacity];
        clientNonce = new int[capacity];
        serverNonce = new int[capacity];
        joinHmacsSeen = new int[capacity];
        synKey = new long[capacity];
        synAckKey = new long[capacity];
        hasSynKey = new boolean[capacity];
        hasSynAckKey = new boolean[capacity];
        answered = new boolean[capacity];
        refused = new boolean[capacity];
        reset = new boolean[capacity];
        order = new int[capacity];
        resetReason = new int[capacity];
        embryonic = new boolean[capacity];
        ticket = new long[capacity];
        inUse = new boolean[capacity];
        freeSlots = new int[capacity];
        hot = new long[HOT_LONGS * capacity];
        for (int slot = 0; slot < capacity; slot++)
        {
            hot[HOT_LONGS * slot + META] = NONE & 0xFFFF_FFFFL;
        }
        index = new TupleIndex(capacity, hash, hot, HOT_LONGS);
        indexRoom = index.size() / 2;
    }

    /**
     * @return the slot, with {@link #FROM_SERVER} set when the packet was sent by the server; -1 when
     *         unknown.
     */
    int find(final int version, final long srcHigh, final long srcLow, final int srcPort, final long dstHigh,
        final long dstLow, final int dstPort)
    {
        return index.find(version, srcHigh, srcLow, srcPort, dstHigh, dstLow, dstPort, FROM_SERVER);
    }

    private long key(final int slot)
    {
        return index.key(clientHigh[slot], clientLow[slot], clientPort[slot], serverHigh[slot], serverLow[slot],
            serverPort[slot]);
    }

    /**
     * @return whether a new subflow can be added now (a free slot, the index under half full).
     */
    boolean hasRoom()
    {
        return live < capacity && live < indexRoom;
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
        final long key = index.key(srcHigh, srcLow, srcPort, dstHigh, dstLow, dstPort);
        final int at = index.freePosition(key);
        if (at == NONE)
        {
            return NONE;
        }
        final int slot = freeCount > 0 ? freeSlots[--freeCount] : count++;
        index.put(at, key, slot, version, srcPort, dstPort);
        final int t = HOT_LONGS * slot;
        hot[t] = srcHigh;
        hot[t + 1] = srcLow;
        hot[t + 2] = dstHigh;
        hot[t + 3] = dstLow;
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
        final int h = HOT_LONGS * slot;
        Arrays.fill(hot, h + PACKETS, h + HOT_LONGS, 0);
        hot[h + META] = NONE & 0xFFFF_FFFFL | CLIENT_IS_A; // unbound, ROLE_INITIAL, client holds Key-A
        nextInConnection[slot] = NONE;
        prevInConnection[slot] = NONE;
        backup[slot] = false;
        joinState[slot] = JOIN_NONE;
        joinToken[slot] = 0;
        clientNonce[slot] = 0;
        serverNonce[slot] = 0;
        joinHmacsSeen[slot] = 0;
        synKey[slot] = 0;
        synAckKey[slot] = 0;
        hasSynKey[slot] = false;
        hasSynAckKey[slot] = false;
        answered[slot] = false;
        refused[slot] = false;
        reset[slot] = false;
        resetReason[slot] = -1;
        embryonic[slot] = false;
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
        if (owners != null && role(slot) == ROLE_JOIN)
        {
            owners.joinFreed(slot);
        }
        unlink(slot, connections);
        index.remove(key(slot), slot);
        inUse[slot] = false;
        embryonic[slot] = false;
        connection(slot, NONE);
        freeSlots[freeCount++] = slot;
        live--;
    }

    /**
     * Binds a subflow to a connection and puts it at the head of the connection's list.
     */
    void link(final int slot, final int c, final ConnectionTable connections)
    {
        connection(slot, c);
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
        final int c = connection(slot);
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

    // The packed per-slot state (see hot). Small final methods: they inline into the packet path.

    /** @return the connection slot, or -1 while unbound. */
    int connection(final int slot)
    {
        return (int)hot[HOT_LONGS * slot + META];
    }

    void connection(final int slot, final int c)
    {
        final int at = HOT_LONGS * slot + META;
        hot[at] = hot[at] & ~0xFFFF_FFFFL | c & 0xFFFF_FFFFL;
    }

    /** @return {@link #ROLE_INITIAL}, {@link #ROLE_JOIN} or {@link #ROLE_MID_STREAM}. */
    int role(final int slot)
    {
        return (int)(hot[HOT_LONGS * slot + META] >>> ROLE_SHIFT) & 0xFF;
    }

    void role(final int slot, final int role)
    {
        final int at = HOT_LONGS * slot + META;
        hot[at] = hot[at] & ~(0xFFL << ROLE_SHIFT) | (long)role << ROLE_SHIFT;
    }

    /** @return whether the client of this subflow holds Key-A (always for the initial subflow). */
    boolean clientIsA(final int slot)
    {
        return (hot[HOT_LONGS * slot + META] & CLIENT_IS_A) != 0;
    }

    void clientIsA(final int slot, final boolean isA)
    {
        final int at = HOT_LONGS * slot + META;
        hot[at] = isA ? hot[at] | CLIENT_IS_A : hot[at] & ~CLIENT_IS_A;
    }

    /** Counts a packet and its payload and stamps the subflow's last-seen time. */
    void seen(final int slot, final int payload, final long now)
    {
        final int at = HOT_LONGS * slot;
        hot[at + PACKETS]++;
        hot[at + PAYLOAD] += payload;
        hot[at + LAST_SEEN] = now;
    }

    /** @return packets seen on the subflow. */
    public long packets(final int slot)
    {
        return hot[HOT_LONGS * slot + PACKETS];
    }

    /** @return TCP payload bytes seen on the subflow (both directions). */
    public long payloadBytes(final int slot)
    {
        return hot[HOT_LONGS * slot + PAYLOAD];
    }

    /** @return the last packet's time (capture or clock nanoseconds). */
    long lastSeen(final int slot)
    {
        return hot[HOT_LONGS * slot + LAST_SEEN];
    }

    /** @return where direction {@code i} ({@code 2 * slot + direction}) keeps its mappings and ISN. */
    private static int mapBase(final int i)
    {
        return HOT_LONGS * (i >> 1) + DIRECTION_BASE + ((i & 1) << 3);
    }

    /** Records direction {@code i}'s initial sequence number (from its SYN). */
    void isn(final int i, final int seq)
    {
        final int at = mapBase(i);
        hot[at + LAST_SSN_ISN] = hot[at + LAST_SSN_ISN] & 0xFFFF_FFFFL | (long)seq << 32;
        hot[at + DIRECTION_FLAGS] |= HAS_ISN;
    }

    boolean hasIsn(final int i)
    {
        return (hot[mapBase(i) + DIRECTION_FLAGS] & HAS_ISN) != 0;
    }

    int isn(final int i)
    {
        return (int)(hot[mapBase(i) + LAST_SSN_ISN] >>> 32);
    }

    boolean hasMap(final int i)
    {
        return (hot[mapBase(i) + DIRECTION_FLAGS] & HAS_MAP) != 0;
    }

    long mapDsn(final int i)
    {
        return hot[mapBase(i) + MAP_DSN];
    }

    int mapSsn(final int i)
    {
        return (int)hot[mapBase(i) + MAP_SSN_LENGTH];
    }

    int mapLength(final int i)
    {
        return (int)(hot[mapBase(i) + MAP_SSN_LENGTH] >>> 32);
    }

    long previousMapDsn(final int i)
    {
        return hot[mapBase(i) + PREVIOUS_DSN];
    }

    int previousMapSsn(final int i)
    {
        return (int)hot[mapBase(i) + PREVIOUS_SSN_LENGTH];
    }

    int previousMapLength(final int i)
    {
        return (int)(hot[mapBase(i) + PREVIOUS_SSN_LENGTH] >>> 32);
    }

    /** Makes (ssn, length, dsn) direction {@code i}'s current mapping; with {@code keepPrevious} the old one becomes the previous. */
    void map(final int i, final int ssn, final int length, final long dsn, final boolean keepPrevious)
    {
        final int at = mapBase(i);
        if (keepPrevious)
        {
            hot[at + PREVIOUS_DSN] = hot[at + MAP_DSN];
            hot[at + PREVIOUS_SSN_LENGTH] = hot[at + MAP_SSN_LENGTH];
        }
        hot[at + MAP_DSN] = dsn;
        hot[at + MAP_SSN_LENGTH] = ssnLength(ssn, length);
        hot[at + DIRECTION_FLAGS] |= HAS_MAP;
    }

    /** Changes the length of direction {@code i}'s current mapping. */
    void mapLength(final int i, final int length)
    {
        final int at = mapBase(i) + MAP_SSN_LENGTH;
        hot[at] = ssnLength((int)hot[at], length);
    }

    private static long ssnLength(final int ssn, final int length)
    {
        return ssn & 0xFFFF_FFFFL | (long)length << 32;
    }

    /**
     * Remembers (dsn, ssn) as the last mapping recorded for direction {@code i}.
     *
     * @return whether it equals the one recorded before (the same mapping announced again).
     */
    boolean recordMapping(final int i, final long dsn, final int ssn)
    {
        final int at = mapBase(i);
        final long ssnIsn = hot[at + LAST_SSN_ISN];
        final boolean again = hot[at + LAST_MAP_DSN] == dsn && (int)ssnIsn == ssn;
        hot[at + LAST_MAP_DSN] = dsn;
        hot[at + LAST_SSN_ISN] = ssnIsn & ~0xFFFF_FFFFL | ssn & 0xFFFF_FFFFL;
        return again;
    }

    /**
     * Gives a subflow just {@link #add}ed by a restore its order from before the restart: the order the add
     * took back, later ones follow the highest restored.
     */
    void restoreOrder(final int slot, final int addedOrder)
    {
        order[slot] = addedOrder;
        added = Math.max(added - 1, addedOrder + 1);
    }

    /** Longs of per-slot packed state ({@link #hot}) a snapshot copies, after the 4-tuple's four. */
    static final int HOT_STATE_LONGS = HOT_LONGS - PACKETS;

    /**
     * Copies a slot's packed state after its addresses (packets, payload, last seen, meta, mappings, ISNs)
     * for {@link TrackerSnapshot}: {@link #HOT_STATE_LONGS} longs.
     */
    void copyHotState(final int slot, final long[] to, final int at)
    {
        System.arraycopy(hot, HOT_LONGS * slot + PACKETS, to, at, HOT_STATE_LONGS);
    }

    /**
     * Restores what {@link #copyHotState} copied into a slot just {@link #add}ed; the connection binding
     * in the meta long is left unbound (bind with {@link #link}).
     */
    void restoreHotState(final int slot, final long[] from, final int at)
    {
        final int h = HOT_LONGS * slot;
        System.arraycopy(from, at, hot, h + PACKETS, HOT_STATE_LONGS);
        hot[h + META] = hot[h + META] & ~0xFFFF_FFFFL | NONE & 0xFFFF_FFFFL;
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
        return role(slot) == ROLE_MID_STREAM;
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
        return index.maxProbe();
    }

    /**
     * @param slot a subflow slot.
     * @return its index entry's distance from its home bucket plus one, or 0 when not indexed (for checks).
     */
    int probeLength(final int slot)
    {
        return index.probeLength(key(slot), slot);
    }

    /** Raw index access for {@link Invariants}: the slot at a position, or -1. */
    int indexSlotAt(final int position)
    {
        return index.slotAt(position);
    }

    int indexSize()
    {
        return index.size();
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
        return index.entries();
    }
}
