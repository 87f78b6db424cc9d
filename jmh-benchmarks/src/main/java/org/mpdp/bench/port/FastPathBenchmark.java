package org.mpdp.bench.port;

import java.lang.foreign.Arena;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.mpdp.dataplane.port.Burst;
import org.mpdp.dataplane.port.MbufPool;
import org.mpdp.dataplane.port.MbufPools;
import org.mpdp.dataplane.port.Port;
import org.mpdp.dataplane.port.PortConfig;
import org.mpdp.dpdk.Eal;
import org.mpdp.dpdk.EalOptions;
import org.mpdp.dpdk.EthDev;
import org.mpdp.dpdk.FastPath;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What reaching DPDK's static inline fast path through the C shim costs, per call:
 * an empty critical downcall, an RX poll that finds nothing, and full 32-packet RX+free and RX+TX
 * bursts on net_null (whose driver work is tiny, so the call overhead shows).
 *
 * <p>Run: {@code scripts/mpdp bench jmh FastPathBenchmark -prof gc}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
    "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"})
public class FastPathBenchmark
{
    private Eal eal;
    private MbufPools pools;
    private Port source;
    private Port sink;
    private Port empty;
    private Arena arena;
    private Burst burst;

    /** EAL once per fork (rte_eal_init works once per process), on the benchmark thread. */
    @Setup
    public void setUp()
    {
        eal = Eal.start(EalOptions.defaults(List.of("net_null0", "net_null1", "net_null2,no-rx=1"))
            .withMemoryMb(512).withHugepages(EalOptions.Hugepages.OFF).withLogLevel("warning"));
        pools = new MbufPools(8191, MbufPool.DEFAULT_CACHE, MbufPool.DEFAULT_DATA_ROOM);
        source = Port.open(EthDev.portByName("net_null0"), PortConfig.defaults(1), pools);
        sink = Port.open(EthDev.portByName("net_null1"), PortConfig.defaults(1), pools);
        empty = Port.open(EthDev.portByName("net_null2"), PortConfig.defaults(1), pools);
        arena = Arena.ofShared();
        burst = new Burst(Burst.DEFAULT_SIZE, arena);
    }

    /** Frees everything; the pool must be whole again. */
    @TearDown
    public void tearDown()
    {
        source.close();
        sink.close();
        empty.close();
        final int inUse = pools.forSocket(0).inUse();
        pools.close();
        arena.close();
        eal.close();
        if (inUse != 0)
        {
            throw new IllegalStateException("leaked mbufs: " + inUse);
        }
    }

    /** The fixed cost of one critical downcall into the shim. */
    @Benchmark
    public void noopDowncall()
    {
        FastPath.noop();
    }

    /** rte_eth_rx_burst on a queue with nothing to receive: the idle poll. */
    @Benchmark
    public int rxBurstEmpty()
    {
        return burst.receive(empty.id(), 0);
    }

    /** RX 32 mbufs from net_null and free them: two shim calls per burst. */
    @Benchmark
    public int rxBurst32AndFree()
    {
        final int n = burst.receive(source.id(), 0);
        burst.freeAll();
        return n;
    }

    /** RX 32 from one port and TX them on another: the forwarding loop's body. */
    @Benchmark
    public int rxTxBurst32()
    {
        burst.receive(source.id(), 0);
        return burst.sendAll(sink.id(), 0);
    }
}
