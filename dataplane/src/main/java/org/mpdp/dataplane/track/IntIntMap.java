package org.mpdp.dataplane.track;

import java.util.Arrays;

/**
 * Fixed-capacity open-addressing map from int to a non-negative int, for the packet path: no boxing,
 * no growth, no allocation after construction. Removal leaves a tombstone.
 */
final class IntIntMap
{
    static final int MISSING = -1;
    private static final int EMPTY = -1;
    private static final int TOMBSTONE = -2;

    private final int[] keys;
    private final int[] values;
    private final int mask;
    private int size;

    /**
     * @param capacity entries to hold; the table is twice that, rounded up to a power of two.
     */
    IntIntMap(final int capacity)
    {
        final int slots = Integer.highestOneBit(Math.max(4, capacity * 2 - 1)) << 1;
        keys = new int[slots];
        values = new int[slots];
        Arrays.fill(values, EMPTY);
        mask = slots - 1;
    }

    private static int hash(final int key)
    {
        final int h = key * 0x9E3779B9;
        return h ^ h >>> 16;
    }

    int get(final int key)
    {
        for (int i = hash(key) & mask, n = 0; n <= mask; i = i + 1 & mask, n++)
        {
            final int v = values[i];
            if (v == EMPTY)
            {
                return MISSING;
            }
            if (v != TOMBSTONE && keys[i] == key)
            {
                return v;
            }
        }
        return MISSING;
    }

    /**
     * @return false when the key is present already or the table is full (half the slots).
     */
    boolean put(final int key, final int value)
    {
        if (size >= (mask + 1) / 2 || get(key) != MISSING)
        {
            return false;
        }
        for (int i = hash(key) & mask; ; i = i + 1 & mask)
        {
            if (values[i] == EMPTY || values[i] == TOMBSTONE)
            {
                keys[i] = key;
                values[i] = value;
                size++;
                return true;
            }
        }
    }

    void remove(final int key)
    {
        for (int i = hash(key) & mask, n = 0; n <= mask; i = i + 1 & mask, n++)
        {
            final int v = values[i];
            if (v == EMPTY)
            {
                return;
            }
            if (v != TOMBSTONE && keys[i] == key)
            {
                values[i] = TOMBSTONE;
                size--;
                return;
            }
        }
    }
}
