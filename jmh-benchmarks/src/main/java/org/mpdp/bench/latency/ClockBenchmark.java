package org.mpdp.bench.latency;

import java.util.concurrent.TimeUnit;

import org.mpdp.dataplane.latency.LatencyClock;
import org.mpdp.dataplane.latency.LatencyRecorders;
import org.mpdp.dpdk.FastPath;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a time stamp on the packet path costs: {@link System#nanoTime} against the TSC read through the
 * shim ({@code mpdp_rdtsc}, a critical downcall), each through {@link LatencyClock}; and one recording
 * into a stage's SingleWriterRecorder (run with {@code -prof gc}: 0 B/op).
 *
 * <p>rte_rdtsc needs no EAL (only the shim library), so this runs without ports; the TSC clock's rate is
 * assumed here (3 GHz) since rte_get_tsc_hz is only known after rte_eal_init, and it does not change the cost.
 *
 * <p>Run: {@code scripts/mpdp bench jmh ClockBenchmark -prof gc}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
    "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"})
public class ClockBenchmark
{
    private final LatencyClock nano = LatencyClock.nanoTime();
    private final LatencyClock tsc = LatencyClock.tsc(3_000_000_000L);
    private final LatencyRecorders nanoRecorders = LatencyRecorders.withDefaultStages("nano", nano);
    private final LatencyRecorders tscRecorders = LatencyRecorders.withDefaultStages("tsc", tsc);
    private long previous;

    /** System.nanoTime directly (an intrinsic: rdtsc plus scaling in the VM's vDSO path). */
    @Benchmark
    public long nanoTime()
    {
        return System.nanoTime();
    }

    /** FastPath.rdtsc directly: one critical downcall to rte_rdtsc. */
    @Benchmark
    public long rdtscDowncall()
    {
        return FastPath.rdtsc();
    }

    /** LatencyClock.ticks() on the nanoTime source. */
    @Benchmark
    public long clockNanoTime()
    {
        return nano.ticks();
    }

    /** LatencyClock.ticks() on the TSC source. */
    @Benchmark
    public long clockTsc()
    {
        return tsc.ticks();
    }

    /** One stage boundary as the pipeline does it: read the clock, record the interval since the last read. */
    @Benchmark
    public long stampAndRecordNanoTime()
    {
        final long now = nano.ticks();
        nanoRecorders.record(LatencyRecorders.RX_TX, previous, now, 32);
        previous = now;
        return now;
    }

    /** The same with TSC ticks, converted to nanoseconds before recording. */
    @Benchmark
    public long stampAndRecordTsc()
    {
        final long now = tsc.ticks();
        tscRecorders.record(LatencyRecorders.RX_TX, previous == 0 ? now : previous, now, 32);
        previous = now;
        return now;
    }
}
