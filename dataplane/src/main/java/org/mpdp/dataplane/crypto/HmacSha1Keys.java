package org.mpdp.dataplane.crypto;

/**
 * A fixed-capacity table of precomputed HMAC-SHA1 keys (MPTCP v0, RFC 6824), one {@link HmacSha1} midstate
 * record per slot.
 *
 * <pre>
 *   slot s: ints [s*10 .. s*10+4] inner state, [s*10+5 .. s*10+9] outer state
 * </pre>
 *
 * <p>As with {@link HmacSha256Keys}, {@code Key-A ‖ Key-B} and {@code Key-B ‖ Key-A} are two different slots.
 */
public final class HmacSha1Keys
{
    /** Ints per slot. */
    public static final int SLOT_INTS = HmacSha1.MIDSTATE_INTS;

    private final int capacity;
    private final int[] midstates;
    private final HmacSha1 engine = new HmacSha1();

    /**
     * @param capacity number of slots.
     */
    public HmacSha1Keys(final int capacity)
    {
        if (capacity < 1 || capacity > Integer.MAX_VALUE / SLOT_INTS)
        {
            throw new IllegalArgumentException("capacity=" + capacity);
        }
        this.capacity = capacity;
        this.midstates = new int[capacity * SLOT_INTS];
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
     * @param key1 first key.
     * @param key2 second key.
     */
    public void setKey(final int slot, final long key1, final long key2)
    {
        engine.precompute(key1, key2, midstates, offset(slot));
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
     * @return the backing records.
     */
    int[] midstates()
    {
        return midstates;
    }
}
