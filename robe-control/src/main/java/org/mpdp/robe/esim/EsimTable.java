package org.mpdp.robe.esim;

import org.agrona.DirectBuffer;

/**
 * The responder's MPTCP connections as RobE_eSIM looks them up (draft §"RobE_eSIM implicit Negotiation",
 * cases 1 and 2). A connection is a slot; the caller keeps its own state per slot. Two indexes:
 *
 * <ul>
 *   <li>Key-A: connections whose Key-A is known (the initial flow's third ACK arrived, or an MP_JOIN_CAP
 *       established it). Several may share a Key-A by accident (two hosts picking the same key), so a bucket
 *       is a chain and every entry with that key is a candidate.</li>
 *   <li>Fast hash: the 1024 values of {@code crc16(Key-B) & 0x3FF} ({@link Crc16#fastHash}), each the head of a
 *       chain of connections still establishing (SYN/ACK sent, Key-A not yet known).</li>
 * </ul>
 *
 * {@link #match} tries the Key-A candidates first (case 1), then the establishing ones with the option's fast
 * hash (case 2), and accepts the first whose HMAC ({@link EsimHmac}) verifies: a Key-A or fast-hash hit alone
 * proves nothing. Everything is preallocated; nothing is allocated after construction. Not thread safe.
 */
public final class EsimTable
{
    /** {@link #match}: no connection has the option's Key-A, and none establishing has its fast hash. */
    public static final int NO_CANDIDATE = -1;
    /** {@link #match}: candidates existed but no HMAC verified. */
    public static final int HMAC_MISMATCH = -2;
    /** {@link #open}: every slot is in use. */
    public static final int FULL = -3;

    /** Slot not in use. */
    public static final byte FREE = 0;
    /** SYN/ACK sent, Key-A unknown: indexed by fast hash. */
    public static final byte ESTABLISHING = 1;
    /** Key-A known: indexed by Key-A. */
    public static final byte ESTABLISHED = 2;

    private static final int NONE = -1;

    private final int capacity;
    private final long[] keyA;
    private final long[] keyB;
    private final short[] fastHash;
    private final byte[] state;
    private final int[] next;
    private final int[] fastHeads = new int[Crc16.FAST_HASH_MASK + 1];
    private final int[] keyAHeads;
    private final int keyAShift;
    private final EsimHmac hmac = new EsimHmac();
    private int freeHead;
    private int size;
    private int lastCandidates;

    /**
     * @param capacity most connections at once.
     */
    public EsimTable(final int capacity)
    {
        if (capacity < 1)
        {
            throw new IllegalArgumentException("capacity=" + capacity);
        }
        this.capacity = capacity;
        keyA = new long[capacity];
        keyB = new long[capacity];
        fastHash = new short[capacity];
        state = new byte[capacity];
        next = new int[capacity];
        final int buckets = Integer.highestOneBit(Math.max(2, capacity - 1)) << 1;
        keyAHeads = new int[buckets];
        keyAShift = 32 - Integer.numberOfTrailingZeros(buckets);
        java.util.Arrays.fill(fastHeads, NONE);
        java.util.Arrays.fill(keyAHeads, NONE);
        for (int i = 0; i < capacity; i++)
        {
            next[i] = i + 1 < capacity ? i + 1 : NONE;
        }
        freeHead = 0;
    }

    private int bucket(final long key)
    {
        return ((int)(key ^ key >>> 32) * 0x9E37_79B9) >>> keyAShift;
    }

    /**
     * A connection whose SYN/ACK (MP_CAPABLE with Key-B) was just sent.
     *
     * @param responderKey Key-B.
     * @return its slot, or {@link #FULL}.
     */
    public int open(final long responderKey)
    {
        final int slot = freeHead;
        if (slot == NONE)
        {
            return FULL;
        }
        freeHead = next[slot];
        keyB[slot] = responderKey;
        keyA[slot] = 0;
        final int hash = Crc16.fastHash(responderKey);
        fastHash[slot] = (short)hash;
        state[slot] = ESTABLISHING;
        next[slot] = fastHeads[hash];
        fastHeads[hash] = slot;
        size++;
        return slot;
    }

    /**
     * Key-A became known (third ACK with MP_CAPABLE, or an MP_JOIN_CAP matched by fast hash): the connection
     * leaves the fast-hash index for the Key-A index. Does nothing when already established.
     *
     * @param slot          from {@link #open}.
     * @param initiatorKey  Key-A.
     */
    public void establish(final int slot, final long initiatorKey)
    {
        if (state[slot] != ESTABLISHING)
        {
            return;
        }
        unlink(fastHeads, fastHash[slot], slot);
        keyA[slot] = initiatorKey;
        state[slot] = ESTABLISHED;
        final int b = bucket(initiatorKey);
        next[slot] = keyAHeads[b];
        keyAHeads[b] = slot;
    }

    /**
     * Removes a connection (closed, reset, or its flow became a subflow of another).
     *
     * @param slot from {@link #open}; a free slot is ignored.
     */
    public void close(final int slot)
    {
        if (state[slot] == ESTABLISHING)
        {
            unlink(fastHeads, fastHash[slot], slot);
        }
        else if (state[slot] == ESTABLISHED)
        {
            unlink(keyAHeads, bucket(keyA[slot]), slot);
        }
        else
        {
            return;
        }
        state[slot] = FREE;
        next[slot] = freeHead;
        freeHead = slot;
        size--;
    }

    private void unlink(final int[] heads, final int bucket, final int slot)
    {
        int prev = NONE;
        for (int i = heads[bucket]; i != NONE; prev = i, i = next[i])
        {
            if (i == slot)
            {
                if (prev == NONE)
                {
                    heads[bucket] = next[i];
                }
                else
                {
                    next[prev] = next[i];
                }
                return;
            }
        }
    }

    /**
     * Finds the connection an MP_JOIN_CAP joins.
     *
     * @param buffer    holds the option, already checked by {@link EsimOption#checkJoinCap}.
     * @param option    offset of its kind byte.
     * @param keyBPrime Key-B' this flow's SYN/ACK carried.
     * @param exclude   the slot of the flow carrying the option (not a candidate for itself), or -1.
     * @return the matching slot, {@link #NO_CANDIDATE} or {@link #HMAC_MISMATCH}.
     */
    public int match(final DirectBuffer buffer, final int option, final long keyBPrime, final int exclude)
    {
        final long optionKeyA = EsimOption.joinCapKeyA(buffer, option);
        final int hmacOffset = option + EsimOption.HMAC_OFFSET;
        int candidates = 0;
        // Case 1: the initial flow's third ACK has arrived, so its Key-A is indexed.
        for (int i = keyAHeads[bucket(optionKeyA)]; i != NONE; i = next[i])
        {
            if (keyA[i] == optionKeyA && i != exclude)
            {
                candidates++;
                if (hmac.verify(optionKeyA, keyB[i], keyBPrime, buffer, hmacOffset))
                {
                    lastCandidates = candidates;
                    return i;
                }
            }
        }
        // Case 2: the MP_JOIN_CAP overtook the initial flow's third ACK; only establishing connections can be it.
        final int hash = EsimOption.joinCapFastHash(buffer, option);
        for (int i = fastHeads[hash]; i != NONE; i = next[i])
        {
            if (i != exclude)
            {
                candidates++;
                if (hmac.verify(optionKeyA, keyB[i], keyBPrime, buffer, hmacOffset))
                {
                    lastCandidates = candidates;
                    return i;
                }
            }
        }
        lastCandidates = candidates;
        return candidates == 0 ? NO_CANDIDATE : HMAC_MISMATCH;
    }

    /** @return HMACs {@link #match} checked last time. */
    public int lastCandidates()
    {
        return lastCandidates;
    }

    /** @return connections in the table. */
    public int size()
    {
        return size;
    }

    /** @return most connections at once. */
    public int capacity()
    {
        return capacity;
    }

    /**
     * @param slot a slot.
     * @return {@link #FREE}, {@link #ESTABLISHING} or {@link #ESTABLISHED}.
     */
    public byte state(final int slot)
    {
        return state[slot];
    }

    /**
     * @param slot an established slot.
     * @return its Key-A.
     */
    public long keyA(final int slot)
    {
        return keyA[slot];
    }

    /**
     * @param slot a used slot.
     * @return its Key-B.
     */
    public long keyB(final int slot)
    {
        return keyB[slot];
    }
}
