package org.mpdp.dataplane.crypto;

import java.lang.foreign.MemorySegment;

import org.mpdp.dpdk.Sha256Ni;

/**
 * Token and initial data sequence number (IDSN) from a 64-bit MPTCP key. A key is one padded block, so each
 * derivation is a single compression from the initial value, with no allocation.
 *
 * <ul>
 *   <li>v1 (RFC 8684 §3.1, Linux {@code mptcp_crypto_key_sha}): {@code H = SHA-256(be64(key))};
 *       token = most significant 32 bits of H ({@code H[0..3]}), IDSN = least significant 64 bits
 *       ({@code H[24..31]}).</li>
 *   <li>v0 (RFC 6824 §3.1): {@code H = SHA-1(be64(key))}; token = {@code H[0..3]}, IDSN = {@code H[12..19]}.</li>
 * </ul>
 *
 * <p>Not thread safe: the instance owns its scratch; use one per thread. {@link #deriveV1} and {@link #deriveV0}
 * compute both values with one compression and leave them in {@link #token()} and {@link #idsn()}.
 */
public final class KeyDerivation
{
    /** Bit length of an 8-byte key message. */
    private static final int KEY_BITS = 64;

    private final int[] w = new int[Sha1.SCHEDULE_INTS];
    private final int[] state = new int[Sha256.STATE_INTS];
    private final MemorySegment stateSegment = MemorySegment.ofArray(state);
    private int token;
    private long idsn;

    /**
     * Derives the v1 token and IDSN of a key.
     *
     * @param key the 64-bit key as sent on the wire (big-endian).
     * @return this, with {@link #token()} and {@link #idsn()} set.
     */
    public KeyDerivation deriveV1(final long key)
    {
        if (Sha256Ni.AVAILABLE)
        {
            // One SHA-NI compression instead of about 320 ns in Java: twice for every new v1 connection.
            Sha256Ni.sha256(key, stateSegment, 0);
        }
        else
        {
            block(key);
            Sha256.initialState(state, 0);
            Sha256.compress(state, 0, w);
        }
        token = state[0];
        idsn = ((long)state[6] << 32) | (state[7] & 0xFFFF_FFFFL);
        return this;
    }

    /**
     * Derives the v0 token and IDSN of a key.
     *
     * @param key the 64-bit key as sent on the wire (big-endian).
     * @return this, with {@link #token()} and {@link #idsn()} set.
     */
    public KeyDerivation deriveV0(final long key)
    {
        block(key);
        Sha1.initialState(state, 0);
        Sha1.compress(state, 0, w);
        token = state[0];
        idsn = ((long)state[3] << 32) | (state[4] & 0xFFFF_FFFFL);
        return this;
    }

    /**
     * @param key the 64-bit key.
     * @return the v1 token (SHA-256, most significant 32 bits).
     */
    public int tokenV1(final long key)
    {
        return deriveV1(key).token;
    }

    /**
     * @param key the 64-bit key.
     * @return the v1 IDSN (SHA-256, least significant 64 bits).
     */
    public long idsnV1(final long key)
    {
        return deriveV1(key).idsn;
    }

    /**
     * @param key the 64-bit key.
     * @return the v0 token (SHA-1, bytes 0..3).
     */
    public int tokenV0(final long key)
    {
        return deriveV0(key).token;
    }

    /**
     * @param key the 64-bit key.
     * @return the v0 IDSN (SHA-1, bytes 12..19).
     */
    public long idsnV0(final long key)
    {
        return deriveV0(key).idsn;
    }

    /**
     * @return the token of the last derivation.
     */
    public int token()
    {
        return token;
    }

    /**
     * @return the IDSN of the last derivation.
     */
    public long idsn()
    {
        return idsn;
    }

    /** The padded single block of an 8-byte message, the same for SHA-1 and SHA-256. */
    private void block(final long key)
    {
        final int[] w = this.w;
        w[0] = (int)(key >>> 32);
        w[1] = (int)key;
        w[2] = 0x8000_0000;
        for (int i = 3; i < 15; i++)
        {
            w[i] = 0;
        }
        w[15] = KEY_BITS;
    }
}
