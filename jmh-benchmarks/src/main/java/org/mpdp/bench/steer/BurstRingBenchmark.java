package org.mpdp.bench.steer;

import java.util.concurrent.TimeUnit;

import org.mpdp.dataplane.steer.BurstHandler;
import org.mpdp.dataplane.steer.BurstRing;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost per packet of the ring into a worker: one thread enqueues 32-packet bursts (claim, 32 puts,
 * commit), another drains them and reads every field. The producer waits while the ring is full, so
 * its score is the pipeline's: ns per packet handed from one thread to the other.
 */
@State(Scope.Group)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED",
    "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"})
public class BurstRingBenchmark
{
    private static final int BURST = 32;

    private final BurstRing ring = new BurstRing(1 << 16, BURST);
    private long next;
    private long sink;
    private final BurstHandler consume = b ->
    {
        long s = 0;
        for (int i = 0, n = b.count(); i < n; i++)
        {
            s += b.mbuf(i) + b.stamp(i) + b.port(i) + b.queue(i);
        }
        sink += s;
    };

    /** Enqueues one 32-packet burst, waiting while the ring is full. */
    @Benchmark
    @Group("spsc")
    @GroupThreads(1)
    @OperationsPerInvocation(BURST)
    public void enqueueBurst()
    {
        int claim;
        int spins = 0;
        while ((claim = ring.claim(BURST)) < 0)
        {
            // Bounded: when the iteration ends the drain thread stops first, and an unbounded wait would hang.
            if (++spins == 1 << 20)
            {
                return;
            }
            Thread.onSpinWait();
        }
        final long base = next;
        for (int i = 0; i < BURST; i++)
        {
            ring.put(claim, i, base + i, base, 0, 1);
        }
        ring.commit(claim);
        next = base + BURST;
    }

    /** Drains whatever is there (up to 4 bursts). */
    @Benchmark
    @Group("spsc")
    @GroupThreads(1)
    public int drain()
    {
        final int n = ring.drain(consume, 4);
        if (n == 0)
        {
            Thread.onSpinWait();
        }
        return n;
    }
}
