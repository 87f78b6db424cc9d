package org.mpdp.dataplane.track;

/**
 * Token to connection side, as a fixed-capacity multimap: two live connections may share a 32-bit
 * token (about two such pairs among 64k connections), so an entry is a (token, value) pair and both
 * stay reachable; removal names the pair. Linear probing with backward-shift deletion, so there are
 * no tombstones and lookups never decay under churn; keyed hash against chosen tokens; probe length
 * bounded by {@link #MAX_PROBE}.
 */
final class TokenIndex
{
    /** Longest probe an insertion may take; past it the insertion fails (counted, never a long scan). */
    static final int MAX_PROBE = 64;
    /**
     * Most live connection sides one token may index. Legitimate collisions come in pairs; a client
     * that opens many connections with the same key (its choice) must not grow one cluster until
     * other tokens that hash into it hit {@link #MAX_PROBE}.
     */
    static final int MAX_HOLDERS = 4;
    /** End of a lookup. */
    static final int END = -1;
    private static final int EMPTY = -1;

    private final int[] tokens;
    private final int[] values;
    private final int mask;
    private final FlowHash hash;
    private int size;
    private int maxProbe;

    /**
     * @param capacity entries to hold; the table is at least twice that, a power of two.
     * @param hash     keyed hash.
     */
    TokenIndex(final int capacity, final FlowHash hash)
    {
        final int slots = Integer.highestOneBit(Math.max(4, capacity * 2 - 1)) << 1;
        tokens = new int[slots];
        values = new int[slots];
        java.util.Arrays.fill(values, EMPTY);
        mask = slots - 1;
        this.hash = hash;
    }

    private int home(final int token)
    {
        return hash.token(token) & mask;
    }

    /**
     * @return false when the table is half full, the token has {@link #MAX_HOLDERS} entries already, or
     *         the probe would be longer than {@link #MAX_PROBE}.
     */
    boolean put(final int token, final int value)
    {
        if (size >= (mask + 1) / 2)
        {
            return false;
        }
        int i = home(token);
        int holders = 0;
        for (int n = 0; n < MAX_PROBE; n++, i = i + 1 & mask)
        {
            if (values[i] != EMPTY && tokens[i] == token && ++holders == MAX_HOLDERS)
            {
                return false;
            }
            if (values[i] == EMPTY)
            {
                tokens[i] = token;
                values[i] = value;
                size++;
                maxProbe = Math.max(maxProbe, n + 1);
                return true;
            }
        }
        return false;
    }

    /**
     * @return the first position holding the token, or {@link #END}; read it with {@link #value}.
     */
    int first(final int token)
    {
        return scan(token, home(token));
    }

    /**
     * @return the next position after {@code position} holding the token, or {@link #END}.
     */
    int next(final int token, final int position)
    {
        return scan(token, position + 1 & mask);
    }

    private int scan(final int token, final int from)
    {
        for (int i = from, n = 0; n <= mask; i = i + 1 & mask, n++)
        {
            if (values[i] == EMPTY)
            {
                return END;
            }
            if (tokens[i] == token)
            {
                return i;
            }
        }
        return END;
    }

    int value(final int position)
    {
        return values[position];
    }

    /**
     * Removes one (token, value) pair; other entries with the same token stay.
     */
    void remove(final int token, final int value)
    {
        for (int i = first(token); i != END; i = next(token, i))
        {
            if (values[i] == value)
            {
                delete(i);
                return;
            }
        }
    }

    /** Backward-shift deletion (Knuth 6.4, algorithm R): later entries move up into the hole. */
    private void delete(final int position)
    {
        int hole = position;
        values[hole] = EMPTY;
        size--;
        for (int j = hole + 1 & mask; values[j] != EMPTY; j = j + 1 & mask)
        {
            final int h = home(tokens[j]);
            // Move j into the hole unless its home lies cyclically in (hole, j].
            final boolean stays = hole <= j ? hole < h && h <= j : hole < h || h <= j;
            if (!stays)
            {
                tokens[hole] = tokens[j];
                values[hole] = values[j];
                values[j] = EMPTY;
                hole = j;
            }
        }
    }

    /** Raw table access for {@link Invariants}. */
    int slots()
    {
        return mask + 1;
    }

    int tokenAt(final int position)
    {
        return tokens[position];
    }

    /** The value at a raw position, or -1 when empty. */
    int valueAt(final int position)
    {
        return values[position];
    }

    /**
     * @return entries held.
     */
    int size()
    {
        return size;
    }

    /**
     * @return the longest probe any insertion took.
     */
    int maxProbe()
    {
        return maxProbe;
    }
}
