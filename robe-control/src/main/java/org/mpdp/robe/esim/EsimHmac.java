package org.mpdp.robe.esim;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.mpdp.dataplane.crypto.HmacSha256;

/**
 * The MP_JOIN_CAP HMAC. The draft writes {@code HMAC_keys = HMAC(Key-A+Key-B+Key-B')}, at least 96 bits, and
 * {@code HMAC = (HMAC_keys & ~0x3FF) | Key-B_fast_hash}. mpdp's choice, keyed the way RFC 8684 §3.2 keys the
 * third-ACK MP_JOIN HMAC sent by A:
 *
 * <pre>
 *   key     = Key-A ‖ Key-B                 (16 bytes; Key-A, Key-B of the initial flow)
 *   message = Key-B' ‖ "eSIM"               (12 bytes; Key-B' from this flow's SYN/ACK, then ASCII 65 53 49 4d)
 *   HMAC    = leftmost 96 bits of HMAC-SHA256(key, message), low 10 bits replaced by crc16(Key-B) &amp; 0x3FF
 * </pre>
 *
 * The 12-byte message differs in length from MP_JOIN's 8-byte nonce messages under the same key, so a value
 * seen in one option can never stand for the other. All keys big-endian as on the wire. Only A (which saw both
 * SYN/ACKs) and B (which made Key-B and Key-B') can compute it; 86 bits remain that a forger must guess.
 *
 * <p>Not thread safe; nothing is allocated after construction.
 */
public final class EsimHmac
{
    /** Bytes of the HMAC in MP_JOIN_CAP. */
    public static final int LENGTH = 12;

    private static final int MESSAGE_LENGTH = 12;
    /** ASCII "eSIM", the message's domain label. */
    private static final int LABEL = 0x6553_494D;
    private static final ValueLayout.OfLong BE64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfInt BE32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    private final HmacSha256 sha256 = new HmacSha256();
    private final int[] midstates = new int[HmacSha256.MIDSTATE_INTS];
    private final int[] digest = new int[HmacSha256.DIGEST_INTS];
    private final MemorySegment message = MemorySegment.ofArray(new byte[MESSAGE_LENGTH]);
    private int word0;
    private int word1;
    private int word2;

    /**
     * Computes the HMAC; read it with {@link #write}, {@link #word}.
     *
     * @param keyA      Key-A of the initial flow.
     * @param keyB      Key-B of the initial flow.
     * @param keyBPrime Key-B' of the flow carrying MP_JOIN_CAP.
     * @return this.
     */
    public EsimHmac compute(final long keyA, final long keyB, final long keyBPrime)
    {
        sha256.precompute(keyA, keyB, midstates, 0);
        message.set(BE64, 0, keyBPrime);
        message.set(BE32, 8, LABEL);
        sha256.hmac(midstates, 0, message, 0, MESSAGE_LENGTH, digest, 0);
        word0 = digest[0];
        word1 = digest[1];
        word2 = (digest[2] & ~Crc16.FAST_HASH_MASK) | Crc16.fastHash(keyB);
        return this;
    }

    /**
     * @param index 0..2.
     * @return big-endian word {@code index} of the last HMAC computed.
     */
    public int word(final int index)
    {
        return switch (index)
        {
            case 0 -> word0;
            case 1 -> word1;
            case 2 -> word2;
            default -> throw new IndexOutOfBoundsException("index=" + index);
        };
    }

    /**
     * Writes the last HMAC computed, {@link #LENGTH} bytes.
     *
     * @param buffer destination.
     * @param offset first byte.
     */
    public void write(final MutableDirectBuffer buffer, final int offset)
    {
        buffer.putInt(offset, word0, ByteOrder.BIG_ENDIAN);
        buffer.putInt(offset + 4, word1, ByteOrder.BIG_ENDIAN);
        buffer.putInt(offset + 8, word2, ByteOrder.BIG_ENDIAN);
    }

    /**
     * Checks a received HMAC against these keys, in constant time (no early exit).
     *
     * @param keyA      Key-A from the option.
     * @param keyB      Key-B of the candidate connection.
     * @param keyBPrime Key-B' this flow's SYN/ACK carried.
     * @param buffer    holds the received HMAC.
     * @param offset    its first byte.
     * @return whether it matches.
     */
    public boolean verify(final long keyA, final long keyB, final long keyBPrime, final DirectBuffer buffer,
        final int offset)
    {
        compute(keyA, keyB, keyBPrime);
        final int diff = (buffer.getInt(offset, ByteOrder.BIG_ENDIAN) ^ word0)
            | (buffer.getInt(offset + 4, ByteOrder.BIG_ENDIAN) ^ word1)
            | (buffer.getInt(offset + 8, ByteOrder.BIG_ENDIAN) ^ word2);
        return diff == 0;
    }
}
