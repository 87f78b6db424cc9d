package org.mpdp.dpdk;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

import org.mpdp.dpdk.ffi.shim_h;

/**
 * The poll-mode fast path: DPDK's static inline burst and mbuf functions, reached through the
 * exported wrappers in mpdp_shim.c with {@link Linker.Option#critical critical} downcalls (no
 * thread-state transition; safe because every wrapped call is short and never blocks or calls back).
 *
 * <p>Arrays of mbuf pointers are native segments owned by the caller and reused for every burst,
 * so a call allocates nothing. Results are plain ints; nothing here throws on the packet path.
 */
public final class FastPath
{
    private static final Linker LINKER = Linker.nativeLinker();
    private static final Linker.Option CRITICAL = Linker.Option.critical(false);

    private static final MethodHandle RX_BURST = link(shim_h.mpdp_rx_burst$address(),
        FunctionDescriptor.of(JAVA_SHORT, JAVA_SHORT, JAVA_SHORT, ADDRESS, JAVA_SHORT));
    private static final MethodHandle TX_BURST = link(shim_h.mpdp_tx_burst$address(),
        FunctionDescriptor.of(JAVA_SHORT, JAVA_SHORT, JAVA_SHORT, ADDRESS, JAVA_SHORT));
    private static final MethodHandle FREE_RANGE = link(shim_h.mpdp_pktmbuf_free_range$address(),
        FunctionDescriptor.ofVoid(ADDRESS, JAVA_SHORT, JAVA_SHORT));
    private static final MethodHandle ALLOC_BULK = link(shim_h.mpdp_pktmbuf_alloc_bulk$address(),
        FunctionDescriptor.of(JAVA_INT, JAVA_LONG, ADDRESS, JAVA_INT));
    private static final MethodHandle RDTSC = link(shim_h.mpdp_rdtsc$address(),
        FunctionDescriptor.of(JAVA_LONG));
    private static final MethodHandle TSC_HZ = link(shim_h.mpdp_tsc_hz$address(),
        FunctionDescriptor.of(JAVA_LONG));
    private static final MethodHandle NOOP = link(shim_h.mpdp_noop$address(), FunctionDescriptor.ofVoid());

    /** Largest burst any call here accepts; matches the mbuf pointer arrays mpdp allocates. */
    public static final int MAX_BURST = 512;

    private FastPath()
    {
    }

    private static MethodHandle link(final MemorySegment address, final FunctionDescriptor descriptor)
    {
        return LINKER.downcallHandle(address, descriptor, CRITICAL);
    }

    /**
     * rte_eth_rx_burst.
     *
     * @param port  port id.
     * @param queue RX queue id.
     * @param pkts  native array of at least {@code count} mbuf pointers, filled from index 0.
     * @param count how many to receive at most.
     * @return how many mbufs were received; the caller now owns each one.
     */
    public static int rxBurst(final int port, final int queue, final MemorySegment pkts, final int count)
    {
        try
        {
            return Short.toUnsignedInt((short)RX_BURST.invokeExact((short)port, (short)queue, pkts, (short)count));
        }
        catch (final Throwable ex)
        {
            throw new AssertionError("should not reach here", ex);
        }
    }

    /**
     * rte_eth_tx_burst.
     *
     * @param port  port id.
     * @param queue TX queue id.
     * @param pkts  native array of mbuf pointers, sent from index 0.
     * @param count how many to send.
     * @return how many were taken by the driver; the caller still owns {@code pkts[result..count)}.
     */
    public static int txBurst(final int port, final int queue, final MemorySegment pkts, final int count)
    {
        try
        {
            return Short.toUnsignedInt((short)TX_BURST.invokeExact((short)port, (short)queue, pkts, (short)count));
        }
        catch (final Throwable ex)
        {
            throw new AssertionError("should not reach here", ex);
        }
    }

    /**
     * Frees {@code pkts[from..to)} back to their pools (rte_pktmbuf_free_bulk); nothing when from >= to.
     *
     * @param pkts native array of mbuf pointers.
     * @param from first index to free.
     * @param to   one past the last index to free.
     */
    public static void freeRange(final MemorySegment pkts, final int from, final int to)
    {
        try
        {
            FREE_RANGE.invokeExact(pkts, (short)from, (short)to);
        }
        catch (final Throwable ex)
        {
            throw new AssertionError("should not reach here", ex);
        }
    }

    /**
     * rte_pktmbuf_alloc_bulk: all or nothing.
     *
     * @param pool  rte_mempool address.
     * @param pkts  native array to fill from index 0.
     * @param count how many.
     * @return 0 on success, a negative errno when the pool had fewer than {@code count} free.
     */
    public static int allocBulk(final long pool, final MemorySegment pkts, final int count)
    {
        try
        {
            return (int)ALLOC_BULK.invokeExact(pool, pkts, count);
        }
        catch (final Throwable ex)
        {
            throw new AssertionError("should not reach here", ex);
        }
    }

    /**
     * @return the CPU's time-stamp counter (rte_rdtsc).
     */
    public static long rdtsc()
    {
        try
        {
            return (long)RDTSC.invokeExact();
        }
        catch (final Throwable ex)
        {
            throw new AssertionError("should not reach here", ex);
        }
    }

    /**
     * @return TSC ticks per second as EAL measured them at start-up (rte_get_tsc_hz); 0 before EAL has started.
     */
    public static long tscHz()
    {
        try
        {
            return (long)TSC_HZ.invokeExact();
        }
        catch (final Throwable ex)
        {
            throw new AssertionError("should not reach here", ex);
        }
    }

    /**
     * Calls an empty C function: the fixed cost of a critical downcall, for benchmarks.
     */
    public static void noop()
    {
        try
        {
            NOOP.invokeExact();
        }
        catch (final Throwable ex)
        {
            throw new AssertionError("should not reach here", ex);
        }
    }
}
