package org.mpdp.dataplane.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.HexFormat;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * HMAC-SHA256 and HMAC-SHA1 from precomputed midstates against the Linux KUnit vectors and against
 * {@link javax.crypto.Mac}.
 */
class HmacSha256Test
{
    private final HmacSha256 sha256 = new HmacSha256();
    private final HmacSha1 sha1 = new HmacSha1();
    private final int[] midstates = new int[HmacSha256.MIDSTATE_INTS];
    private final int[] digest = new int[HmacSha256.DIGEST_INTS];

    /**
     * net/mptcp/crypto_test.c: the key and message are the ASCII characters of the strings (16 and 8 bytes),
     * not their hex decoding.
     */
    @ParameterizedTest
    @CsvSource({
        "0b0b0b0b0b0b0b0b, 48692054, 8385e24fb4235ac37556b6b886db106284a1da671699f46db1f235ec622dcafa",
        "aaaaaaaaaaaaaaaa, dddddddd, 2c5e219164ff1dca1c4a92318d847bb6b9d44492984e1eb71aff9022f71046e9",
        "0102030405060708, cdcdcdcd, e73b9ba9969969cefb04aa0d6df18ec2fcc075b6f23b4d8c4da736a5dbbc6e7d"
    })
    void shouldMatchKunitVectorsWithAsciiKeysAndMessages(final String key, final String message, final String hmac)
    {
        sha256.precompute(CryptoTesting.ascii64(key.substring(0, 8)), CryptoTesting.ascii64(key.substring(8)),
            midstates, 0);
        sha256.hmac(midstates, 0, CryptoTesting.ascii64(message), digest, 0);
        assertEquals(hmac, CryptoTesting.hex(CryptoTesting.bytes(digest, 0, 8)));
        assertEquals(HexFormat.fromHexDigitsToLong(hmac.substring(0, 16)),
            sha256.left64(midstates, 0, CryptoTesting.ascii64(message)));
    }

    @Test
    void shouldMatchJdkMacForRandomKeysAndEightByteMessages()
    {
        final SplittableRandom random = new SplittableRandom(256);
        for (int i = 0; i < 5_000; i++)
        {
            final long key1 = random.nextLong();
            final long key2 = random.nextLong();
            final long message = random.nextLong();
            sha256.precompute(key1, key2, midstates, 0);
            sha256.hmac(midstates, 0, message, digest, 0);
            final byte[] expected = CryptoTesting.jdkHmac("HmacSHA256", CryptoTesting.key16(key1, key2),
                CryptoTesting.be64(message));
            assertArrayEquals(expected, CryptoTesting.bytes(digest, 0, 8));
            assertEquals(CryptoTesting.left64(expected), sha256.left64(midstates, 0, message));
        }
    }

    @Test
    void shouldMatchJdkMacForEverySupportedMessageLengthOnHeapAndNative()
    {
        final SplittableRandom random = new SplittableRandom(55);
        try (Arena arena = Arena.ofConfined())
        {
            final MemorySegment nativeSegment = arena.allocate(128);
            final MemorySegment heapSegment = MemorySegment.ofArray(new byte[128]);
            for (int round = 0; round < 40; round++)
            {
                for (int length = 0; length <= HmacSha256.MAX_MESSAGE_LENGTH; length++)
                {
                    final long key1 = random.nextLong();
                    final long key2 = random.nextLong();
                    final byte[] message = new byte[length];
                    random.nextBytes(message);
                    final int offset = random.nextInt(64);
                    final MemorySegment segment = (round & 1) == 0 ? heapSegment : nativeSegment;
                    MemorySegment.copy(MemorySegment.ofArray(message), 0, segment, offset, length);
                    sha256.precompute(key1, key2, midstates, 0);
                    sha256.hmac(midstates, 0, segment, offset, length, digest, 0);
                    final byte[] expected = CryptoTesting.jdkHmac("HmacSHA256", CryptoTesting.key16(key1, key2),
                        message);
                    final int len = length;
                    assertArrayEquals(expected, CryptoTesting.bytes(digest, 0, 8), () -> "length " + len);
                }
            }
        }
    }

    @Test
    void shouldRejectMessagesLongerThanOneBlock()
    {
        final MemorySegment segment = MemorySegment.ofArray(new byte[64]);
        assertThrows(IllegalArgumentException.class, () -> sha256.hmac(midstates, 0, segment, 0, 56, digest, 0));
    }

    @Test
    void shouldMatchJdkHmacSha1ForRandomKeysAndMessages()
    {
        final SplittableRandom random = new SplittableRandom(160);
        final int[] sha1Midstates = new int[HmacSha1.MIDSTATE_INTS + 3];
        for (int i = 0; i < 5_000; i++)
        {
            final long key1 = random.nextLong();
            final long key2 = random.nextLong();
            final long message = random.nextLong();
            sha1.precompute(key1, key2, sha1Midstates, 3);
            sha1.hmac(sha1Midstates, 3, message, digest, 1);
            final byte[] expected = CryptoTesting.jdkHmac("HmacSHA1", CryptoTesting.key16(key1, key2),
                CryptoTesting.be64(message));
            assertArrayEquals(expected, CryptoTesting.bytes(digest, 1, 5));
            assertEquals(CryptoTesting.left64(expected), sha1.left64(sha1Midstates, 3, message));
        }
    }

    @Test
    void shouldNotAllocate()
    {
        sha256.precompute(1, 2, midstates, 0);
        final long[] sink = new long[1];
        final long allocated = CryptoTesting.allocatedAfterWarmUp(
            () -> sink[0] += sha256.left64(midstates, 0, sink[0]), 10_000, 20);
        assertEquals(0, allocated, "bytes allocated by 10000 HMACs after warm-up");
    }
}
