package org.mpdp.dataplane.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * ADD_ADDR HMAC: the mptcp-aa-v1.pcap example (which carries the pre-RFC leftmost 64 bits) and the RFC 8684
 * rightmost 64 bits against {@link javax.crypto.Mac} for IPv4 and IPv6, with and without a port.
 */
class AddAddrHmacTest
{
    private static final long KEY_A = 0x8f0c7c64a6a32ac1L;
    private static final long KEY_B = 0x73bb150358a0aecbL;

    private final AddAddrHmac addAddrHmac = new AddAddrHmac();

    @Test
    void shouldMatchAddAddrOfMptcpAaV1CaptureLeftmostAndRfcRightmost()
    {
        final HmacSha256Keys keys = new HmacSha256Keys(1);
        keys.setKey(0, KEY_B, KEY_A); // sent by B: Key-sender ‖ Key-receiver
        // The option bytes: id 1, 192.168.136.225, no port.
        final MemorySegment option = MemorySegment.ofArray(new byte[] {0x31, 0x01, (byte)0xc0, (byte)0xa8,
            (byte)0x88, (byte)0xe1});
        final int[] digest = new int[HmacSha256.DIGEST_INTS];
        addAddrHmac.digest(keys, 0, 1, option, 2, AddAddrHmac.IPV4_LENGTH, AddAddrHmac.NO_PORT, digest, 0);
        assertEquals(0x669928744366716cL, ((long)digest[0] << 32) | (digest[1] & 0xFFFF_FFFFL),
            "leftmost 64 bits, as the 2020 capture carries");
        final long rightmost = addAddrHmac.hmac(keys, 0, 1, option, 2, AddAddrHmac.IPV4_LENGTH, AddAddrHmac.NO_PORT);
        assertEquals(0xe0e054c3444e4c25L, rightmost, "RFC 8684 / current Linux: rightmost 64 bits");
        assertEquals(CryptoResult.VALID,
            addAddrHmac.verify(keys, 0, 1, option, 2, AddAddrHmac.IPV4_LENGTH, AddAddrHmac.NO_PORT, rightmost));
        assertEquals(CryptoResult.HMAC_MISMATCH, addAddrHmac.verify(keys, 0, 1, option, 2,
            AddAddrHmac.IPV4_LENGTH, AddAddrHmac.NO_PORT, 0x669928744366716cL));
    }

    @Test
    void shouldMatchJdkMacForIpv4AndIpv6WithAndWithoutPort()
    {
        final SplittableRandom random = new SplittableRandom(3441);
        final HmacSha256Keys keys = new HmacSha256Keys(4);
        final int[] digest = new int[HmacSha256.DIGEST_INTS];
        final MemorySegment packet = MemorySegment.ofArray(new byte[64]);
        for (int i = 0; i < 4_000; i++)
        {
            final long keySender = random.nextLong();
            final long keyReceiver = random.nextLong();
            final int slot = random.nextInt(4);
            keys.setKey(slot, keySender, keyReceiver);
            final int addrLength = random.nextBoolean() ? AddAddrHmac.IPV4_LENGTH : AddAddrHmac.IPV6_LENGTH;
            final byte[] addr = new byte[addrLength];
            random.nextBytes(addr);
            final int addrId = random.nextInt(256);
            final int port = random.nextBoolean() ? AddAddrHmac.NO_PORT : random.nextInt(65536);
            final int offset = random.nextInt(40);
            MemorySegment.copy(MemorySegment.ofArray(addr), 0, packet, offset, addrLength);

            final byte[] message = ByteBuffer.allocate(3 + addrLength).put((byte)addrId).put(addr)
                .putShort((short)port).array();
            final byte[] expected = CryptoTesting.jdkHmac("HmacSHA256",
                CryptoTesting.key16(keySender, keyReceiver), message);
            addAddrHmac.digest(keys, slot, addrId, packet, offset, addrLength, port, digest, 0);
            assertArrayEquals(expected, CryptoTesting.bytes(digest, 0, 8));
            assertEquals(CryptoTesting.right64(expected),
                addAddrHmac.hmac(keys, slot, addrId, packet, offset, addrLength, port));
        }
    }
}
