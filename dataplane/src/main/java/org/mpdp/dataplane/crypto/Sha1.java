package org.mpdp.dataplane.crypto;

/**
 * The SHA-1 compression function (FIPS 180-4 §6.1.2) on one 64-byte block, from any chaining state. MPTCP v0
 * (RFC 6824) only: its token, IDSN and HMAC-SHA1. Pure Java and allocation free; the caller owns the state and
 * an 80-int schedule scratch whose first 16 ints hold the block as big-endian words.
 */
public final class Sha1
{
    /** Ints in a chaining state. */
    public static final int STATE_INTS = 5;
    /** Ints in the message schedule scratch {@link #compress} needs. */
    public static final int SCHEDULE_INTS = 80;

    static final int H0 = 0x67452301;
    static final int H1 = 0xefcdab89;
    static final int H2 = 0x98badcfe;
    static final int H3 = 0x10325476;
    static final int H4 = 0xc3d2e1f0;

    private Sha1()
    {
    }

    /**
     * Writes the initial hash value (FIPS 180-4 §5.3.1).
     *
     * @param state  destination.
     * @param offset index of word 0.
     */
    public static void initialState(final int[] state, final int offset)
    {
        state[offset] = H0;
        state[offset + 1] = H1;
        state[offset + 2] = H2;
        state[offset + 3] = H3;
        state[offset + 4] = H4;
    }

    /**
     * Compresses one block into the state.
     *
     * @param state       chaining state, updated in place.
     * @param stateOffset index of word 0 in {@code state}.
     * @param w           schedule scratch of at least {@link #SCHEDULE_INTS}; ints 0..15 hold the block,
     *                    ints 16..79 are overwritten.
     */
    public static void compress(final int[] state, final int stateOffset, final int[] w)
    {
        if (w.length < SCHEDULE_INTS)
        {
            throw new IllegalArgumentException("schedule length=" + w.length);
        }
        for (int t = 16; t < 80; t++)
        {
            w[t] = Integer.rotateLeft(w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16], 1);
        }
        int a = state[stateOffset];
        int b = state[stateOffset + 1];
        int c = state[stateOffset + 2];
        int d = state[stateOffset + 3];
        int e = state[stateOffset + 4];
        for (int t = 0; t < 80; t++)
        {
            final int f;
            final int k;
            if (t < 20)
            {
                f = d ^ (b & (c ^ d));
                k = 0x5a827999;
            }
            else if (t < 40)
            {
                f = b ^ c ^ d;
                k = 0x6ed9eba1;
            }
            else if (t < 60)
            {
                f = (b & c) | (d & (b | c));
                k = 0x8f1bbcdc;
            }
            else
            {
                f = b ^ c ^ d;
                k = 0xca62c1d6;
            }
            final int temp = Integer.rotateLeft(a, 5) + f + e + k + w[t];
            e = d;
            d = c;
            c = Integer.rotateLeft(b, 30);
            b = a;
            a = temp;
        }
        state[stateOffset] += a;
        state[stateOffset + 1] += b;
        state[stateOffset + 2] += c;
        state[stateOffset + 3] += d;
        state[stateOffset + 4] += e;
    }
}
