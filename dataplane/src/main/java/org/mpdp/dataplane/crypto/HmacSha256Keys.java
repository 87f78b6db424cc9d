package org.mpdp.dataplane.crypto;

import java.lang.foreign.MemorySegment;

import org.mpdp.dpdk.Sha256Ni;

/**
 * A fixed-capacity table of precomputed HMAC-SHA256 keys (MPTCP v1), one {@link HmacSha256} midstate record
 * per slot, stored array-of-structures so that one connection's key is one 64-byte cache line and the batched
 * verifier can gather a lane's state words with one index per lane ({@code slot * SLOT_INTS}).
 *
 * <pre>
 *   slot s: ints [s*16 .. s*16+7] inner state, [s*16+8 .. s*16+15] outer state
 * </pre>
 *
 * <p>A key's byte order is part of its identity (RFC 8684 §3.2): {@code Key-A ‖ Key-B} and {@code Key-B ‖ Key-A}
 * are two different slots. Writers (connection set-up) and readers (verification) must be the same thread or be
 * ordered by the caller.
 */
public final class HmacSha256Keys
{
    /** Ints per slot. */
    public static final int SLOT_INTS = HmacSha256.MIDSTATE_INTS;

    private final int capacity;
    private final int[] midstates;
    /** The raw keys too: the JDK digest path (SHA-NI) hashes the padded key itself. */
    private final long[] keys;
    /** A heap view of {@code midstates} for the native HMAC ({@link Sha256Ni}); made once. */
    private final MemorySegment midstatesSegment;
    private final HmacSha256 engine = new HmacSha256();

    /**
     * @param capacity number of slots.
     */
    public HmacSha256Keys(final int capacity)
    {
        if (capacity < 1 || capacity > Integer.MAX_VALUE / SLOT_INTS)
        {
            throw new IllegalArgumentException("capacity=" + capacity);
        }
        this.capacity = capacity;
        this.midstates = new int[capacity * SLOT_INTS];
        this.keys = new long[capacity * 2];
        this.midstatesSegment = MemorySegment.ofArray(midstates);
    }

    /**
     * @return number of slots.
     */
    public int capacity()
    {
        return capacity;
    }

    /**
     * Precomputes the key {@code be64(key1) ‖ be64(key2)} into a slot (two compressions).
     *
     * @param slot slot index, 0..capacity-1.
     * @param key1 first key (e.g. Key-B for an MP_JOIN SYN/ACK, the sender's key for ADD_ADDR).
     * @param key2 second key.
     */
    public void setKey(final int slot, final long key1, final long key2)
    {
        if (Sha256Ni.AVAILABLE)
        {
            // Two SHA-NI compressions instead of two in Java (about 650 ns): once per connection and key order.
            Sha256Ni.midstates(key1, key2, midstatesSegment, offset(slot));
        }
        else
        {
            engine.precompute(key1, key2, midstates, offset(slot));
        }
        keys[2 * slot] = key1;
        keys[2 * slot + 1] = key2;
    }

    /**
     * Zeroes a slot (the state of no key).
     *
     * @param slot slot index.
     */
    public void clear(final int slot)
    {
        final int offset = offset(slot);
        for (int i = 0; i < SLOT_INTS; i++)
        {
            midstates[offset + i] = 0;
        }
    }

    /**
     * @param slot slot index.
     * @return index of the slot's record in {@link #midstates()}.
     */
    public int offset(final int slot)
    {
        if (slot < 0 || slot >= capacity)
        {
            throw new IndexOutOfBoundsException("slot=" + slot + " capacity=" + capacity);
        }
        return slot * SLOT_INTS;
    }

    /**
     * @return the backing records, for {@link HmacSha256} and the batched verifier.
     */
    long key1(final int slot)
    {
        return keys[2 * slot];
    }

    long key2(final int slot)
    {
        return keys[2 * slot + 1];
    }

    int[] midstates()
    {
        return midstates;
    }

    MemorySegment midstatesSegment()
    {
        return midstatesSegment;
    }
}
