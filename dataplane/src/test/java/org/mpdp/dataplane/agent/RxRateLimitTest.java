package org.mpdp.dataplane.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mpdp.dpdk.FastPath;

/**
 * The RX token bucket on the real TSC: over a spin of a few hundred milliseconds a greedy poller gets
 * the configured rate, never more than rate x time + the bucket's depth, and never more than asked.
 */
final class RxRateLimitTest
{
    /** TSC ticks per second measured against System.nanoTime (EAL's rte_get_tsc_hz needs EAL). */
    private static long hz()
    {
        final long t0 = FastPath.rdtsc();
        final long n0 = System.nanoTime();
        while (System.nanoTime() - n0 < 200_000_000L)
        {
            Thread.onSpinWait();
        }
        return (long)((FastPath.rdtsc() - t0) * 1e9 / (System.nanoTime() - n0));
    }

    @Test
    void shouldLetAGreedyPollerTakeTheConfiguredRate()
    {
        final long hz = hz();
        final long pps = 100_000; // the 1024-packet depth covers a 10 ms stall of this thread
        final RxRateLimit limit = new RxRateLimit(pps, RxRateLimit.DEPTH, hz);
        long taken = 0;
        int most = 0;
        final long start = FastPath.rdtsc();
        limit.allowance(32);
        long now;
        long calls = 0;
        while ((now = FastPath.rdtsc()) - start < hz / 4)
        {
            final int n = limit.allowance(32);
            most = Math.max(most, n);
            limit.took(n);
            taken += n;
            calls++;
        }
        final double expected = pps * (double)(now - start) / hz;
        assertTrue(taken <= expected + RxRateLimit.DEPTH, "taken " + taken + " <= " + expected + " + depth");
        assertTrue(taken >= expected * 0.95, "taken " + taken + " >= 95% of " + expected + " hz " + hz + " calls " + calls);
        assertTrue(most <= 32, "never more than asked: " + most);
    }

    @Test
    void shouldNotLimitWhenOff()
    {
        assertEquals(32, RxRateLimit.NONE.allowance(32));
        RxRateLimit.NONE.took(32);
        assertEquals(7, RxRateLimit.NONE.allowance(7));
    }
}
