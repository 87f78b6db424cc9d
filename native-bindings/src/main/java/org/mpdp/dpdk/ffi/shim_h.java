// Generated in the shape of jextract (JDK 22+) output; regenerate with native-bindings/jextract.sh.
// Do not edit by hand: LayoutProbeTest checks every layout and constant here against the installed headers.

package org.mpdp.dpdk.ffi;

import java.lang.invoke.*;
import java.lang.foreign.*;
import java.util.*;
import java.util.stream.*;

import static java.lang.foreign.ValueLayout.*;
import static java.lang.foreign.MemoryLayout.PathElement.*;

/**
 * Bindings for native-bindings/src/main/c/mpdp_shim.c: exported wrappers of DPDK's static inline fast path.
 */
@SuppressWarnings({"unused", "rawtypes"})
public class shim_h {

    shim_h() {
        // Should not be called directly
    }

    static final Arena LIBRARY_ARENA = Arena.ofAuto();
    static final boolean TRACE_DOWNCALLS = Boolean.getBoolean("jextract.trace.downcalls");

    static void traceDowncall(String name, Object... args) {
         String traceArgs = Arrays.stream(args)
                       .map(Object::toString)
                       .collect(Collectors.joining(", "));
         System.out.printf("%s(%s)\n", name, traceArgs);
    }

    static MemorySegment findOrThrow(String symbol) {
        return SYMBOL_LOOKUP.find(symbol)
            .orElseThrow(() -> new UnsatisfiedLinkError("unresolved symbol: " + symbol));
    }

    static final SymbolLookup SYMBOL_LOOKUP = NativeLibrary.lookup()
            .or(SymbolLookup.loaderLookup())
            .or(Linker.nativeLinker().defaultLookup());

    public static final ValueLayout.OfBoolean C_BOOL = ValueLayout.JAVA_BOOLEAN;
    public static final ValueLayout.OfByte C_CHAR = ValueLayout.JAVA_BYTE;
    public static final ValueLayout.OfShort C_SHORT = ValueLayout.JAVA_SHORT;
    public static final ValueLayout.OfInt C_INT = ValueLayout.JAVA_INT;
    public static final ValueLayout.OfLong C_LONG_LONG = ValueLayout.JAVA_LONG;
    public static final ValueLayout.OfFloat C_FLOAT = ValueLayout.JAVA_FLOAT;
    public static final ValueLayout.OfDouble C_DOUBLE = ValueLayout.JAVA_DOUBLE;
    public static final AddressLayout C_POINTER = ValueLayout.ADDRESS
            .withTargetLayout(MemoryLayout.sequenceLayout(java.lang.Long.MAX_VALUE, JAVA_BYTE));
    public static final ValueLayout.OfLong C_LONG = ValueLayout.JAVA_LONG;

    private static class mpdp_rx_burst {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(shim_h.C_SHORT, shim_h.C_SHORT, shim_h.C_SHORT, shim_h.C_POINTER, shim_h.C_SHORT);

        public static final MemorySegment ADDR = shim_h.findOrThrow("mpdp_rx_burst");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * uint16_t mpdp_rx_burst(uint16_t port_id, uint16_t queue_id, struct rte_mbuf **rx_pkts, uint16_t nb_pkts)
     * }
     */
    public static FunctionDescriptor mpdp_rx_burst$descriptor() {
        return mpdp_rx_burst.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * uint16_t mpdp_rx_burst(uint16_t port_id, uint16_t queue_id, struct rte_mbuf **rx_pkts, uint16_t nb_pkts)
     * }
     */
    public static MethodHandle mpdp_rx_burst$handle() {
        return mpdp_rx_burst.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * uint16_t mpdp_rx_burst(uint16_t port_id, uint16_t queue_id, struct rte_mbuf **rx_pkts, uint16_t nb_pkts)
     * }
     */
    public static MemorySegment mpdp_rx_burst$address() {
        return mpdp_rx_burst.ADDR;
    }

    /**
     * {@snippet lang=c :
     * uint16_t mpdp_rx_burst(uint16_t port_id, uint16_t queue_id, struct rte_mbuf **rx_pkts, uint16_t nb_pkts)
     * }
     */
    public static short mpdp_rx_burst(short port_id, short queue_id, MemorySegment rx_pkts, short nb_pkts) {
        var mh$ = mpdp_rx_burst.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("mpdp_rx_burst", port_id, queue_id, rx_pkts, nb_pkts);
            }
            return (short) mh$.invokeExact(port_id, queue_id, rx_pkts, nb_pkts);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class mpdp_tx_burst {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(shim_h.C_SHORT, shim_h.C_SHORT, shim_h.C_SHORT, shim_h.C_POINTER, shim_h.C_SHORT);

        public static final MemorySegment ADDR = shim_h.findOrThrow("mpdp_tx_burst");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * uint16_t mpdp_tx_burst(uint16_t port_id, uint16_t queue_id, struct rte_mbuf **tx_pkts, uint16_t nb_pkts)
     * }
     */
    public static FunctionDescriptor mpdp_tx_burst$descriptor() {
        return mpdp_tx_burst.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * uint16_t mpdp_tx_burst(uint16_t port_id, uint16_t queue_id, struct rte_mbuf **tx_pkts, uint16_t nb_pkts)
     * }
     */
    public static MethodHandle mpdp_tx_burst$handle() {
        return mpdp_tx_burst.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * uint16_t mpdp_tx_burst(uint16_t port_id, uint16_t queue_id, struct rte_mbuf **tx_pkts, uint16_t nb_pkts)
     * }
     */
    public static MemorySegment mpdp_tx_burst$address() {
        return mpdp_tx_burst.ADDR;
    }

    /**
     * {@snippet lang=c :
     * uint16_t mpdp_tx_burst(uint16_t port_id, uint16_t queue_id, struct rte_mbuf **tx_pkts, uint16_t nb_pkts)
     * }
     */
    public static short mpdp_tx_burst(short port_id, short queue_id, MemorySegment tx_pkts, short nb_pkts) {
        var mh$ = mpdp_tx_burst.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("mpdp_tx_burst", port_id, queue_id, tx_pkts, nb_pkts);
            }
            return (short) mh$.invokeExact(port_id, queue_id, tx_pkts, nb_pkts);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class mpdp_pktmbuf_free_range {
        public static final FunctionDescriptor DESC = FunctionDescriptor.ofVoid(shim_h.C_POINTER, shim_h.C_SHORT, shim_h.C_SHORT);

        public static final MemorySegment ADDR = shim_h.findOrThrow("mpdp_pktmbuf_free_range");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * void mpdp_pktmbuf_free_range(struct rte_mbuf **pkts, uint16_t from, uint16_t to)
     * }
     */
    public static FunctionDescriptor mpdp_pktmbuf_free_range$descriptor() {
        return mpdp_pktmbuf_free_range.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * void mpdp_pktmbuf_free_range(struct rte_mbuf **pkts, uint16_t from, uint16_t to)
     * }
     */
    public static MethodHandle mpdp_pktmbuf_free_range$handle() {
        return mpdp_pktmbuf_free_range.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * void mpdp_pktmbuf_free_range(struct rte_mbuf **pkts, uint16_t from, uint16_t to)
     * }
     */
    public static MemorySegment mpdp_pktmbuf_free_range$address() {
        return mpdp_pktmbuf_free_range.ADDR;
    }

    /**
     * {@snippet lang=c :
     * void mpdp_pktmbuf_free_range(struct rte_mbuf **pkts, uint16_t from, uint16_t to)
     * }
     */
    public static void mpdp_pktmbuf_free_range(MemorySegment pkts, short from, short to) {
        var mh$ = mpdp_pktmbuf_free_range.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("mpdp_pktmbuf_free_range", pkts, from, to);
            }
            mh$.invokeExact(pkts, from, to);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class mpdp_pktmbuf_free {
        public static final FunctionDescriptor DESC = FunctionDescriptor.ofVoid(shim_h.C_POINTER);

        public static final MemorySegment ADDR = shim_h.findOrThrow("mpdp_pktmbuf_free");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * void mpdp_pktmbuf_free(struct rte_mbuf *m)
     * }
     */
    public static FunctionDescriptor mpdp_pktmbuf_free$descriptor() {
        return mpdp_pktmbuf_free.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * void mpdp_pktmbuf_free(struct rte_mbuf *m)
     * }
     */
    public static MethodHandle mpdp_pktmbuf_free$handle() {
        return mpdp_pktmbuf_free.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * void mpdp_pktmbuf_free(struct rte_mbuf *m)
     * }
     */
    public static MemorySegment mpdp_pktmbuf_free$address() {
        return mpdp_pktmbuf_free.ADDR;
    }

    /**
     * {@snippet lang=c :
     * void mpdp_pktmbuf_free(struct rte_mbuf *m)
     * }
     */
    public static void mpdp_pktmbuf_free(MemorySegment m) {
        var mh$ = mpdp_pktmbuf_free.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("mpdp_pktmbuf_free", m);
            }
            mh$.invokeExact(m);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class mpdp_pktmbuf_alloc {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(shim_h.C_POINTER, shim_h.C_POINTER);

        public static final MemorySegment ADDR = shim_h.findOrThrow("mpdp_pktmbuf_alloc");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * struct rte_mbuf *mpdp_pktmbuf_alloc(struct rte_mempool *mp)
     * }
     */
    public static FunctionDescriptor mpdp_pktmbuf_alloc$descriptor() {
        return mpdp_pktmbuf_alloc.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * struct rte_mbuf *mpdp_pktmbuf_alloc(struct rte_mempool *mp)
     * }
     */
    public static MethodHandle mpdp_pktmbuf_alloc$handle() {
        return mpdp_pktmbuf_alloc.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * struct rte_mbuf *mpdp_pktmbuf_alloc(struct rte_mempool *mp)
     * }
     */
    public static MemorySegment mpdp_pktmbuf_alloc$address() {
        return mpdp_pktmbuf_alloc.ADDR;
    }

    /**
     * {@snippet lang=c :
     * struct rte_mbuf *mpdp_pktmbuf_alloc(struct rte_mempool *mp)
     * }
     */
    public static MemorySegment mpdp_pktmbuf_alloc(MemorySegment mp) {
        var mh$ = mpdp_pktmbuf_alloc.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("mpdp_pktmbuf_alloc", mp);
            }
            return (MemorySegment) mh$.invokeExact(mp);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class mpdp_pktmbuf_alloc_bulk {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(shim_h.C_INT, shim_h.C_POINTER, shim_h.C_POINTER, shim_h.C_INT);

        public static final MemorySegment ADDR = shim_h.findOrThrow("mpdp_pktmbuf_alloc_bulk");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * int mpdp_pktmbuf_alloc_bulk(struct rte_mempool *mp, struct rte_mbuf **mbufs, unsigned int count)
     * }
     */
    public static FunctionDescriptor mpdp_pktmbuf_alloc_bulk$descriptor() {
        return mpdp_pktmbuf_alloc_bulk.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * int mpdp_pktmbuf_alloc_bulk(struct rte_mempool *mp, struct rte_mbuf **mbufs, unsigned int count)
     * }
     */
    public static MethodHandle mpdp_pktmbuf_alloc_bulk$handle() {
        return mpdp_pktmbuf_alloc_bulk.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * int mpdp_pktmbuf_alloc_bulk(struct rte_mempool *mp, struct rte_mbuf **mbufs, unsigned int count)
     * }
     */
    public static MemorySegment mpdp_pktmbuf_alloc_bulk$address() {
        return mpdp_pktmbuf_alloc_bulk.ADDR;
    }

    /**
     * {@snippet lang=c :
     * int mpdp_pktmbuf_alloc_bulk(struct rte_mempool *mp, struct rte_mbuf **mbufs, unsigned int count)
     * }
     */
    public static int mpdp_pktmbuf_alloc_bulk(MemorySegment mp, MemorySegment mbufs, int count) {
        var mh$ = mpdp_pktmbuf_alloc_bulk.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("mpdp_pktmbuf_alloc_bulk", mp, mbufs, count);
            }
            return (int) mh$.invokeExact(mp, mbufs, count);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class mpdp_pktmbuf_append {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(shim_h.C_POINTER, shim_h.C_POINTER, shim_h.C_SHORT);

        public static final MemorySegment ADDR = shim_h.findOrThrow("mpdp_pktmbuf_append");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * char *mpdp_pktmbuf_append(struct rte_mbuf *m, uint16_t len)
     * }
     */
    public static FunctionDescriptor mpdp_pktmbuf_append$descriptor() {
        return mpdp_pktmbuf_append.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * char *mpdp_pktmbuf_append(struct rte_mbuf *m, uint16_t len)
     * }
     */
    public static MethodHandle mpdp_pktmbuf_append$handle() {
        return mpdp_pktmbuf_append.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * char *mpdp_pktmbuf_append(struct rte_mbuf *m, uint16_t len)
     * }
     */
    public static MemorySegment mpdp_pktmbuf_append$address() {
        return mpdp_pktmbuf_append.ADDR;
    }

    /**
     * {@snippet lang=c :
     * char *mpdp_pktmbuf_append(struct rte_mbuf *m, uint16_t len)
     * }
     */
    public static MemorySegment mpdp_pktmbuf_append(MemorySegment m, short len) {
        var mh$ = mpdp_pktmbuf_append.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("mpdp_pktmbuf_append", m, len);
            }
            return (MemorySegment) mh$.invokeExact(m, len);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class mpdp_errno {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(shim_h.C_INT);

        public static final MemorySegment ADDR = shim_h.findOrThrow("mpdp_errno");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * int mpdp_errno(void)
     * }
     */
    public static FunctionDescriptor mpdp_errno$descriptor() {
        return mpdp_errno.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * int mpdp_errno(void)
     * }
     */
    public static MethodHandle mpdp_errno$handle() {
        return mpdp_errno.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * int mpdp_errno(void)
     * }
     */
    public static MemorySegment mpdp_errno$address() {
        return mpdp_errno.ADDR;
    }

    /**
     * {@snippet lang=c :
     * int mpdp_errno(void)
     * }
     */
    public static int mpdp_errno() {
        var mh$ = mpdp_errno.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("mpdp_errno");
            }
            return (int) mh$.invokeExact();
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class mpdp_lcore_id {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(shim_h.C_INT);

        public static final MemorySegment ADDR = shim_h.findOrThrow("mpdp_lcore_id");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * unsigned int mpdp_lcore_id(void)
     * }
     */
    public static FunctionDescriptor mpdp_lcore_id$descriptor() {
        return mpdp_lcore_id.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * unsigned int mpdp_lcore_id(void)
     * }
     */
    public static MethodHandle mpdp_lcore_id$handle() {
        return mpdp_lcore_id.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * unsigned int mpdp_lcore_id(void)
     * }
     */
    public static MemorySegment mpdp_lcore_id$address() {
        return mpdp_lcore_id.ADDR;
    }

    /**
     * {@snippet lang=c :
     * unsigned int mpdp_lcore_id(void)
     * }
     */
    public static int mpdp_lcore_id() {
        var mh$ = mpdp_lcore_id.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("mpdp_lcore_id");
            }
            return (int) mh$.invokeExact();
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class mpdp_rdtsc {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(shim_h.C_LONG_LONG);

        public static final MemorySegment ADDR = shim_h.findOrThrow("mpdp_rdtsc");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * uint64_t mpdp_rdtsc(void)
     * }
     */
    public static FunctionDescriptor mpdp_rdtsc$descriptor() {
        return mpdp_rdtsc.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * uint64_t mpdp_rdtsc(void)
     * }
     */
    public static MethodHandle mpdp_rdtsc$handle() {
        return mpdp_rdtsc.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * uint64_t mpdp_rdtsc(void)
     * }
     */
    public static MemorySegment mpdp_rdtsc$address() {
        return mpdp_rdtsc.ADDR;
    }

    /**
     * {@snippet lang=c :
     * uint64_t mpdp_rdtsc(void)
     * }
     */
    public static long mpdp_rdtsc() {
        var mh$ = mpdp_rdtsc.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("mpdp_rdtsc");
            }
            return (long) mh$.invokeExact();
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class mpdp_tsc_hz {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(shim_h.C_LONG_LONG);

        public static final MemorySegment ADDR = shim_h.findOrThrow("mpdp_tsc_hz");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * uint64_t mpdp_tsc_hz(void)
     * }
     */
    public static FunctionDescriptor mpdp_tsc_hz$descriptor() {
        return mpdp_tsc_hz.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * uint64_t mpdp_tsc_hz(void)
     * }
     */
    public static MethodHandle mpdp_tsc_hz$handle() {
        return mpdp_tsc_hz.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * uint64_t mpdp_tsc_hz(void)
     * }
     */
    public static MemorySegment mpdp_tsc_hz$address() {
        return mpdp_tsc_hz.ADDR;
    }

    /**
     * {@snippet lang=c :
     * uint64_t mpdp_tsc_hz(void)
     * }
     */
    public static long mpdp_tsc_hz() {
        var mh$ = mpdp_tsc_hz.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("mpdp_tsc_hz");
            }
            return (long) mh$.invokeExact();
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class mpdp_noop {
        public static final FunctionDescriptor DESC = FunctionDescriptor.ofVoid();

        public static final MemorySegment ADDR = shim_h.findOrThrow("mpdp_noop");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * void mpdp_noop(void)
     * }
     */
    public static FunctionDescriptor mpdp_noop$descriptor() {
        return mpdp_noop.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * void mpdp_noop(void)
     * }
     */
    public static MethodHandle mpdp_noop$handle() {
        return mpdp_noop.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * void mpdp_noop(void)
     * }
     */
    public static MemorySegment mpdp_noop$address() {
        return mpdp_noop.ADDR;
    }

    /**
     * {@snippet lang=c :
     * void mpdp_noop(void)
     * }
     */
    public static void mpdp_noop() {
        var mh$ = mpdp_noop.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("mpdp_noop");
            }
            mh$.invokeExact();
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class mpdp_pmd_dir {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(shim_h.C_POINTER);

        public static final MemorySegment ADDR = shim_h.findOrThrow("mpdp_pmd_dir");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * {@snippet lang=c :
     * const char *mpdp_pmd_dir(void)
     * }
     */
    public static MemorySegment mpdp_pmd_dir() {
        var mh$ = mpdp_pmd_dir.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("mpdp_pmd_dir");
            }
            return (MemorySegment) mh$.invokeExact();
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class mpdp_dpdk_release {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(shim_h.C_INT);

        public static final MemorySegment ADDR = shim_h.findOrThrow("mpdp_dpdk_release");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * {@snippet lang=c :
     * int mpdp_dpdk_release(void)
     * }
     */
    public static int mpdp_dpdk_release() {
        var mh$ = mpdp_dpdk_release.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("mpdp_dpdk_release");
            }
            return (int) mh$.invokeExact();
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class mpdp_sha_ni {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(shim_h.C_INT);

        public static final MemorySegment ADDR = shim_h.findOrThrow("mpdp_sha_ni");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * int mpdp_sha_ni(void)
     * }
     */
    public static FunctionDescriptor mpdp_sha_ni$descriptor() {
        return mpdp_sha_ni.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * int mpdp_sha_ni(void)
     * }
     */
    public static MethodHandle mpdp_sha_ni$handle() {
        return mpdp_sha_ni.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * int mpdp_sha_ni(void)
     * }
     */
    public static MemorySegment mpdp_sha_ni$address() {
        return mpdp_sha_ni.ADDR;
    }

    /**
     * {@snippet lang=c :
     * int mpdp_sha_ni(void)
     * }
     */
    public static int mpdp_sha_ni() {
        var mh$ = mpdp_sha_ni.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("mpdp_sha_ni");
            }
            return (int) mh$.invokeExact();
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class mpdp_hmac_sha256_u64 {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(shim_h.C_INT, shim_h.C_POINTER, shim_h.C_INT, shim_h.C_LONG_LONG, shim_h.C_POINTER, shim_h.C_INT);

        public static final MemorySegment ADDR = shim_h.findOrThrow("mpdp_hmac_sha256_u64");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * int mpdp_hmac_sha256_u64(const uint32_t *midstates, uint32_t offset, uint64_t message, uint32_t *out, uint32_t out_offset)
     * }
     */
    public static FunctionDescriptor mpdp_hmac_sha256_u64$descriptor() {
        return mpdp_hmac_sha256_u64.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * int mpdp_hmac_sha256_u64(const uint32_t *midstates, uint32_t offset, uint64_t message, uint32_t *out, uint32_t out_offset)
     * }
     */
    public static MethodHandle mpdp_hmac_sha256_u64$handle() {
        return mpdp_hmac_sha256_u64.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * int mpdp_hmac_sha256_u64(const uint32_t *midstates, uint32_t offset, uint64_t message, uint32_t *out, uint32_t out_offset)
     * }
     */
    public static MemorySegment mpdp_hmac_sha256_u64$address() {
        return mpdp_hmac_sha256_u64.ADDR;
    }

    /**
     * {@snippet lang=c :
     * int mpdp_hmac_sha256_u64(const uint32_t *midstates, uint32_t offset, uint64_t message, uint32_t *out, uint32_t out_offset)
     * }
     */
    public static int mpdp_hmac_sha256_u64(MemorySegment midstates, int offset, long message, MemorySegment out, int out_offset) {
        var mh$ = mpdp_hmac_sha256_u64.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("mpdp_hmac_sha256_u64", midstates, offset, message, out, out_offset);
            }
            return (int) mh$.invokeExact(midstates, offset, message, out, out_offset);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class mpdp_hmac_sha256 {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(shim_h.C_INT, shim_h.C_POINTER, shim_h.C_INT, shim_h.C_POINTER, shim_h.C_INT, shim_h.C_POINTER, shim_h.C_INT);

        public static final MemorySegment ADDR = shim_h.findOrThrow("mpdp_hmac_sha256");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * int mpdp_hmac_sha256(const uint32_t *midstates, uint32_t offset, const uint8_t *message, uint32_t length, uint32_t *out, uint32_t out_offset)
     * }
     */
    public static FunctionDescriptor mpdp_hmac_sha256$descriptor() {
        return mpdp_hmac_sha256.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * int mpdp_hmac_sha256(const uint32_t *midstates, uint32_t offset, const uint8_t *message, uint32_t length, uint32_t *out, uint32_t out_offset)
     * }
     */
    public static MethodHandle mpdp_hmac_sha256$handle() {
        return mpdp_hmac_sha256.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * int mpdp_hmac_sha256(const uint32_t *midstates, uint32_t offset, const uint8_t *message, uint32_t length, uint32_t *out, uint32_t out_offset)
     * }
     */
    public static MemorySegment mpdp_hmac_sha256$address() {
        return mpdp_hmac_sha256.ADDR;
    }

    /**
     * {@snippet lang=c :
     * int mpdp_hmac_sha256(const uint32_t *midstates, uint32_t offset, const uint8_t *message, uint32_t length, uint32_t *out, uint32_t out_offset)
     * }
     */
    public static int mpdp_hmac_sha256(MemorySegment midstates, int offset, MemorySegment message, int length, MemorySegment out, int out_offset) {
        var mh$ = mpdp_hmac_sha256.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("mpdp_hmac_sha256", midstates, offset, message, length, out, out_offset);
            }
            return (int) mh$.invokeExact(midstates, offset, message, length, out, out_offset);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class mpdp_hmac_sha256_u64_batch {
        public static final FunctionDescriptor DESC = FunctionDescriptor.ofVoid(shim_h.C_POINTER, shim_h.C_POINTER, shim_h.C_POINTER, shim_h.C_INT, shim_h.C_POINTER);

        public static final MemorySegment ADDR = shim_h.findOrThrow("mpdp_hmac_sha256_u64_batch");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * void mpdp_hmac_sha256_u64_batch(const uint32_t *midstates, const int32_t *offsets, const uint64_t *messages, uint32_t count, uint32_t *out)
     * }
     */
    public static FunctionDescriptor mpdp_hmac_sha256_u64_batch$descriptor() {
        return mpdp_hmac_sha256_u64_batch.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * void mpdp_hmac_sha256_u64_batch(const uint32_t *midstates, const int32_t *offsets, const uint64_t *messages, uint32_t count, uint32_t *out)
     * }
     */
    public static MethodHandle mpdp_hmac_sha256_u64_batch$handle() {
        return mpdp_hmac_sha256_u64_batch.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * void mpdp_hmac_sha256_u64_batch(const uint32_t *midstates, const int32_t *offsets, const uint64_t *messages, uint32_t count, uint32_t *out)
     * }
     */
    public static MemorySegment mpdp_hmac_sha256_u64_batch$address() {
        return mpdp_hmac_sha256_u64_batch.ADDR;
    }

    /**
     * {@snippet lang=c :
     * void mpdp_hmac_sha256_u64_batch(const uint32_t *midstates, const int32_t *offsets, const uint64_t *messages, uint32_t count, uint32_t *out)
     * }
     */
    public static void mpdp_hmac_sha256_u64_batch(MemorySegment midstates, MemorySegment offsets, MemorySegment messages, int count, MemorySegment out) {
        var mh$ = mpdp_hmac_sha256_u64_batch.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("mpdp_hmac_sha256_u64_batch", midstates, offsets, messages, count, out);
            }
            mh$.invokeExact(midstates, offsets, messages, count, out);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class mpdp_sha256_midstates {
        public static final FunctionDescriptor DESC = FunctionDescriptor.ofVoid(shim_h.C_LONG_LONG, shim_h.C_LONG_LONG, shim_h.C_POINTER, shim_h.C_INT);

        public static final MemorySegment ADDR = shim_h.findOrThrow("mpdp_sha256_midstates");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * void mpdp_sha256_midstates(uint64_t key1, uint64_t key2, uint32_t *midstates, uint32_t offset)
     * }
     */
    public static FunctionDescriptor mpdp_sha256_midstates$descriptor() {
        return mpdp_sha256_midstates.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * void mpdp_sha256_midstates(uint64_t key1, uint64_t key2, uint32_t *midstates, uint32_t offset)
     * }
     */
    public static MethodHandle mpdp_sha256_midstates$handle() {
        return mpdp_sha256_midstates.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * void mpdp_sha256_midstates(uint64_t key1, uint64_t key2, uint32_t *midstates, uint32_t offset)
     * }
     */
    public static MemorySegment mpdp_sha256_midstates$address() {
        return mpdp_sha256_midstates.ADDR;
    }

    /**
     * {@snippet lang=c :
     * void mpdp_sha256_midstates(uint64_t key1, uint64_t key2, uint32_t *midstates, uint32_t offset)
     * }
     */
    public static void mpdp_sha256_midstates(long key1, long key2, MemorySegment midstates, int offset) {
        var mh$ = mpdp_sha256_midstates.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("mpdp_sha256_midstates", key1, key2, midstates, offset);
            }
            mh$.invokeExact(key1, key2, midstates, offset);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class mpdp_sha256_u64 {
        public static final FunctionDescriptor DESC = FunctionDescriptor.ofVoid(shim_h.C_LONG_LONG, shim_h.C_POINTER, shim_h.C_INT);

        public static final MemorySegment ADDR = shim_h.findOrThrow("mpdp_sha256_u64");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * void mpdp_sha256_u64(uint64_t message, uint32_t *out, uint32_t out_offset)
     * }
     */
    public static FunctionDescriptor mpdp_sha256_u64$descriptor() {
        return mpdp_sha256_u64.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * void mpdp_sha256_u64(uint64_t message, uint32_t *out, uint32_t out_offset)
     * }
     */
    public static MethodHandle mpdp_sha256_u64$handle() {
        return mpdp_sha256_u64.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * void mpdp_sha256_u64(uint64_t message, uint32_t *out, uint32_t out_offset)
     * }
     */
    public static MemorySegment mpdp_sha256_u64$address() {
        return mpdp_sha256_u64.ADDR;
    }

    /**
     * {@snippet lang=c :
     * void mpdp_sha256_u64(uint64_t message, uint32_t *out, uint32_t out_offset)
     * }
     */
    public static void mpdp_sha256_u64(long message, MemorySegment out, int out_offset) {
        var mh$ = mpdp_sha256_u64.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("mpdp_sha256_u64", message, out, out_offset);
            }
            mh$.invokeExact(message, out, out_offset);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }
}
