package org.mpdp.dataplane.steer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.mpdp.dataplane.wire.ParsedPacket;

final class OwnerDirectoryTest
{
    private final SteerFrames frames = new SteerFrames();

    @Test
    void shouldGiveBothDirectionsOneKeyAndOwner()
    {
        final OwnerDirectory d = OwnerDirectory.seeded(4, 1024, 1024, 7);
        final ParsedPacket out = frames.parse(SteerFrames.plainAck(SteerFrames.CLIENT, 40000, SteerFrames.SERVER, 443));
        final long kOut = d.subflowKey(out);
        final long kIn = d.subflowKey(frames.parse(SteerFrames.plainAck(SteerFrames.SERVER, 443, SteerFrames.CLIENT,
            40000)));
        assertEquals(kOut, kIn);
        assertEquals(-1, d.subflowOwner(kOut));
        assertTrue(d.publishSubflow(kOut, 3));
        assertTrue(d.publishSubflow(kOut, 3), "idempotent");
        assertEquals(1, d.subflowCount());
        assertEquals(3, d.subflowOwner(kIn));
        assertFalse(d.removeSubflow(kOut, 2), "only the owner's entry is removed");
        assertTrue(d.removeSubflow(kOut, 3));
        assertEquals(-1, d.subflowOwner(kOut));
        assertEquals(0, d.subflowCount());
    }

    @Test
    void shouldKeepEveryEntryOfASharedToken()
    {
        final OwnerDirectory d = OwnerDirectory.seeded(4, 64, 64, 7);
        final int token = 0xCAFEF00D;
        assertTrue(d.publishToken(token, 2));
        assertTrue(d.publishToken(token, 0));
        assertTrue(d.publishToken(token, 2), "a second connection of worker 2 with the same token");
        assertEquals(0b101L, d.tokenOwners(token));
        assertEquals(0L, d.tokenOwners(token + 1));
        assertTrue(d.removeToken(token, 0));
        assertEquals(0b100L, d.tokenOwners(token));
        assertTrue(d.removeToken(token, 2));
        assertEquals(0b100L, d.tokenOwners(token), "worker 2's other connection still holds it");
        assertTrue(d.removeToken(token, 2));
        assertEquals(0L, d.tokenOwners(token));
        assertFalse(d.removeToken(token, 2));
    }

    @Test
    void shouldRefuseAndCountWhenBothBucketsAreFull()
    {
        final OwnerDirectory d = OwnerDirectory.seeded(1, 1, 1, 7);
        int accepted = 0;
        for (int t = 0; t < 100; t++)
        {
            accepted += d.publishToken(t, 0) ? 1 : 0;
        }
        // 2 buckets x 8 slots.
        assertEquals(16, accepted);
        assertEquals(84, d.tokenFull());
        for (int t = 0; t < 100; t++)
        {
            assertEquals(d.tokenOwners(t) != 0, d.removeToken(t, 0));
        }
        assertEquals(0, d.tokenCount());
    }

    @Test
    void shouldSpreadHashOwnersOverAllWorkers()
    {
        final OwnerDirectory d = new OwnerDirectory(3, 16, 16);
        final int[] seen = new int[3];
        for (int port = 1024; port < 4096; port++)
        {
            seen[d.hashOwner(d.subflowKey(4, 0, 0x0A000001L, port, 0, 0xC6120102L, 443))]++;
        }
        for (final int n : seen)
        {
            assertTrue(n > 3072 / 3 * 0.8 && n < 3072 / 3 * 1.2, "per worker " + n);
        }
    }

    /**
     * Two writers publish and remove keys each of which only one of them may ever own, in a table small
     * enough that slots are re-used all the time (ABA) and both buckets overflow; a reader looks up every
     * key and must never see an owner that was never published for it. Tokens and subflows both.
     */
    @Test
    void shouldNeverReportAnOwnerThatWasNotPublishedForTheKey() throws Exception
    {
        final OwnerDirectory d = OwnerDirectory.seeded(2, 8, 8, 11);
        final int keysPerWriter = 48;
        final long[][] subflowKeys = new long[2][keysPerWriter];
        for (int w = 0; w < 2; w++)
        {
            for (int i = 0; i < keysPerWriter; i++)
            {
                subflowKeys[w][i] = d.subflowKey(4, 0, 0x0A000000L + w, 1000 + i, 0, 0xC6120102L, 443);
            }
        }
        final long deadline = System.nanoTime() + 2_000_000_000L;
        final AtomicReference<String> failure = new AtomicReference<>();
        final AtomicLong reads = new AtomicLong();
        final AtomicLong hits = new AtomicLong();
        final Thread[] writers = new Thread[2];
        for (int w = 0; w < 2; w++)
        {
            final int worker = w;
            writers[w] = new Thread(() ->
            {
                final SplittableRandom random = new SplittableRandom(worker);
                final boolean[] held = new boolean[keysPerWriter];
                final int[] tokensHeld = new int[keysPerWriter];
                while (System.nanoTime() < deadline && failure.get() == null)
                {
                    final int i = random.nextInt(keysPerWriter);
                    if (held[i])
                    {
                        if (!d.removeSubflow(subflowKeys[worker][i], worker))
                        {
                            failure.compareAndSet(null, "own subflow entry lost, worker " + worker + " key " + i);
                        }
                        held[i] = false;
                    }
                    else
                    {
                        held[i] = d.publishSubflow(subflowKeys[worker][i], worker);
                    }
                    // Token i * 2 + worker belongs to this writer only; several entries of it at once.
                    final int token = i * 2 + worker;
                    if (tokensHeld[i] > 0 && random.nextBoolean())
                    {
                        if (!d.removeToken(token, worker))
                        {
                            failure.compareAndSet(null, "own token entry lost, worker " + worker + " token " + token);
                        }
                        tokensHeld[i]--;
                    }
                    else if (tokensHeld[i] < 3 && d.publishToken(token, worker))
                    {
                        tokensHeld[i]++;
                    }
                }
                for (int i = 0; i < keysPerWriter; i++)
                {
                    final boolean visible = d.subflowOwner(subflowKeys[worker][i]) == worker;
                    if (visible != held[i])
                    {
                        failure.compareAndSet(null, "final state wrong, worker " + worker + " key " + i);
                    }
                    if ((d.tokenOwners(i * 2 + worker) != 0) != (tokensHeld[i] > 0))
                    {
                        failure.compareAndSet(null, "final token state wrong, worker " + worker + " token " + i);
                    }
                }
            }, "writer-" + w);
        }
        final Thread reader = new Thread(() ->
        {
            long n = 0;
            long found = 0;
            while (System.nanoTime() < deadline && failure.get() == null)
            {
                for (int w = 0; w < 2; w++)
                {
                    for (int i = 0; i < keysPerWriter; i++)
                    {
                        final int owner = d.subflowOwner(subflowKeys[w][i]);
                        if (owner != -1 && owner != w)
                        {
                            failure.compareAndSet(null, "subflow of worker " + w + " reported at " + owner);
                        }
                        final long tokenOwners = d.tokenOwners(i * 2 + w);
                        if ((tokenOwners & ~(1L << w)) != 0)
                        {
                            failure.compareAndSet(null, "token of worker " + w + " reported at " + tokenOwners);
                        }
                        found += (owner == w ? 1 : 0) + (tokenOwners != 0 ? 1 : 0);
                        n += 2;
                    }
                }
            }
            reads.set(n);
            hits.set(found);
        }, "reader");
        reader.start();
        writers[0].start();
        writers[1].start();
        reader.join();
        writers[0].join();
        writers[1].join();
        assertEquals(null, failure.get());
        assertTrue(reads.get() > 100_000, "reads " + reads.get());
        assertTrue(hits.get() > 1000, "hits " + hits.get());
        assertTrue(d.subflowFull() > 0 && d.tokenFull() > 0, "the tables were driven full");
    }
}
