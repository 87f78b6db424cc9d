package org.mpdp.dataplane.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.HexFormat;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * MP_JOIN HMACs: the v0 values of tcpdump's mptcp-v0.pcap (mptcp-wire-notes.md §3.3), and v1/v0 role order and
 * truncation against {@link javax.crypto.Mac}.
 */
class JoinHmacTest
{
    private static final long V0_KEY_A = 0x9c9eabd1e46a33b2L;
    private static final long V0_KEY_B = 0x967d2770b6960552L;
    private static final int V0_NONCE_A = 0x1b665a18;
    private static final int V0_NONCE_B = 0x33abe9d5;
    private static final int AB = 0;
    private static final int BA = 1;

    private final JoinHmac joinHmac = new JoinHmac();
    private final int[] words = new int[JoinHmac.HMAC_INTS];

    @Test
    void shouldComputeV0SynAckThmacOfMptcpV0Capture()
    {
        final HmacSha1Keys keys = new HmacSha1Keys(2);
        keys.setKey(BA, V0_KEY_B, V0_KEY_A);
        assertEquals(0x5ab680c7884af03dL, joinHmac.synAckThmacV0(keys, BA, V0_NONCE_B, V0_NONCE_A));
        assertEquals(CryptoResult.VALID,
            joinHmac.verifySynAckV0(keys, BA, V0_NONCE_B, V0_NONCE_A, 0x5ab680c7884af03dL));
        assertEquals(CryptoResult.HMAC_MISMATCH,
            joinHmac.verifySynAckV0(keys, BA, V0_NONCE_A, V0_NONCE_B, 0x5ab680c7884af03dL));
    }

    @Test
    void shouldComputeV0ThirdAckHmacOfMptcpV0Capture()
    {
        final HmacSha1Keys keys = new HmacSha1Keys(2);
        keys.setKey(AB, V0_KEY_A, V0_KEY_B);
        joinHmac.ackHmacV0(keys, AB, V0_NONCE_A, V0_NONCE_B, words, 0);
        final String expected = "cb7b87f5e5f0502f43b535fb70ef6607df2e6c7a";
        assertEquals(expected, CryptoTesting.hex(CryptoTesting.bytes(words, 0, 5)));
        final MemorySegment option = MemorySegment.ofArray(new byte[30]);
        MemorySegment.copy(MemorySegment.ofArray(HexFormat.of().parseHex(expected)), 0, option, 7, 20);
        assertEquals(CryptoResult.VALID, joinHmac.verifyAckV0(keys, AB, V0_NONCE_A, V0_NONCE_B, option, 7));
        option.set(ValueLayout.JAVA_BYTE, 26, (byte)(option.get(ValueLayout.JAVA_BYTE, 26) ^ 1));
        assertEquals(CryptoResult.HMAC_MISMATCH, joinHmac.verifyAckV0(keys, AB, V0_NONCE_A, V0_NONCE_B, option, 7));
    }

    @Test
    void shouldUseRoleOrderAndTruncationOfRfc8684ForV1()
    {
        final SplittableRandom random = new SplittableRandom(8684);
        final HmacSha256Keys keys = new HmacSha256Keys(2);
        final MemorySegment option = MemorySegment.ofArray(new byte[24]);
        for (int i = 0; i < 2_000; i++)
        {
            final long keyA = random.nextLong();
            final long keyB = random.nextLong();
            final int nonceA = random.nextInt();
            final int nonceB = random.nextInt();
            keys.setKey(AB, keyA, keyB);
            keys.setKey(BA, keyB, keyA);

            final byte[] synAck = CryptoTesting.jdkHmac("HmacSHA256", CryptoTesting.key16(keyB, keyA),
                CryptoTesting.be64(JoinHmac.message(nonceB, nonceA)));
            final long thmac = joinHmac.synAckThmac(keys, BA, nonceB, nonceA);
            assertEquals(CryptoTesting.left64(synAck), thmac);
            assertEquals(CryptoResult.VALID, joinHmac.verifySynAck(keys, BA, nonceB, nonceA, thmac));
            assertEquals(CryptoResult.HMAC_MISMATCH,
                joinHmac.verifySynAck(keys, BA, nonceB, nonceA, thmac ^ 1L << i % 64));

            final byte[] ack = CryptoTesting.jdkHmac("HmacSHA256", CryptoTesting.key16(keyA, keyB),
                CryptoTesting.be64(JoinHmac.message(nonceA, nonceB)));
            joinHmac.ackHmac(keys, AB, nonceA, nonceB, words, 0);
            final byte[] leftmost160 = java.util.Arrays.copyOf(ack, 20);
            assertArrayEquals(leftmost160, CryptoTesting.bytes(words, 0, 5));
            MemorySegment.copy(MemorySegment.ofArray(leftmost160), 0, option, 4, 20);
            assertEquals(CryptoResult.VALID, joinHmac.verifyAck(keys, AB, nonceA, nonceB, option, 4));
            final long flip = 4 + i % 20;
            option.set(ValueLayout.JAVA_BYTE, flip, (byte)(option.get(ValueLayout.JAVA_BYTE, flip) ^ 0x80));
            assertEquals(CryptoResult.HMAC_MISMATCH, joinHmac.verifyAck(keys, AB, nonceA, nonceB, option, 4));
        }
    }

    @Test
    void shouldMatchJdkHmacSha1ForV0Roles()
    {
        final SplittableRandom random = new SplittableRandom(6824);
        final HmacSha1Keys keys = new HmacSha1Keys(2);
        for (int i = 0; i < 2_000; i++)
        {
            final long keyA = random.nextLong();
            final long keyB = random.nextLong();
            final int nonceA = random.nextInt();
            final int nonceB = random.nextInt();
            keys.setKey(AB, keyA, keyB);
            keys.setKey(BA, keyB, keyA);
            final byte[] synAck = CryptoTesting.jdkHmac("HmacSHA1", CryptoTesting.key16(keyB, keyA),
                CryptoTesting.be64(JoinHmac.message(nonceB, nonceA)));
            assertEquals(CryptoTesting.left64(synAck), joinHmac.synAckThmacV0(keys, BA, nonceB, nonceA));
            final byte[] ack = CryptoTesting.jdkHmac("HmacSHA1", CryptoTesting.key16(keyA, keyB),
                CryptoTesting.be64(JoinHmac.message(nonceA, nonceB)));
            joinHmac.ackHmacV0(keys, AB, nonceA, nonceB, words, 0);
            assertArrayEquals(ack, CryptoTesting.bytes(words, 0, 5));
        }
    }

    @Test
    void shouldNotAllocateWhenVerifying()
    {
        final HmacSha256Keys keys = new HmacSha256Keys(2);
        keys.setKey(AB, 1, 2);
        final MemorySegment option = MemorySegment.ofArray(new byte[24]);
        final int[] sink = new int[1];
        final long allocated = CryptoTesting.allocatedAfterWarmUp(() ->
        {
            sink[0] += joinHmac.verifySynAck(keys, AB, sink[0], 7, 42L);
            sink[0] += joinHmac.verifyAck(keys, AB, sink[0], 7, option, 2);
        }, 10_000, 20);
        assertEquals(0, allocated, "bytes allocated by 10000 verifications after warm-up");
    }
}
