package org.mpdp.dpdk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * mpdp_sha256.c against the JDK's HmacSHA256 (an independent implementation): random 16-byte keys,
 * every message length the native code takes, the 8-byte and batch forms, and the index checks.
 */
final class Sha256NiTest
{
    private static final int RECORD = 16;

    @BeforeAll
    static void needsShaExtensions() throws Exception
    {
        final boolean cpu = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/cpuinfo")).contains(" sha_ni");
        assumeTrue(cpu, "this CPU has no SHA extensions (sha_ni): the Java paths serve instead");
        assertEquals(true, Sha256Ni.AVAILABLE, "the CPU has sha_ni, so the shim must report it");
    }

    private static int[] jdk(final long key1, final long key2, final byte[] message) throws Exception
    {
        final Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(ByteBuffer.allocate(16).putLong(key1).putLong(key2).array(), "HmacSHA256"));
        final ByteBuffer d = ByteBuffer.wrap(mac.doFinal(message));
        final int[] words = new int[8];
        for (int i = 0; i < 8; i++)
        {
            words[i] = d.getInt();
        }
        return words;
    }

    @Test
    void shouldEqualTheJdkForEveryLengthUpTo55() throws Exception
    {
        final SplittableRandom random = new SplittableRandom(8684);
        final int[] midstates = new int[3 * RECORD];
        final MemorySegment ms = MemorySegment.ofArray(midstates);
        final int[] out = new int[16];
        final MemorySegment os = MemorySegment.ofArray(out);
        for (int length = 0; length <= Sha256Ni.MAX_MESSAGE_LENGTH; length++)
        {
            for (int round = 0; round < 20; round++)
            {
                final long key1 = random.nextLong();
                final long key2 = random.nextLong();
                final byte[] message = new byte[length];
                for (int i = 0; i < length; i++)
                {
                    message[i] = (byte)random.nextInt();
                }
                Sha256Ni.midstates(key1, key2, ms, RECORD); // the middle record: offsets are honoured
                Sha256Ni.hmac(ms, RECORD, MemorySegment.ofArray(message), length, os, 8);
                final int[] got = java.util.Arrays.copyOfRange(out, 8, 16);
                assertArrayEquals(jdk(key1, key2, message), got, "length " + length);
            }
        }
    }

    @Test
    void shouldEqualTheJdkForEightByteMessagesOneByOneAndInABatch() throws Exception
    {
        final SplittableRandom random = new SplittableRandom(6824);
        final int n = 37;
        final int[] midstates = new int[n * RECORD];
        final MemorySegment ms = MemorySegment.ofArray(midstates);
        final long[] keys = new long[2 * n];
        final int[] offsets = new int[n];
        final long[] messages = new long[n];
        for (int i = 0; i < n; i++)
        {
            keys[2 * i] = random.nextLong();
            keys[2 * i + 1] = random.nextLong();
            Sha256Ni.midstates(keys[2 * i], keys[2 * i + 1], ms, i * RECORD);
            offsets[i] = ((i * 7) % n) * RECORD; // records out of order
            messages[i] = random.nextLong();
        }
        final int[] batch = new int[8 * n];
        Sha256Ni.hmac8Batch(ms, MemorySegment.ofArray(offsets), MemorySegment.ofArray(messages), n,
            MemorySegment.ofArray(batch));
        final int[] one = new int[8];
        for (int i = 0; i < n; i++)
        {
            final int k = offsets[i] / RECORD;
            final int[] expected = jdk(keys[2 * k], keys[2 * k + 1], ByteBuffer.allocate(8).putLong(messages[i]).array());
            Sha256Ni.hmac8(ms, offsets[i], messages[i], MemorySegment.ofArray(one), 0);
            assertArrayEquals(expected, one, "single " + i);
            assertArrayEquals(expected, java.util.Arrays.copyOfRange(batch, 8 * i, 8 * i + 8), "batch " + i);
        }
    }

    @Test
    void shouldHashEightByteMessagesAsTheJdkDoes() throws Exception
    {
        final SplittableRandom random = new SplittableRandom(1);
        final int[] out = new int[12];
        for (int i = 0; i < 200; i++)
        {
            final long key = random.nextLong();
            Sha256Ni.sha256(key, MemorySegment.ofArray(out), 4);
            final ByteBuffer d = ByteBuffer.wrap(java.security.MessageDigest.getInstance("SHA-256")
                .digest(ByteBuffer.allocate(8).putLong(key).array()));
            for (int w = 0; w < 8; w++)
            {
                assertEquals(d.getInt(), out[4 + w], "key " + Long.toHexString(key) + " word " + w);
            }
        }
    }

    @Test
    void shouldRefuseIndexesOutsideTheArrays()
    {
        final MemorySegment ms = MemorySegment.ofArray(new int[RECORD]);
        final MemorySegment out = MemorySegment.ofArray(new int[8]);
        assertThrows(IndexOutOfBoundsException.class, () -> Sha256Ni.hmac8(ms, 1, 0L, out, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> Sha256Ni.hmac8(ms, 0, 0L, out, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> Sha256Ni.midstates(1, 2, ms, -1));
        assertThrows(IllegalArgumentException.class,
            () -> Sha256Ni.hmac(ms, 0, MemorySegment.ofArray(new byte[56]), 56, out, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> Sha256Ni.hmac8Batch(ms,
            MemorySegment.ofArray(new int[] {0, RECORD}), MemorySegment.ofArray(new long[2]), 2,
            MemorySegment.ofArray(new int[16])));
    }
}
