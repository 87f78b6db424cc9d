package org.mpdp.dataplane.crypto;

/**
 * HMAC-SHA1 (RFC 2104) for MPTCP v0 (RFC 6824 §3.2) from precomputed midstates, as {@link HmacSha256} does for
 * v1: the key {@code be64(key1) ‖ be64(key2)} is compressed once into inner and outer states, and an HMAC of an
 * 8-byte message then costs two compressions and allocates nothing.
 *
 * <pre>
 *   midstates[offset + 0..4]   inner state, words H0..H4
 *   midstates[offset + 5..9]   outer state, words H0..H4
 * </pre>
 *
 * <p>An engine owns its schedule scratch: one per thread.
 */
public final class HmacSha1
{
    /** Ints per precomputed key: inner then outer state. */
    public static final int MIDSTATE_INTS = 10;
    /** Offset of the outer state in a midstate record. */
    public static final int OUTER_OFFSET = 5;
    /** Ints in an HMAC-SHA1 value. */
    public static final int DIGEST_INTS = 5;

    static final int INNER_BITS_8 = (64 + 8) * 8;
    static final int OUTER_BITS = (64 + 20) * 8;

    private final int[] w = new int[Sha1.SCHEDULE_INTS];
    private final int[] state = new int[Sha1.STATE_INTS];

    /**
     * Precomputes the inner and outer states for the key {@code be64(key1) ‖ be64(key2)}.
     *
     * @param key1      first 8 key bytes, big-endian.
     * @param key2      last 8 key bytes, big-endian.
     * @param midstates destination of {@link #MIDSTATE_INTS} ints.
     * @param offset    index of the inner state's word 0.
     */
    public void precompute(final long key1, final long key2, final int[] midstates, final int offset)
    {
        keyState(key1, key2, HmacSha256.IPAD, midstates, offset);
        keyState(key1, key2, HmacSha256.OPAD, midstates, offset + OUTER_OFFSET);
    }

    private void keyState(final long key1, final long key2, final int pad, final int[] dst, final int offset)
    {
        final int[] w = this.w;
        w[0] = (int)(key1 >>> 32) ^ pad;
        w[1] = (int)key1 ^ pad;
        w[2] = (int)(key2 >>> 32) ^ pad;
        w[3] = (int)key2 ^ pad;
        for (int i = 4; i < 16; i++)
        {
            w[i] = pad;
        }
        Sha1.initialState(dst, offset);
        Sha1.compress(dst, offset, w);
    }

    /**
     * HMAC of an 8-byte message, leftmost 64 bits.
     *
     * @param midstates precomputed key states.
     * @param offset    index of the record.
     * @param message   the 8 message bytes, big-endian.
     * @return the HMAC's first 8 bytes as a big-endian long.
     */
    public long left64(final int[] midstates, final int offset, final long message)
    {
        hmac8(midstates, offset, message);
        return ((long)state[0] << 32) | (state[1] & 0xFFFF_FFFFL);
    }

    /**
     * HMAC of an 8-byte message, whole value.
     *
     * @param midstates    precomputed key states.
     * @param offset       index of the record.
     * @param message      the 8 message bytes, big-endian.
     * @param digest       destination of {@link #DIGEST_INTS} big-endian words.
     * @param digestOffset index of word 0.
     */
    public void hmac(final int[] midstates, final int offset, final long message, final int[] digest,
        final int digestOffset)
    {
        hmac8(midstates, offset, message);
        System.arraycopy(state, 0, digest, digestOffset, DIGEST_INTS);
    }

    private void hmac8(final int[] midstates, final int offset, final long message)
    {
        final int[] w = this.w;
        final int[] state = this.state;
        w[0] = (int)(message >>> 32);
        w[1] = (int)message;
        w[2] = 0x8000_0000;
        for (int i = 3; i < 15; i++)
        {
            w[i] = 0;
        }
        w[15] = INNER_BITS_8;
        System.arraycopy(midstates, offset, state, 0, Sha1.STATE_INTS);
        Sha1.compress(state, 0, w);
        System.arraycopy(state, 0, w, 0, Sha1.STATE_INTS);
        w[5] = 0x8000_0000;
        for (int i = 6; i < 15; i++)
        {
            w[i] = 0;
        }
        w[15] = OUTER_BITS;
        System.arraycopy(midstates, offset + OUTER_OFFSET, state, 0, Sha1.STATE_INTS);
        Sha1.compress(state, 0, w);
    }
}
