package org.mpdp.dataplane.crypto;

/**
 * The SHA-256 compression function (FIPS 180-4 §6.2.2) on one 64-byte block, from any chaining state, so
 * that callers can start from precomputed HMAC midstates. Pure Java and allocation free: the caller owns the
 * state and a 64-int message schedule scratch, whose first 16 ints hold the block as big-endian words.
 *
 * <p>Used for single-block work only (key derivation, HMAC of short messages from midstates); bulk hashing
 * belongs to {@code MessageDigest}, which uses SHA-NI.
 */
public final class Sha256
{
    /** Ints in a chaining state. */
    public static final int STATE_INTS = 8;
    /** Ints in a message block. */
    public static final int BLOCK_INTS = 16;
    /** Ints in the message schedule scratch {@link #compress} needs. */
    public static final int SCHEDULE_INTS = 64;

    /** FIPS 180-4 §5.3.3 initial hash value. */
    static final int H0 = 0x6a09e667;
    static final int H1 = 0xbb67ae85;
    static final int H2 = 0x3c6ef372;
    static final int H3 = 0xa54ff53a;
    static final int H4 = 0x510e527f;
    static final int H5 = 0x9b05688c;
    static final int H6 = 0x1f83d9ab;
    static final int H7 = 0x5be0cd19;

    /** FIPS 180-4 §4.2.2 round constants. */
    static final int[] K =
    {
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2
    };

    private Sha256()
    {
    }

    /**
     * Writes the initial hash value.
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
        state[offset + 5] = H5;
        state[offset + 6] = H6;
        state[offset + 7] = H7;
    }

    /**
     * Compresses one block into the state: {@code state = state + rounds(state, block)}.
     *
     * @param state       chaining state, updated in place.
     * @param stateOffset index of word 0 in {@code state}.
     * @param w           schedule scratch of at least {@link #SCHEDULE_INTS}; ints 0..15 hold the block,
     *                    ints 16..63 are overwritten.
     */
    public static void compress(final int[] state, final int stateOffset, final int[] w)
    {
        schedule(w);
        int a = state[stateOffset];
        int b = state[stateOffset + 1];
        int c = state[stateOffset + 2];
        int d = state[stateOffset + 3];
        int e = state[stateOffset + 4];
        int f = state[stateOffset + 5];
        int g = state[stateOffset + 6];
        int h = state[stateOffset + 7];
        final int[] k = K;
        // Eight rounds per pass, renaming instead of shifting the working variables (round t writes the
        // new 'a' into the old 'h' and the new 'e' into the old 'd').
        for (int t = 0; t < 64; t += 8)
        {
            h += bigSigma1(e) + ch(e, f, g) + k[t] + w[t];
            d += h;
            h += bigSigma0(a) + maj(a, b, c);
            g += bigSigma1(d) + ch(d, e, f) + k[t + 1] + w[t + 1];
            c += g;
            g += bigSigma0(h) + maj(h, a, b);
            f += bigSigma1(c) + ch(c, d, e) + k[t + 2] + w[t + 2];
            b += f;
            f += bigSigma0(g) + maj(g, h, a);
            e += bigSigma1(b) + ch(b, c, d) + k[t + 3] + w[t + 3];
            a += e;
            e += bigSigma0(f) + maj(f, g, h);
            d += bigSigma1(a) + ch(a, b, c) + k[t + 4] + w[t + 4];
            h += d;
            d += bigSigma0(e) + maj(e, f, g);
            c += bigSigma1(h) + ch(h, a, b) + k[t + 5] + w[t + 5];
            g += c;
            c += bigSigma0(d) + maj(d, e, f);
            b += bigSigma1(g) + ch(g, h, a) + k[t + 6] + w[t + 6];
            f += b;
            b += bigSigma0(c) + maj(c, d, e);
            a += bigSigma1(f) + ch(f, g, h) + k[t + 7] + w[t + 7];
            e += a;
            a += bigSigma0(b) + maj(b, c, d);
        }
        state[stateOffset] += a;
        state[stateOffset + 1] += b;
        state[stateOffset + 2] += c;
        state[stateOffset + 3] += d;
        state[stateOffset + 4] += e;
        state[stateOffset + 5] += f;
        state[stateOffset + 6] += g;
        state[stateOffset + 7] += h;
    }

    private static void schedule(final int[] w)
    {
        if (w.length < SCHEDULE_INTS)
        {
            throw new IllegalArgumentException("schedule length=" + w.length);
        }
        for (int t = 16; t < 64; t++)
        {
            final int x = w[t - 15];
            final int y = w[t - 2];
            final int s0 = Integer.rotateRight(x, 7) ^ Integer.rotateRight(x, 18) ^ (x >>> 3);
            final int s1 = Integer.rotateRight(y, 17) ^ Integer.rotateRight(y, 19) ^ (y >>> 10);
            w[t] = w[t - 16] + s0 + w[t - 7] + s1;
        }
    }

    private static int bigSigma0(final int x)
    {
        return Integer.rotateRight(x, 2) ^ Integer.rotateRight(x, 13) ^ Integer.rotateRight(x, 22);
    }

    private static int bigSigma1(final int x)
    {
        return Integer.rotateRight(x, 6) ^ Integer.rotateRight(x, 11) ^ Integer.rotateRight(x, 25);
    }

    private static int ch(final int x, final int y, final int z)
    {
        return z ^ (x & (y ^ z));
    }

    private static int maj(final int x, final int y, final int z)
    {
        return (x & y) | (z & (x | y));
    }
}
