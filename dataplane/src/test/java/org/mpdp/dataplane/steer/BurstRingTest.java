package org.mpdp.dataplane.steer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

final class BurstRingTest
{
    private static final int BURST = 32;

    @Test
    void shouldReportAFullRingAndTakeAgainAfterADrain()
    {
        final BurstRing ring = new BurstRing(8192, BURST);
        final long[] mbufs = new long[BURST];
        final long[] stamps = new long[BURST];
        final int[] ports = new int[BURST];
        final int[] queues = new int[BURST];
        int bursts = 0;
        while (ring.offer(mbufs, stamps, ports, queues, BURST) == BURST)
        {
            bursts++;
        }
        // 8192 / (8 record header + 8 + 32 x 24 = 784) = 10.
        assertEquals(10, bursts);
        assertEquals(BurstRing.INSUFFICIENT_CAPACITY, ring.claim(BURST));
        assertEquals(BurstRing.INSUFFICIENT_CAPACITY, ring.claim(BURST + 1), "larger than maxBurst");
        final long producer = ring.producerPosition();
        assertTrue(ring.consumerPosition() < producer);
        assertEquals(1, ring.drain(b -> assertEquals(BURST, b.count()), 1));
        assertEquals(BURST, ring.offer(mbufs, stamps, ports, queues, BURST));
        // The new burst did not fit at the end: it wrapped (behind a padding record), so it takes a second drain.
        int drained = 0;
        for (int n; (n = ring.drain(b -> assertEquals(BURST, b.count()), 100)) > 0;)
        {
            drained += n;
        }
        assertEquals(10, drained);
        assertEquals(ring.producerPosition(), ring.consumerPosition());
    }

    @Test
    void shouldRefuseARingTooSmallForTheBurst()
    {
        assertThrows(IllegalArgumentException.class, () -> new BurstRing(4096, BURST));
    }

    @Test
    void shouldSkipAnAbortedClaim()
    {
        final BurstRing ring = new BurstRing(8192, BURST);
        final int aborted = ring.claim(3);
        ring.abort(aborted);
        final int claim = ring.claim(2);
        ring.put(claim, 0, 11, 12, 1, 2);
        ring.put(claim, 1, 21, 22, 3, 4);
        ring.commit(claim);
        final long[] seen = new long[8];
        assertEquals(1, ring.drain(b ->
        {
            seen[0] = b.count();
            seen[1] = b.mbuf(0);
            seen[2] = b.stamp(0);
            seen[3] = b.port(0);
            seen[4] = b.queue(0);
            seen[5] = b.mbuf(1);
            seen[6] = b.stamp(1);
            seen[7] = b.port(1) * 10 + b.queue(1);
        }, 10));
        assertEquals("[2, 11, 12, 1, 2, 21, 22, 34]", java.util.Arrays.toString(seen));
    }

    /**
     * Two producer threads push numbered bursts of varying size through a small ring (it wraps thousands
     * of times and is often full) to one consumer thread, which checks every field of every packet and
     * that each producer's bursts arrive complete and in order.
     */
    @Test
    void shouldCarryBurstsIntactAcrossThreadsThroughWrapsAndFullRings() throws Exception
    {
        final BurstRing ring = new BurstRing(16384, BURST);
        final int burstsPerProducer = 200_000;
        final AtomicReference<String> failure = new AtomicReference<>();
        final AtomicLong full = new AtomicLong();
        final long deadline = System.nanoTime() + 20_000_000_000L;
        final Thread[] producers = new Thread[2];
        for (int p = 0; p < 2; p++)
        {
            final int producer = p;
            producers[p] = new Thread(() ->
            {
                long next = 0;
                for (int b = 0; b < burstsPerProducer && System.nanoTime() < deadline; b++)
                {
                    final int count = 1 + b % BURST;
                    int claim;
                    while ((claim = ring.claim(count)) < 0)
                    {
                        full.incrementAndGet();
                        Thread.onSpinWait();
                    }
                    for (int i = 0; i < count; i++)
                    {
                        final long mbuf = (long)producer << 48 | next + i;
                        ring.put(claim, i, mbuf, ~mbuf, producer, count);
                    }
                    ring.commit(claim);
                    next += count;
                }
            }, "producer-" + p);
        }
        final long[] expected = new long[2];
        final long[] packets = new long[1];
        final BurstHandler check = b ->
        {
            final int count = b.count();
            for (int i = 0; i < count; i++)
            {
                final long mbuf = b.mbuf(i);
                final int producer = (int)(mbuf >>> 48);
                if (producer > 1 || b.stamp(i) != ~mbuf || b.port(i) != producer || b.queue(i) != count ||
                    (mbuf & 0xFFFF_FFFF_FFFFL) != expected[producer])
                {
                    failure.compareAndSet(null, "bad packet " + Long.toHexString(mbuf) + " expected " +
                        expected[producer & 1] + " count " + count);
                }
                expected[producer & 1]++;
            }
            packets[0] += count;
        };
        long total = 0;
        for (int b = 0; b < burstsPerProducer; b++)
        {
            total += 1 + b % BURST;
        }
        producers[0].start();
        producers[1].start();
        while (packets[0] < 2 * total && failure.get() == null && System.nanoTime() < deadline)
        {
            if (ring.drain(check, 8) == 0)
            {
                Thread.onSpinWait();
            }
        }
        producers[0].join();
        producers[1].join();
        assertEquals(null, failure.get());
        assertEquals(2 * total, packets[0]);
        assertEquals(ring.producerPosition(), ring.consumerPosition());
        assertTrue(ring.producerPosition() > 100L * ring.capacity(), "wrapped many times");
    }
}
