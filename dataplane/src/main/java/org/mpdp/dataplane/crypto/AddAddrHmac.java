package org.mpdp.dataplane.crypto;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The ADD_ADDR HMAC of RFC 8684 §3.4.1 (v1, non-echo ADD_ADDR):
 *
 * <pre>
 *   HMAC-SHA256(key = Key-sender ‖ Key-receiver, msg = addr_id (1) ‖ address (4 or 16) ‖ port (2, 0 if absent))
 *   carried: the rightmost 64 bits (bytes 24..31), as Linux does since "mptcp: use untruncated hash in
 *   ADD_ADDR HMAC" (2020)
 * </pre>
 *
 * <p>Early (2020) implementations sent the leftmost 64 bits instead (tcpdump's {@code mptcp-aa-v1.pcap});
 * {@link #digest} gives the whole value for such comparisons. Not thread safe: one instance per thread; nothing
 * is allocated after construction.
 */
public final class AddAddrHmac
{
    /** Bytes of an IPv4 address. */
    public static final int IPV4_LENGTH = 4;
    /** Bytes of an IPv6 address. */
    public static final int IPV6_LENGTH = 16;
    /** Value of the port field when the option has none. */
    public static final int NO_PORT = 0;

    private static final int MAX_MESSAGE_LENGTH = 1 + IPV6_LENGTH + 2;

    private final HmacSha256 sha256 = new HmacSha256();
    private final int[] digest = new int[HmacSha256.DIGEST_INTS];
    private final MemorySegment message = MemorySegment.ofArray(new byte[MAX_MESSAGE_LENGTH]);

    /**
     * The whole HMAC-SHA256 of an ADD_ADDR.
     *
     * @param keys         key table.
     * @param slot         slot keyed with {@code Key-sender ‖ Key-receiver}.
     * @param addrId       address ID, 0..255.
     * @param addr         bytes holding the address (the option, in the packet).
     * @param addrOffset   byte offset of the address.
     * @param addrLength   {@link #IPV4_LENGTH} or {@link #IPV6_LENGTH}.
     * @param port         port, or {@link #NO_PORT}.
     * @param dst          destination of {@link HmacSha256#DIGEST_INTS} big-endian words.
     * @param dstOffset    index of word 0.
     */
    public void digest(final HmacSha256Keys keys, final int slot, final int addrId, final MemorySegment addr,
        final long addrOffset, final int addrLength, final int port, final int[] dst, final int dstOffset)
    {
        if (addrLength != IPV4_LENGTH && addrLength != IPV6_LENGTH)
        {
            throw new IllegalArgumentException("addrLength=" + addrLength);
        }
        final MemorySegment message = this.message;
        message.set(ValueLayout.JAVA_BYTE, 0, (byte)addrId);
        MemorySegment.copy(addr, addrOffset, message, 1, addrLength);
        message.set(ValueLayout.JAVA_BYTE, 1 + addrLength, (byte)(port >>> 8));
        message.set(ValueLayout.JAVA_BYTE, 2 + addrLength, (byte)port);
        sha256.hmac(keys, slot, message, 0, 3 + addrLength, dst, dstOffset);
    }

    /**
     * The HMAC an ADD_ADDR carries.
     *
     * @param keys       key table.
     * @param slot       slot keyed with {@code Key-sender ‖ Key-receiver}.
     * @param addrId     address ID.
     * @param addr       bytes holding the address.
     * @param addrOffset byte offset of the address.
     * @param addrLength {@link #IPV4_LENGTH} or {@link #IPV6_LENGTH}.
     * @param port       port, or {@link #NO_PORT}.
     * @return the rightmost 64 bits, big-endian.
     */
    public long hmac(final HmacSha256Keys keys, final int slot, final int addrId, final MemorySegment addr,
        final long addrOffset, final int addrLength, final int port)
    {
        digest(keys, slot, addrId, addr, addrOffset, addrLength, port, digest, 0);
        return ((long)digest[6] << 32) | (digest[7] & 0xFFFF_FFFFL);
    }

    /**
     * Checks the HMAC of a received ADD_ADDR (constant time).
     *
     * @param keys       key table.
     * @param slot       slot keyed with {@code Key-sender ‖ Key-receiver} (the sender being the peer).
     * @param addrId     address ID.
     * @param addr       bytes holding the address.
     * @param addrOffset byte offset of the address.
     * @param addrLength {@link #IPV4_LENGTH} or {@link #IPV6_LENGTH}.
     * @param port       port, or {@link #NO_PORT}.
     * @param received   the 64 bits the option carries.
     * @return {@link CryptoResult#VALID} or {@link CryptoResult#HMAC_MISMATCH}.
     */
    public int verify(final HmacSha256Keys keys, final int slot, final int addrId, final MemorySegment addr,
        final long addrOffset, final int addrLength, final int port, final long received)
    {
        return hmac(keys, slot, addrId, addr, addrOffset, addrLength, port) == received ?
            CryptoResult.VALID : CryptoResult.HMAC_MISMATCH;
    }
}
