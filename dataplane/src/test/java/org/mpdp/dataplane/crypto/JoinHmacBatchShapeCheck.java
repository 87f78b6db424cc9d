package org.mpdp.dataplane.crypto;

import java.util.SplittableRandom;

import org.mpdp.dataplane.testing.ChildJvm;

/**
 * Child-JVM main for {@link JoinHmacBatchTest}: forces a vector shape (the species is fixed per JVM), then
 * checks every lane of partial and full batches against {@link javax.crypto.Mac}. Shapes wider than the
 * hardware run on the Vector API's Java fallback: slow, but the results must be the same.
 */
public final class JoinHmacBatchShapeCheck
{
    private JoinHmacBatchShapeCheck()
    {
    }

    /**
     * @param args the vector size in bits.
     */
    public static void main(final String[] args)
    {
        System.setProperty("mpdp.crypto.vectorBits", args[0]);
        final SplittableRandom random = new SplittableRandom(Integer.parseInt(args[0]));
        final int keyCount = 11;
        final HmacSha256Keys keys = new HmacSha256Keys(keyCount);
        final long[][] keyPairs = new long[keyCount][2];
        for (int slot = 0; slot < keyCount; slot++)
        {
            keyPairs[slot][0] = random.nextLong();
            keyPairs[slot][1] = random.nextLong();
            keys.setKey(slot, keyPairs[slot][0], keyPairs[slot][1]);
        }
        final JoinHmacBatch batch = new JoinHmacBatch();
        ChildJvm.report("lanes", JoinHmacBatch.LANES);
        int mismatches = 0;
        int checked = 0;
        for (final int count : new int[] {1, 7, JoinHmacBatch.BATCH_SIZE, JoinHmacBatch.BATCH_SIZE + 3, 64})
        {
            final int[] slots = new int[count];
            final long[] messages = new long[count];
            final long[] thmacs = new long[count];
            for (int i = 0; i < count; i++)
            {
                slots[i] = random.nextInt(keyCount);
                messages[i] = random.nextLong();
                thmacs[i] = CryptoTesting.left64(CryptoTesting.jdkHmac("HmacSHA256",
                    CryptoTesting.key16(keyPairs[slots[i]][0], keyPairs[slots[i]][1]),
                    CryptoTesting.be64(messages[i])));
            }
            thmacs[count - 1] ^= 1;
            final long expected = (count == 64 ? -1L : (1L << count) - 1) & ~(1L << (count - 1));
            final long mask = batch.verifySynAck(keys, slots, messages, thmacs, 0, count);
            mismatches += Long.bitCount(mask ^ expected);
            checked += count;
        }
        ChildJvm.report("checked", checked);
        ChildJvm.report("mismatches", mismatches);
    }
}
