package org.mpdp.dataplane.steer;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A fixed-capacity table from a 64-bit key to a worker number, read lock-free by any thread and
 * written by several workers at once. Two-choice bucketised hashing: a key lives in one of two
 * buckets of {@link #BUCKET_SLOTS} slots (its primary bucket, or its alternative when the primary is
 * full), and a lookup scans whole buckets, so there are no probe chains, a removal just empties its
 * slot, and nothing decays under churn (no tombstones). Duplicate keys are allowed (a token two
 * connections share); a lookup answers with the bitmask of every worker holding the key.
 *
 * <pre>
 *   keys[]   one long per slot:  EMPTY (0) | CLAIMED (1) | key (>= 2)
 *   values[] one long per slot:
 *     63                                    16 15             0
 *    +----------------------------------------+----------------+
 *    |  generation (bumped by every insert)   |     owner      |
 *    +----------------------------------------+----------------+
 *   overflow[] one int per bucket: entries whose primary is this bucket that sit in their alternative
 * </pre>
 *
 * <p>Protocol. Insert: CAS the slot's key EMPTY to CLAIMED (the claim: one writer wins a slot), write
 * the value with a new generation (release), then the key (release). Remove (by the entry's owner
 * only): write EMPTY (release). Read: value (acquire), key (acquire), value again (acquire); the
 * owner counts only when the key matches and both value reads are equal, i.e. the key was read
 * within one insert's lifetime of the slot. A reader therefore never reports an owner that was not
 * published for that key, even when the slot was emptied and re-used between its reads (ABA: the
 * generation differs). Readers never wait; writers never wait for readers.
 */
final class OwnerTable
{
    /** Slots per bucket: 8 keys = one 64-byte cache line. */
    static final int BUCKET_SLOTS = 8;
    /** Owner numbers fit in a lookup's bitmask. */
    static final int MAX_OWNERS = 64;

    private static final long EMPTY = 0;
    private static final long CLAIMED = 1;
    private static final int OWNER_BITS = 16;
    private static final long OWNER_MASK = (1L << OWNER_BITS) - 1;
    private static final int SHIFT = Integer.numberOfTrailingZeros(BUCKET_SLOTS);
    private static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);
    private static final VarHandle INTS = MethodHandles.arrayElementVarHandle(int[].class);

    private final long[] keys;
    private final long[] values;
    private final int[] overflow;
    private final int bucketMask;

    /**
     * @param capacity entries the table must hold; buckets are sized for a load of at most one half.
     */
    OwnerTable(final int capacity)
    {
        if (capacity < 1 || capacity > 1 << 28)
        {
            throw new IllegalArgumentException("capacity=" + capacity + " must be in [1, 2^28]");
        }
        final int buckets = Math.max(2, Integer.highestOneBit(Math.max(1, capacity * 2 / BUCKET_SLOTS - 1)) << 1);
        keys = new long[buckets * BUCKET_SLOTS];
        values = new long[buckets * BUCKET_SLOTS];
        overflow = new int[buckets];
        bucketMask = buckets - 1;
    }

    /** @return slots in the table. */
    int slots()
    {
        return keys.length;
    }

    private int primary(final long hash)
    {
        return (int)hash & bucketMask;
    }

    private int alternative(final long hash, final int primary)
    {
        final int b = (int)(hash >>> 32) & bucketMask;
        return b != primary ? b : primary ^ 1;
    }

    /**
     * Adds an entry (a duplicate of an existing one is a separate entry).
     *
     * @param key   the key, at least 2.
     * @param hash  the key's keyed hash (picks the buckets).
     * @param owner 0..63.
     * @return false when both buckets are full (nothing written).
     */
    boolean insert(final long key, final long hash, final int owner)
    {
        final int b1 = primary(hash);
        if (claim(b1, key, owner))
        {
            return true;
        }
        final int b2 = alternative(hash, b1);
        // Raised before the claim, so a reader that could see the entry in b2 also sees the flag and looks.
        INTS.getAndAdd(overflow, b1, 1);
        if (claim(b2, key, owner))
        {
            return true;
        }
        INTS.getAndAdd(overflow, b1, -1);
        return false;
    }

    private boolean claim(final int bucket, final long key, final int owner)
    {
        final int base = bucket << SHIFT;
        for (int s = base, end = base + BUCKET_SLOTS; s < end; s++)
        {
            if ((long)LONGS.getOpaque(keys, s) == EMPTY && LONGS.compareAndSet(keys, s, EMPTY, CLAIMED))
            {
                // Only the claimer writes values[s] while the key is CLAIMED; the CAS (volatile) ordered this
                // plain read after the previous owner's writes.
                final long generation = ((long)LONGS.get(values, s) >>> OWNER_BITS) + 1;
                // Value before key, both release: a reader that sees the key sees this value (or a later one).
                LONGS.setRelease(values, s, generation << OWNER_BITS | owner);
                LONGS.setRelease(keys, s, key);
                return true;
            }
        }
        return false;
    }

    /**
     * Removes one entry of {@code key} held by {@code owner}; only that owner may call it for its entries.
     *
     * @return whether an entry was removed.
     */
    boolean remove(final long key, final long hash, final int owner)
    {
        final int b1 = primary(hash);
        if (clear(b1, key, owner))
        {
            return true;
        }
        final int b2 = alternative(hash, b1);
        if (clear(b2, key, owner))
        {
            // Lowered after the slot is empty: a reader seeing 0 has nothing left to find in b2.
            INTS.getAndAdd(overflow, b1, -1);
            return true;
        }
        return false;
    }

    private boolean clear(final int bucket, final long key, final int owner)
    {
        final int base = bucket << SHIFT;
        for (int s = base, end = base + BUCKET_SLOTS; s < end; s++)
        {
            // The owner's own entries change only by its own hand, so plain reads of them are current.
            if ((long)LONGS.getOpaque(keys, s) == key && ((long)LONGS.get(values, s) & OWNER_MASK) == owner)
            {
                // Release: a writer that claims this slot next orders its writes after ours.
                LONGS.setRelease(keys, s, EMPTY);
                return true;
            }
        }
        return false;
    }

    /**
     * @return bitmask of the owners holding {@code key} (bit n for owner n), 0 when none.
     */
    long owners(final long key, final long hash)
    {
        final int b1 = primary(hash);
        long mask = scan(b1, key);
        if ((int)INTS.getAcquire(overflow, b1) != 0)
        {
            mask |= scan(alternative(hash, b1), key);
        }
        return mask;
    }

    /**
     * @return whether {@code owner} holds an entry for {@code key}.
     */
    boolean holds(final long key, final long hash, final int owner)
    {
        return (owners(key, hash) & 1L << owner) != 0;
    }

    private long scan(final int bucket, final long key)
    {
        long mask = 0;
        final int base = bucket << SHIFT;
        for (int s = base, end = base + BUCKET_SLOTS; s < end; s++)
        {
            // Opaque pre-filter: most slots hold another key and need no ordered reads.
            if ((long)LONGS.getOpaque(keys, s) == key)
            {
                mask |= consistentOwner(s, key);
            }
        }
        return mask;
    }

    private long consistentOwner(final int s, final long key)
    {
        while (true)
        {
            // Acquire, acquire, acquire: the key read lies between the two value reads, and a key seen
            // implies its insert's value is visible (the writer released the value before the key).
            final long v1 = (long)LONGS.getAcquire(values, s);
            final long k = (long)LONGS.getAcquire(keys, s);
            final long v2 = (long)LONGS.getAcquire(values, s);
            if (k != key)
            {
                return 0;
            }
            if (v1 == v2)
            {
                return 1L << (int)(v1 & OWNER_MASK);
            }
            // The slot was re-used between the reads: read it again (bounded by the writers' progress).
        }
    }

    /** @return entries in use (a walk, for tests and stats; not the packet path). */
    int size()
    {
        int n = 0;
        for (int s = 0; s < keys.length; s++)
        {
            if ((long)LONGS.getAcquire(keys, s) >= 2)
            {
                n++;
            }
        }
        return n;
    }
}
