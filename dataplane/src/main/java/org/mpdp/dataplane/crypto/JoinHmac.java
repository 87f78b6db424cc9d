package org.mpdp.dataplane.crypto;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * The MP_JOIN HMACs of RFC 8684 §3.2 (v1, HMAC-SHA256) and RFC 6824 §3.2 (v0, HMAC-SHA1), one at a time from
 * precomputed keys. "A" is always the subflow initiator, "B" the responder; nonces are the 32-bit random numbers
 * of the MP_JOIN SYN (R-A) and SYN/ACK (R-B). As in Linux {@code subflow_generate_hmac}, the argument order
 * names the roles:
 *
 * <pre>
 *   SYN/ACK (sent by B)  key = Key-B ‖ Key-A   msg = R-B ‖ R-A   leftmost  64 bits (truncated HMAC, "thmac")
 *   3rd ACK (sent by A)  key = Key-A ‖ Key-B   msg = R-A ‖ R-B   leftmost 160 bits (MPTCPOPT_HMAC_LEN = 20)
 * </pre>
 *
 * <p>Comparisons are constant time (no early exit). Not thread safe: one instance per thread; nothing is
 * allocated after construction. For many SYN/ACK checks at once see {@link JoinHmacBatch}.
 */
public final class JoinHmac
{
    /** Bytes of the truncated SYN/ACK HMAC. */
    public static final int THMAC_LENGTH = 8;
    /** Bytes of the third-ACK HMAC. */
    public static final int HMAC_LENGTH = 20;
    /** Words of the third-ACK HMAC. */
    public static final int HMAC_INTS = HMAC_LENGTH / 4;

    private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    private final HmacSha256 sha256 = new HmacSha256();
    private final HmacSha1 sha1 = new HmacSha1();
    private final int[] digest = new int[HmacSha256.DIGEST_INTS];

    /**
     * The MP_JOIN message: two big-endian 32-bit nonces as one big-endian long.
     *
     * @param first  the nonce sent first (R-B for the SYN/ACK, R-A for the third ACK).
     * @param second the other nonce.
     * @return {@code be32(first) ‖ be32(second)}.
     */
    public static long message(final int first, final int second)
    {
        return ((long)first << 32) | (second & 0xFFFF_FFFFL);
    }

    /**
     * v1 SYN/ACK truncated HMAC.
     *
     * @param keys   key table.
     * @param slotBA slot keyed with {@code Key-B ‖ Key-A}.
     * @param nonceB R-B (from the SYN/ACK).
     * @param nonceA R-A (from the SYN).
     * @return the leftmost 64 bits, as carried in the SYN/ACK.
     */
    public long synAckThmac(final HmacSha256Keys keys, final int slotBA, final int nonceB, final int nonceA)
    {
        sha256.hmac(keys, slotBA, message(nonceB, nonceA), digest, 0);
        return (long)digest[0] << 32 | digest[1] & 0xFFFF_FFFFL;
    }

    /**
     * Checks a v1 SYN/ACK truncated HMAC.
     *
     * @param keys   key table.
     * @param slotBA slot keyed with {@code Key-B ‖ Key-A}.
     * @param nonceB R-B.
     * @param nonceA R-A.
     * @param thmac  the 64 bits received.
     * @return {@link CryptoResult#VALID} or {@link CryptoResult#HMAC_MISMATCH}.
     */
    public int verifySynAck(final HmacSha256Keys keys, final int slotBA, final int nonceB, final int nonceA,
        final long thmac)
    {
        return synAckThmac(keys, slotBA, nonceB, nonceA) == thmac ? CryptoResult.VALID : CryptoResult.HMAC_MISMATCH;
    }

    /**
     * v1 third-ACK HMAC.
     *
     * @param keys      key table.
     * @param slotAB    slot keyed with {@code Key-A ‖ Key-B}.
     * @param nonceA    R-A.
     * @param nonceB    R-B.
     * @param dst       destination of {@link #HMAC_INTS} big-endian words.
     * @param dstOffset index of word 0.
     */
    public void ackHmac(final HmacSha256Keys keys, final int slotAB, final int nonceA, final int nonceB,
        final int[] dst, final int dstOffset)
    {
        sha256.hmac(keys, slotAB, message(nonceA, nonceB), digest, 0);
        System.arraycopy(digest, 0, dst, dstOffset, HMAC_INTS);
    }

    /**
     * Checks a v1 third-ACK HMAC in place, in constant time.
     *
     * @param keys       key table.
     * @param slotAB     slot keyed with {@code Key-A ‖ Key-B}.
     * @param nonceA     R-A.
     * @param nonceB     R-B.
     * @param hmac       bytes holding the received HMAC (the option, in the packet).
     * @param hmacOffset byte offset of its first byte.
     * @return {@link CryptoResult#VALID} or {@link CryptoResult#HMAC_MISMATCH}.
     */
    public int verifyAck(final HmacSha256Keys keys, final int slotAB, final int nonceA, final int nonceB,
        final MemorySegment hmac, final long hmacOffset)
    {
        sha256.hmac(keys, slotAB, message(nonceA, nonceB), digest, 0);
        return compare160(hmac, hmacOffset);
    }

    /**
     * v0 SYN/ACK truncated HMAC (HMAC-SHA1).
     *
     * @param keys   v0 key table.
     * @param slotBA slot keyed with {@code Key-B ‖ Key-A}.
     * @param nonceB R-B.
     * @param nonceA R-A.
     * @return the leftmost 64 bits.
     */
    public long synAckThmacV0(final HmacSha1Keys keys, final int slotBA, final int nonceB, final int nonceA)
    {
        return sha1.left64(keys.midstates(), keys.offset(slotBA), message(nonceB, nonceA));
    }

    /**
     * Checks a v0 SYN/ACK truncated HMAC.
     *
     * @param keys   v0 key table.
     * @param slotBA slot keyed with {@code Key-B ‖ Key-A}.
     * @param nonceB R-B.
     * @param nonceA R-A.
     * @param thmac  the 64 bits received.
     * @return {@link CryptoResult#VALID} or {@link CryptoResult#HMAC_MISMATCH}.
     */
    public int verifySynAckV0(final HmacSha1Keys keys, final int slotBA, final int nonceB, final int nonceA,
        final long thmac)
    {
        return synAckThmacV0(keys, slotBA, nonceB, nonceA) == thmac ?
            CryptoResult.VALID : CryptoResult.HMAC_MISMATCH;
    }

    /**
     * v0 third-ACK HMAC (all 160 bits of HMAC-SHA1).
     *
     * @param keys      v0 key table.
     * @param slotAB    slot keyed with {@code Key-A ‖ Key-B}.
     * @param nonceA    R-A.
     * @param nonceB    R-B.
     * @param dst       destination of {@link #HMAC_INTS} big-endian words.
     * @param dstOffset index of word 0.
     */
    public void ackHmacV0(final HmacSha1Keys keys, final int slotAB, final int nonceA, final int nonceB,
        final int[] dst, final int dstOffset)
    {
        sha1.hmac(keys.midstates(), keys.offset(slotAB), message(nonceA, nonceB), dst, dstOffset);
    }

    /**
     * Checks a v0 third-ACK HMAC in place, in constant time.
     *
     * @param keys       v0 key table.
     * @param slotAB     slot keyed with {@code Key-A ‖ Key-B}.
     * @param nonceA     R-A.
     * @param nonceB     R-B.
     * @param hmac       bytes holding the received HMAC.
     * @param hmacOffset byte offset of its first byte.
     * @return {@link CryptoResult#VALID} or {@link CryptoResult#HMAC_MISMATCH}.
     */
    public int verifyAckV0(final HmacSha1Keys keys, final int slotAB, final int nonceA, final int nonceB,
        final MemorySegment hmac, final long hmacOffset)
    {
        sha1.hmac(keys.midstates(), keys.offset(slotAB), message(nonceA, nonceB), digest, 0);
        return compare160(hmac, hmacOffset);
    }

    /** Constant-time comparison of digest[0..4] with 20 received bytes: OR of XORs, no early exit. */
    private int compare160(final MemorySegment hmac, final long hmacOffset)
    {
        final int[] digest = this.digest;
        int diff = 0;
        for (int i = 0; i < HMAC_INTS; i++)
        {
            diff |= digest[i] ^ hmac.get(U32, hmacOffset + 4L * i);
        }
        return diff == 0 ? CryptoResult.VALID : CryptoResult.HMAC_MISMATCH;
    }
}
