package org.mpdp.dataplane.steer;

/**
 * How many parked packets each subflow key has: a fixed-capacity open-addressing map (linear probing,
 * backward-shift deletion), so "is anything of this subflow parked?" costs one probe sequence instead
 * of a scan of everything parked. Owned by one thread; allocation-free.
 */
final class KeyCounts
{
    private final long[] keys;
    private final int[] counts;
    private final int mask;

    KeyCounts(final int capacity)
    {
        final int size = Integer.highestOneBit(Math.max(4, capacity * 2 - 1)) << 1;
        keys = new long[size];
        counts = new int[size];
        mask = size - 1;
    }

    private int home(final long key)
    {
        return (int)(key ^ key >>> 32) & mask;
    }

    void increment(final long key)
    {
        int i = home(key);
        while (counts[i] != 0 && keys[i] != key)
        {
            i = i + 1 & mask;
        }
        keys[i] = key;
        counts[i]++;
    }

    void decrement(final long key)
    {
        int i = home(key);
        while (counts[i] != 0 && keys[i] != key)
        {
            i = i + 1 & mask;
        }
        if (counts[i] == 0 || --counts[i] > 0)
        {
            return;
        }
        // Backward shift: move later entries of the run into the hole.
        int hole = i;
        for (int j = hole + 1 & mask; counts[j] != 0; j = j + 1 & mask)
        {
            final int h = home(keys[j]);
            final boolean stays = hole <= j ? hole < h && h <= j : hole < h || h <= j;
            if (!stays)
            {
                keys[hole] = keys[j];
                counts[hole] = counts[j];
                counts[j] = 0;
                hole = j;
            }
        }
    }

    int count(final long key)
    {
        for (int i = home(key); counts[i] != 0; i = i + 1 & mask)
        {
            if (keys[i] == key)
            {
                return counts[i];
            }
        }
        return 0;
    }

    boolean contains(final long key)
    {
        for (int i = home(key); counts[i] != 0; i = i + 1 & mask)
        {
            if (keys[i] == key)
            {
                return true;
            }
        }
        return false;
    }
}
