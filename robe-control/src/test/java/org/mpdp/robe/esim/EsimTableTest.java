package org.mpdp.robe.esim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

final class EsimTableTest
{
    private final EsimTable table = new EsimTable(64);
    private final EsimHmac hmac = new EsimHmac();
    private final UnsafeBuffer option = new UnsafeBuffer(new byte[EsimOption.JOIN_CAP_LENGTH]);

    private void joinCap(final long keyA, final long keyB, final long keyBPrime)
    {
        EsimOption.writeJoinCap(option, 0, EsimSubtypes.DEFAULT_JOIN_CAP, 1, keyA, hmac.compute(keyA, keyB, keyBPrime));
    }

    @Test
    void shouldMatchByKeyAOnceTheInitialFlowIsEstablished()
    {
        final int initial = table.open(0xB0B0);
        final int second = table.open(0xB1B1);
        table.establish(initial, 0xA0A0);
        joinCap(0xA0A0, 0xB0B0, 0xB1B1);
        assertEquals(initial, table.match(option, 0, 0xB1B1, second));
        assertEquals(1, table.lastCandidates());
    }

    @Test
    void shouldMatchByFastHashWhileTheInitialFlowIsStillEstablishing()
    {
        final int initial = table.open(0xB0B0);
        final int second = table.open(0xB1B1);
        joinCap(0xA0A0, 0xB0B0, 0xB1B1);
        assertEquals(initial, table.match(option, 0, 0xB1B1, second));
        table.establish(initial, 0xA0A0);
        assertEquals(EsimTable.ESTABLISHED, table.state(initial));
        assertEquals(0xA0A0, table.keyA(initial));
        assertEquals(initial, table.match(option, 0, 0xB1B1, second));
    }

    @Test
    void shouldRejectAWrongHmacAndTellNoCandidateFromMismatch()
    {
        final int initial = table.open(0xB0B0);
        table.establish(initial, 0xA0A0);
        joinCap(0xA0A0, 0xB0B0, 0xB1B1);
        assertEquals(EsimTable.HMAC_MISMATCH, table.match(option, 0, 0xB2B2, -1), "wrong Key-B'");
        option.putByte(EsimOption.HMAC_OFFSET, (byte)(option.getByte(EsimOption.HMAC_OFFSET) ^ 1));
        assertEquals(EsimTable.HMAC_MISMATCH, table.match(option, 0, 0xB1B1, -1), "forged HMAC");
        joinCap(0xDEAD, 0xB0B1, 0xB1B1);
        assertEquals(EsimTable.NO_CANDIDATE, table.match(option, 0, 0xB1B1, -1), "unknown Key-A, unused fast hash");
    }

    @Test
    void shouldNotMatchTheFlowCarryingTheOptionItself()
    {
        final int only = table.open(0xB0B0);
        joinCap(0xA0A0, 0xB0B0, 0xB0B0);
        assertEquals(EsimTable.NO_CANDIDATE, table.match(option, 0, 0xB0B0, only));
    }

    @Test
    void shouldCheckEveryConnectionSharingAKeyA()
    {
        final int first = table.open(0x1111);
        final int second = table.open(0x2222);
        table.establish(first, 0xAAAA);
        table.establish(second, 0xAAAA);
        joinCap(0xAAAA, 0x2222, 0x3333);
        assertEquals(second, table.match(option, 0, 0x3333, -1));
        joinCap(0xAAAA, 0x1111, 0x3333);
        assertEquals(first, table.match(option, 0, 0x3333, -1));
    }

    @Test
    void shouldCheckEveryEstablishingConnectionSharingAFastHash()
    {
        // Find two keys with the same 10-bit fast hash.
        final SplittableRandom random = new SplittableRandom(3);
        final long[] byHash = new long[1024];
        long keyB1 = 0;
        long keyB2 = 0;
        while (keyB2 == 0)
        {
            final long key = random.nextLong() | 1;
            final int hash = Crc16.fastHash(key);
            if (byHash[hash] != 0 && byHash[hash] != key)
            {
                keyB1 = byHash[hash];
                keyB2 = key;
            }
            byHash[hash] = key;
        }
        final int first = table.open(keyB1);
        final int second = table.open(keyB2);
        joinCap(0xA1, keyB1, 0x77);
        assertEquals(first, table.match(option, 0, 0x77, -1));
        joinCap(0xA2, keyB2, 0x77);
        assertEquals(second, table.match(option, 0, 0x77, -1));
        table.close(first);
        joinCap(0xA1, keyB1, 0x77);
        assertEquals(EsimTable.HMAC_MISMATCH, table.match(option, 0, 0x77, -1));
        assertEquals(1, table.lastCandidates());
    }

    @Test
    void shouldReuseSlotsAndReportFull()
    {
        final EsimTable small = new EsimTable(2);
        final int a = small.open(1);
        final int b = small.open(2);
        assertEquals(EsimTable.FULL, small.open(3));
        small.establish(b, 5);
        small.close(b);
        small.close(b);
        assertEquals(1, small.size());
        assertEquals(b, small.open(4));
        small.close(a);
        assertEquals(EsimTable.FREE, small.state(a));
        assertEquals(1, small.size());
    }
}
