package org.mpdp.dataplane.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mpdp.dataplane.testing.ChildJvm;
import org.mpdp.dataplane.testing.Cmd;

/**
 * The batched MP_JOIN SYN/ACK verifier, lane by lane against {@link javax.crypto.Mac}: full and partial batches,
 * several batches per call, random slots, corrupted HMACs in random lanes, and other vector shapes in a child
 * JVM (the shape is fixed per JVM).
 */
class JoinHmacBatchTest
{
    private static final int KEY_COUNT = 97;

    private final SplittableRandom random = new SplittableRandom(0xBA7C4);
    private final HmacSha256Keys keys = new HmacSha256Keys(KEY_COUNT);
    private final long[] keyB = new long[KEY_COUNT];
    private final long[] keyA = new long[KEY_COUNT];
    private final JoinHmacBatch batch = new JoinHmacBatch();

    JoinHmacBatchTest()
    {
        for (int slot = 0; slot < KEY_COUNT; slot++)
        {
            keyB[slot] = random.nextLong();
            keyA[slot] = random.nextLong();
            keys.setKey(slot, keyB[slot], keyA[slot]);
        }
    }

    @Test
    void shouldUseSixteenLanesPerBatch()
    {
        assertEquals(Math.max(16, JoinHmacBatch.LANES), JoinHmacBatch.BATCH_SIZE);
        assertEquals(0, JoinHmacBatch.BATCH_SIZE % JoinHmacBatch.LANES, JoinHmacBatch.shape());
    }

    @Test
    void shouldMatchJdkMacInEveryLaneForEveryCount()
    {
        final int maxCount = 3 * JoinHmacBatch.BATCH_SIZE + 5;
        final int offset = 3;
        final int[] slots = new int[offset + maxCount];
        final long[] messages = new long[offset + maxCount];
        final int[] digests = new int[5 + maxCount * HmacSha256.DIGEST_INTS];
        for (int round = 0; round < 20; round++)
        {
            for (int count = 0; count <= maxCount; count++)
            {
                fillRandom(slots, messages, null, offset, count);
                batch.hmac(keys, slots, messages, offset, count, digests, 5);
                for (int i = 0; i < count; i++)
                {
                    final int slot = slots[offset + i];
                    final byte[] expected = CryptoTesting.jdkHmac("HmacSHA256",
                        CryptoTesting.key16(keyB[slot], keyA[slot]), CryptoTesting.be64(messages[offset + i]));
                    final int lane = i;
                    final int n = count;
                    assertArrayEquals(expected, CryptoTesting.bytes(digests, 5 + i * HmacSha256.DIGEST_INTS, 8),
                        () -> "entry " + lane + " of " + n);
                }
            }
        }
    }

    @Test
    void shouldSetMaskBitsOfMatchingEntriesOnlyForEveryCountUpTo64()
    {
        final int[] slots = new int[64 + 7];
        final long[] messages = new long[64 + 7];
        final long[] thmacs = new long[64 + 7];
        for (int round = 0; round < 30; round++)
        {
            for (int count = 0; count <= JoinHmacBatch.MAX_MASK_COUNT; count++)
            {
                final int offset = random.nextInt(8);
                final long corrupt = fillRandom(slots, messages, thmacs, offset, count);
                final long expected = (count == 64 ? -1L : (1L << count) - 1) & ~corrupt;
                final long mask = batch.verifySynAck(keys, slots, messages, thmacs, offset, count);
                final int n = count;
                assertEquals(Long.toBinaryString(expected), Long.toBinaryString(mask), () -> "count " + n);
            }
        }
    }

    @Test
    void shouldWriteResultCodesForLongInputs()
    {
        final int count = 1000;
        final int[] slots = new int[count + 1];
        final long[] messages = new long[count + 1];
        final long[] thmacs = new long[count + 1];
        final int[] results = new int[count + 1];
        final long corrupt = fillRandom(slots, messages, thmacs, 1, count);
        final int valid = batch.verifySynAck(keys, slots, messages, thmacs, 1, count, results);
        int expectedValid = 0;
        for (int i = 0; i < count; i++)
        {
            final int slot = slots[1 + i];
            final long thmac = CryptoTesting.left64(CryptoTesting.jdkHmac("HmacSHA256",
                CryptoTesting.key16(keyB[slot], keyA[slot]), CryptoTesting.be64(messages[1 + i])));
            final int expected = thmac == thmacs[1 + i] ? CryptoResult.VALID : CryptoResult.HMAC_MISMATCH;
            expectedValid += expected == CryptoResult.VALID ? 1 : 0;
            assertEquals(expected, results[1 + i], "entry " + i);
        }
        assertEquals(expectedValid, valid);
        assertTrue(corrupt != 0 && valid < count && valid > count / 2, "some lanes corrupted, most not: " + valid);
    }

    @Test
    void shouldRejectSlotsOutsideTheTable()
    {
        final int[] slots = {0, KEY_COUNT};
        final long[] messages = new long[2];
        assertThrows(IndexOutOfBoundsException.class,
            () -> batch.verifySynAck(keys, slots, messages, messages, 0, 2));
    }

    @Test
    void shouldNotAllocatePerBatch()
    {
        final int count = 40;
        final int[] slots = new int[count];
        final long[] messages = new long[count];
        final long[] thmacs = new long[count];
        fillRandom(slots, messages, thmacs, 0, count);
        final long[] sink = new long[1];
        final long allocated = CryptoTesting.allocatedAfterWarmUp(
            () -> sink[0] += batch.verifySynAck(keys, slots, messages, thmacs, 0, count), 2_000, 60);
        assertEquals(0, allocated, "bytes allocated by 2000 calls of 40 verifications after warm-up, shape " +
            JoinHmacBatch.shape());
    }

    @ParameterizedTest
    @ValueSource(ints = {128, 256, 512})
    void shouldMatchJdkMacWithOtherVectorShapes(final int bits)
    {
        final Cmd.Result result = ChildJvm.run(Duration.ofMinutes(2), JoinHmacBatchShapeCheck.class,
            Integer.toString(bits));
        final Map<String, String> reports = ChildJvm.reports(result.stdout());
        assertEquals(0, result.exit(), result::toString);
        assertEquals(Integer.toString(bits / 32), reports.get("lanes"), result::toString);
        assertEquals("0", reports.get("mismatches"), result::toString);
        assertTrue(Integer.parseInt(reports.get("checked")) > 0, result::toString);
    }

    /** Random slots and nonces; with thmacs, the right value in most entries and a flipped bit in some. */
    private long fillRandom(final int[] slots, final long[] messages, final long[] thmacs, final int offset,
        final int count)
    {
        long corrupt = 0;
        for (int i = 0; i < count; i++)
        {
            final int slot = random.nextInt(KEY_COUNT);
            slots[offset + i] = slot;
            messages[offset + i] = JoinHmac.message(random.nextInt(), random.nextInt());
            if (thmacs != null)
            {
                long thmac = CryptoTesting.left64(CryptoTesting.jdkHmac("HmacSHA256",
                    CryptoTesting.key16(keyB[slot], keyA[slot]), CryptoTesting.be64(messages[offset + i])));
                if (random.nextInt(5) == 0)
                {
                    thmac ^= 1L << random.nextInt(64);
                    corrupt |= 1L << i;
                }
                thmacs[offset + i] = thmac;
            }
        }
        return corrupt;
    }
}
