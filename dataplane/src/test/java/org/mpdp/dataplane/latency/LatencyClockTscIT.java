package org.mpdp.dataplane.latency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.mpdp.dpdk.Eal;
import org.mpdp.dpdk.EalOptions;

/**
 * The TSC clock on a real EAL: refused before rte_eal_init, then at EAL's measured rate it must agree
 * with System.nanoTime over a few hundred milliseconds.
 */
final class LatencyClockTscIT
{
    @Test
    void shouldNeedEalAndThenAgreeWithNanoTime() throws InterruptedException
    {
        final IllegalStateException ex = assertThrows(IllegalStateException.class, LatencyClock::tsc);
        assertTrue(ex.getMessage().contains("rte_get_tsc_hz()=0: EAL has not started"), ex.getMessage());

        try (Eal eal = Eal.start(EalOptions.defaults(List.of("net_null0")).withMemoryMb(256)
            .withHugepages(EalOptions.Hugepages.OFF).withLogLevel("warning")))
        {
            final LatencyClock tsc = LatencyClock.tsc();
            assertTrue(tsc.ticksPerSecond() > 100_000_000L, tsc.toString());
            final long n0 = System.nanoTime();
            final long t0 = tsc.ticks();
            Thread.sleep(300);
            final long t1 = tsc.ticks();
            final long n1 = System.nanoTime();
            final long tscNanos = tsc.toNanos(t1 - t0);
            assertEquals(n1 - n0, tscNanos, (n1 - n0) * 0.02, tsc + ": tsc says " + tscNanos + " ns");
        }
    }
}
