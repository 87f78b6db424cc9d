package org.mpdp.dataplane.crypto;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import org.mpdp.dpdk.Sha256Ni;

/**
 * HMAC-SHA256 (RFC 2104) for MPTCP v1 (RFC 8684 §3.2, §3.4.1) from precomputed midstates. The 16-byte key
 * {@code be64(key1) ‖ be64(key2)} is compressed once into the inner state {@code SHA256(IV, K ^ ipad)} and the
 * outer state {@code SHA256(IV, K ^ opad)}; after that an HMAC of a message of at most
 * {@value #MAX_MESSAGE_LENGTH} bytes costs exactly two compressions and allocates nothing.
 *
 * <pre>
 *   midstates[offset + 0..7]   inner state, words H0..H7
 *   midstates[offset + 8..15]  outer state, words H0..H7
 * </pre>
 *
 * <p>An engine owns its schedule scratch: one per thread.
 */
public final class HmacSha256
{
    /** Ints per precomputed key: inner then outer state. */
    public static final int MIDSTATE_INTS = 16;
    /** Offset of the outer state in a midstate record. */
    public static final int OUTER_OFFSET = 8;
    /** Ints in an HMAC-SHA256 value. */
    public static final int DIGEST_INTS = 8;
    /** Longest message that fits one padded block after the key block. */
    public static final int MAX_MESSAGE_LENGTH = 55;

    static final int IPAD = 0x36363636;
    static final int OPAD = 0x5c5c5c5c;
    /** Bit length of (key block + 8-byte message), the inner block's length word for 8-byte messages. */
    static final int INNER_BITS_8 = (64 + 8) * 8;
    /** Bit length of (key block + 32-byte inner hash), the outer block's length word. */
    static final int OUTER_BITS = (64 + 32) * 8;

    private final int[] w = new int[Sha256.SCHEDULE_INTS];
    private final int[] state = new int[Sha256.STATE_INTS];

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
        keyState(key1, key2, IPAD, midstates, offset);
        keyState(key1, key2, OPAD, midstates, offset + OUTER_OFFSET);
    }

    private void keyState(final long key1, final long key2, final int pad, final int[] dst, final int offset)
    {
        final int[] w = this.w;
        w[0] = (int)(key1 >>> 32) ^ pad;
        w[1] = (int)key1 ^ pad;
        w[2] = (int)(key2 >>> 32) ^ pad;
        w[3] = (int)key2 ^ pad;
        for (int i = 4; i < Sha256.BLOCK_INTS; i++)
        {
            w[i] = pad;
        }
        Sha256.initialState(dst, offset);
        Sha256.compress(dst, offset, w);
    }

    /**
     * HMAC of an 8-byte message (such as the MP_JOIN nonces {@code R-x ‖ R-y}), leftmost 64 bits.
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

    /**
     * HMAC of a message of at most {@link #MAX_MESSAGE_LENGTH} bytes, whole value.
     *
     * @param midstates     precomputed key states.
     * @param offset        index of the record.
     * @param message       message bytes (heap or native).
     * @param messageOffset byte offset of the message.
     * @param length        message length, 0..{@link #MAX_MESSAGE_LENGTH}.
     * @param digest        destination of {@link #DIGEST_INTS} big-endian words.
     * @param digestOffset  index of word 0.
     */
    public void hmac(final int[] midstates, final int offset, final MemorySegment message, final long messageOffset,
        final int length, final int[] digest, final int digestOffset)
    {
        if (length < 0 || length > MAX_MESSAGE_LENGTH)
        {
            throw new IllegalArgumentException("message length=" + length);
        }
        final int[] w = this.w;
        for (int i = 0; i < Sha256.BLOCK_INTS; i++)
        {
            w[i] = 0;
        }
        for (int i = 0; i < length; i++)
        {
            final int b = Byte.toUnsignedInt(message.get(ValueLayout.JAVA_BYTE, messageOffset + i));
            w[i >> 2] |= b << (24 - ((i & 3) << 3));
        }
        w[length >> 2] |= 0x80 << (24 - ((length & 3) << 3));
        w[15] = (64 + length) * 8;
        innerThenOuter(midstates, offset);
        System.arraycopy(state, 0, digest, digestOffset, DIGEST_INTS);
    }

    private void hmac8(final int[] midstates, final int offset, final long message)
    {
        final int[] w = this.w;
        w[0] = (int)(message >>> 32);
        w[1] = (int)message;
        w[2] = 0x8000_0000;
        for (int i = 3; i < 15; i++)
        {
            w[i] = 0;
        }
        w[15] = INNER_BITS_8;
        innerThenOuter(midstates, offset);
    }

    /** Compresses the block in w[0..15] from the inner state, then the inner hash from the outer state. */
    private void innerThenOuter(final int[] midstates, final int offset)
    {
        final int[] w = this.w;
        final int[] state = this.state;
        System.arraycopy(midstates, offset, state, 0, Sha256.STATE_INTS);
        Sha256.compress(state, 0, w);
        System.arraycopy(state, 0, w, 0, Sha256.STATE_INTS);
        w[8] = 0x8000_0000;
        for (int i = 9; i < 15; i++)
        {
            w[i] = 0;
        }
        w[15] = OUTER_BITS;
        System.arraycopy(midstates, offset + OUTER_OFFSET, state, 0, Sha256.STATE_INTS);
        Sha256.compress(state, 0, w);
    }

    /**
     * Which path single HMAC checks take, {@code -Dmpdp.crypto.single=native|jdk|midstate}. {@code native}
     * (the default where the CPU has SHA-NI and the shim loads, see {@link Sha256Ni}): two SHA-NI
     * compressions from the midstates in C. {@code jdk} (the default otherwise): the JDK's SHA-256, SHA-NI
     * where the CPU has it but four compressions from the raw key, measured here 235 ns per HMAC.
     * {@code midstate}: the pure-Java compression from midstates, about 650 ns.
     */
    static final String SINGLE = single();
    static final boolean NATIVE_SINGLE = "native".equals(SINGLE);
    static final boolean JDK_SINGLE = "jdk".equals(SINGLE);

    private static String single()
    {
        final String chosen = System.getProperty("mpdp.crypto.single", Sha256Ni.AVAILABLE ? "native" : "jdk");
        if (!chosen.equals("native") && !chosen.equals("jdk") && !chosen.equals("midstate"))
        {
            throw new IllegalArgumentException("mpdp.crypto.single=" + chosen + ": allowed are native, jdk, midstate");
        }
        if (chosen.equals("native") && !Sha256Ni.AVAILABLE)
        {
            throw new IllegalArgumentException("mpdp.crypto.single=native: this CPU has no SHA extensions, or the shim " +
                "did not load");
        }
        return chosen;
    }

    /** @return the single-check path in use: native, jdk or midstate (for reports and benchmarks). */
    public static String singlePath()
    {
        return SINGLE;
    }

    private final int[] nativeOut = new int[DIGEST_INTS];
    private final MemorySegment nativeOutSegment = MemorySegment.ofArray(nativeOut);
    private final java.security.MessageDigest jdk = newDigest();
    private final byte[] pad = new byte[64];
    private final byte[] message = new byte[MAX_MESSAGE_LENGTH];
    private final MemorySegment messageSegment = MemorySegment.ofArray(message);
    private final byte[] inner = new byte[32];
    private final byte[] out = new byte[32];

    private static java.security.MessageDigest newDigest()
    {
        try
        {
            return java.security.MessageDigest.getInstance("SHA-256");
        }
        catch (final java.security.NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException("SHA-256 missing from the JDK", ex);
        }
    }

    /** HMAC over {@code message[0..length)} with the 16-byte key {@code be64(key1) || be64(key2)}, via the JDK. */
    private void jdkHmac(final long key1, final long key2, final int length, final int[] digest, final int offset)
    {
        for (int i = 0; i < 8; i++)
        {
            pad[i] = (byte)((key1 >>> (56 - 8 * i)) ^ 0x36);
            pad[8 + i] = (byte)((key2 >>> (56 - 8 * i)) ^ 0x36);
        }
        java.util.Arrays.fill(pad, 16, 64, (byte)0x36);
        try
        {
            jdk.update(pad);
            jdk.update(message, 0, length);
            jdk.digest(inner, 0, 32);
            for (int i = 0; i < 64; i++)
            {
                pad[i] ^= 0x36 ^ 0x5c;
            }
            jdk.update(pad);
            jdk.update(inner);
            jdk.digest(out, 0, 32);
        }
        catch (final java.security.DigestException ex)
        {
            throw new IllegalStateException(ex);
        }
        for (int i = 0; i < DIGEST_INTS; i++)
        {
            digest[offset + i] = (out[4 * i] & 0xFF) << 24 | (out[4 * i + 1] & 0xFF) << 16 | (out[4 * i + 2] & 0xFF) << 8 |
                out[4 * i + 3] & 0xFF;
        }
    }

    /**
     * HMAC of an 8-byte message with a key table slot, by the faster single-check path.
     *
     * @param keys    key table.
     * @param slot    slot.
     * @param msg     the message as a big-endian long.
     * @param digest  receives the 8 digest words.
     * @param offset  where in {@code digest}.
     */
    void hmac(final HmacSha256Keys keys, final int slot, final long msg, final int[] digest, final int offset)
    {
        if (NATIVE_SINGLE)
        {
            Sha256Ni.hmac8(keys.midstatesSegment(), keys.offset(slot), msg, nativeOutSegment, 0);
            System.arraycopy(nativeOut, 0, digest, offset, DIGEST_INTS);
            return;
        }
        if (!JDK_SINGLE)
        {
            hmac(keys.midstates(), keys.offset(slot), msg, digest, offset);
            return;
        }
        for (int i = 0; i < 8; i++)
        {
            message[i] = (byte)(msg >>> (56 - 8 * i));
        }
        jdkHmac(keys.key1(slot), keys.key2(slot), 8, digest, offset);
    }

    /**
     * HMAC of a message in a segment with a key table slot, by the faster single-check path.
     *
     * @param keys          key table.
     * @param slot          slot.
     * @param segment       message bytes.
     * @param messageOffset offset.
     * @param length        at most {@link #MAX_MESSAGE_LENGTH}.
     * @param digest        receives the 8 digest words.
     * @param offset        where in {@code digest}.
     */
    void hmac(final HmacSha256Keys keys, final int slot, final MemorySegment segment, final long messageOffset,
        final int length, final int[] digest, final int offset)
    {
        if (!JDK_SINGLE && !NATIVE_SINGLE)
        {
            hmac(keys.midstates(), keys.offset(slot), segment, messageOffset, length, digest, offset);
            return;
        }
        MemorySegment.copy(segment, java.lang.foreign.ValueLayout.JAVA_BYTE, messageOffset, message, 0, length);
        if (NATIVE_SINGLE)
        {
            Sha256Ni.hmac(keys.midstatesSegment(), keys.offset(slot), messageSegment, length, nativeOutSegment, 0);
            System.arraycopy(nativeOut, 0, digest, offset, DIGEST_INTS);
            return;
        }
        jdkHmac(keys.key1(slot), keys.key2(slot), length, digest, offset);
    }
}
