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
 * Bindings for the DPDK 22.11 functions and constants mpdp uses (headers listed in native-bindings/includes.txt).
 */
@SuppressWarnings({"unused", "rawtypes"})
public class dpdk_h {

    dpdk_h() {
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

    static MethodHandle upcallHandle(Class<?> fi, String name, FunctionDescriptor fdesc) {
        try {
            return MethodHandles.lookup().findVirtual(fi, name, fdesc.toMethodType());
        } catch (ReflectiveOperationException ex) {
           throw new AssertionError(ex);
        }
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

    private static final int RTE_PKTMBUF_HEADROOM = 128;
    /**
     * {@snippet lang=c :
     * #define RTE_PKTMBUF_HEADROOM 128
     * }
     */
    public static int RTE_PKTMBUF_HEADROOM() {
        return RTE_PKTMBUF_HEADROOM;
    }

    private static final int RTE_MBUF_DEFAULT_BUF_SIZE = 2176;
    /**
     * {@snippet lang=c :
     * #define RTE_MBUF_DEFAULT_BUF_SIZE (RTE_MBUF_DEFAULT_DATAROOM + RTE_PKTMBUF_HEADROOM)
     * }
     */
    public static int RTE_MBUF_DEFAULT_BUF_SIZE() {
        return RTE_MBUF_DEFAULT_BUF_SIZE;
    }

    private static final int RTE_MAX_ETHPORTS = 32;
    /**
     * {@snippet lang=c :
     * #define RTE_MAX_ETHPORTS 32
     * }
     */
    public static int RTE_MAX_ETHPORTS() {
        return RTE_MAX_ETHPORTS;
    }

    private static final int RTE_MAX_LCORE = 128;
    /**
     * {@snippet lang=c :
     * #define RTE_MAX_LCORE 128
     * }
     */
    public static int RTE_MAX_LCORE() {
        return RTE_MAX_LCORE;
    }

    private static final int RTE_ETHDEV_QUEUE_STAT_CNTRS = 16;
    /**
     * {@snippet lang=c :
     * #define RTE_ETHDEV_QUEUE_STAT_CNTRS 16
     * }
     */
    public static int RTE_ETHDEV_QUEUE_STAT_CNTRS() {
        return RTE_ETHDEV_QUEUE_STAT_CNTRS;
    }

    private static final int RTE_ETH_XSTATS_NAME_SIZE = 64;
    /**
     * {@snippet lang=c :
     * #define RTE_ETH_XSTATS_NAME_SIZE 64
     * }
     */
    public static int RTE_ETH_XSTATS_NAME_SIZE() {
        return RTE_ETH_XSTATS_NAME_SIZE;
    }

    private static final int RTE_ETH_NAME_MAX_LEN = 64;
    /**
     * {@snippet lang=c :
     * #define RTE_ETH_NAME_MAX_LEN RTE_DEV_NAME_MAX_LEN
     * }
     */
    public static int RTE_ETH_NAME_MAX_LEN() {
        return RTE_ETH_NAME_MAX_LEN;
    }

    private static final int RTE_MEMPOOL_CACHE_MAX_SIZE = 512;
    /**
     * {@snippet lang=c :
     * #define RTE_MEMPOOL_CACHE_MAX_SIZE 512
     * }
     */
    public static int RTE_MEMPOOL_CACHE_MAX_SIZE() {
        return RTE_MEMPOOL_CACHE_MAX_SIZE;
    }

    private static final int SOCKET_ID_ANY = -1;
    /**
     * {@snippet lang=c :
     * #define SOCKET_ID_ANY -1
     * }
     */
    public static int SOCKET_ID_ANY() {
        return SOCKET_ID_ANY;
    }

    private static final int LCORE_ID_ANY = -1;
    /**
     * {@snippet lang=c :
     * #define LCORE_ID_ANY UINT32_MAX
     * }
     */
    public static int LCORE_ID_ANY() {
        return LCORE_ID_ANY;
    }

    private static final int RTE_ETH_MQ_RX_NONE = 0;
    /**
     * {@snippet lang=c :
     * enum rte_eth_rx_mq_mode.RTE_ETH_MQ_RX_NONE = 0
     * }
     */
    public static int RTE_ETH_MQ_RX_NONE() {
        return RTE_ETH_MQ_RX_NONE;
    }

    private static final int RTE_ETH_MQ_RX_RSS = 1;
    /**
     * {@snippet lang=c :
     * enum rte_eth_rx_mq_mode.RTE_ETH_MQ_RX_RSS = 1
     * }
     */
    public static int RTE_ETH_MQ_RX_RSS() {
        return RTE_ETH_MQ_RX_RSS;
    }

    private static final int RTE_ETH_MQ_TX_NONE = 0;
    /**
     * {@snippet lang=c :
     * enum rte_eth_tx_mq_mode.RTE_ETH_MQ_TX_NONE = 0
     * }
     */
    public static int RTE_ETH_MQ_TX_NONE() {
        return RTE_ETH_MQ_TX_NONE;
    }

    private static final long RTE_ETH_RSS_IP = 41868L;
    /**
     * {@snippet lang=c :
     * #define RTE_ETH_RSS_IP (RTE_ETH_RSS_IPV4 | RTE_ETH_RSS_FRAG_IPV4 | ...)
     * }
     */
    public static long RTE_ETH_RSS_IP() {
        return RTE_ETH_RSS_IP;
    }

    private static final long RTE_ETH_RSS_TCP = 66576L;
    /**
     * {@snippet lang=c :
     * #define RTE_ETH_RSS_TCP (RTE_ETH_RSS_NONFRAG_IPV4_TCP | RTE_ETH_RSS_NONFRAG_IPV6_TCP | RTE_ETH_RSS_IPV6_TCP_EX)
     * }
     */
    public static long RTE_ETH_RSS_TCP() {
        return RTE_ETH_RSS_TCP;
    }

    private static final long RTE_ETH_RSS_UDP = 133152L;
    /**
     * {@snippet lang=c :
     * #define RTE_ETH_RSS_UDP (RTE_ETH_RSS_NONFRAG_IPV4_UDP | RTE_ETH_RSS_NONFRAG_IPV6_UDP | RTE_ETH_RSS_IPV6_UDP_EX)
     * }
     */
    public static long RTE_ETH_RSS_UDP() {
        return RTE_ETH_RSS_UDP;
    }

    private static final int RTE_ETH_LINK_UP = 1;
    /**
     * {@snippet lang=c :
     * #define RTE_ETH_LINK_UP 1
     * }
     */
    public static int RTE_ETH_LINK_UP() {
        return RTE_ETH_LINK_UP;
    }

    private static final int RTE_ETH_LINK_DOWN = 0;
    /**
     * {@snippet lang=c :
     * #define RTE_ETH_LINK_DOWN 0
     * }
     */
    public static int RTE_ETH_LINK_DOWN() {
        return RTE_ETH_LINK_DOWN;
    }

    private static final int RTE_ETH_LINK_FULL_DUPLEX = 1;
    /**
     * {@snippet lang=c :
     * #define RTE_ETH_LINK_FULL_DUPLEX 1
     * }
     */
    public static int RTE_ETH_LINK_FULL_DUPLEX() {
        return RTE_ETH_LINK_FULL_DUPLEX;
    }

    private static final int RTE_ETH_SPEED_NUM_NONE = 0;
    /**
     * {@snippet lang=c :
     * #define RTE_ETH_SPEED_NUM_NONE 0
     * }
     */
    public static int RTE_ETH_SPEED_NUM_NONE() {
        return RTE_ETH_SPEED_NUM_NONE;
    }

    private static final int RING_F_SP_ENQ = 1;
    /**
     * {@snippet lang=c :
     * #define RING_F_SP_ENQ 0x0001
     * }
     */
    public static int RING_F_SP_ENQ() {
        return RING_F_SP_ENQ;
    }

    private static final int RING_F_SC_DEQ = 2;
    /**
     * {@snippet lang=c :
     * #define RING_F_SC_DEQ 0x0002
     * }
     */
    public static int RING_F_SC_DEQ() {
        return RING_F_SC_DEQ;
    }

    private static final int RTE_PROC_PRIMARY = 0;
    /**
     * {@snippet lang=c :
     * enum rte_proc_type_t.RTE_PROC_PRIMARY = 0
     * }
     */
    public static int RTE_PROC_PRIMARY() {
        return RTE_PROC_PRIMARY;
    }

    private static final int RTE_MAX_NUMA_NODES = 32;
    /**
     * {@snippet lang=c :
     * #define RTE_MAX_NUMA_NODES 32
     * }
     */
    public static int RTE_MAX_NUMA_NODES() {
        return RTE_MAX_NUMA_NODES;
    }

    private static final int E_RTE_SECONDARY = 1001;
    /**
     * {@snippet lang=c :
     * enum { E_RTE_SECONDARY = __ELASTERROR + 1 }
     * }
     */
    public static int E_RTE_SECONDARY() {
        return E_RTE_SECONDARY;
    }

    private static final int E_RTE_NO_CONFIG = 1002;
    /**
     * {@snippet lang=c :
     * enum { E_RTE_NO_CONFIG = __ELASTERROR + 2 }
     * }
     */
    public static int E_RTE_NO_CONFIG() {
        return E_RTE_NO_CONFIG;
    }

    private static final int RTE_TEL_MAX_STRING_LEN = 128;
    /**
     * {@snippet lang=c :
     * #define RTE_TEL_MAX_STRING_LEN 128
     * }
     */
    public static int RTE_TEL_MAX_STRING_LEN() {
        return RTE_TEL_MAX_STRING_LEN;
    }

    private static final int RTE_TEL_MAX_SINGLE_STRING_LEN = 8192;
    /**
     * {@snippet lang=c :
     * #define RTE_TEL_MAX_SINGLE_STRING_LEN 8192
     * }
     */
    public static int RTE_TEL_MAX_SINGLE_STRING_LEN() {
        return RTE_TEL_MAX_SINGLE_STRING_LEN;
    }

    private static final int RTE_TEL_MAX_DICT_ENTRIES = 256;
    /**
     * {@snippet lang=c :
     * #define RTE_TEL_MAX_DICT_ENTRIES 256
     * }
     */
    public static int RTE_TEL_MAX_DICT_ENTRIES() {
        return RTE_TEL_MAX_DICT_ENTRIES;
    }

    private static final int RTE_TEL_MAX_ARRAY_ENTRIES = 512;
    /**
     * {@snippet lang=c :
     * #define RTE_TEL_MAX_ARRAY_ENTRIES 512
     * }
     */
    public static int RTE_TEL_MAX_ARRAY_ENTRIES() {
        return RTE_TEL_MAX_ARRAY_ENTRIES;
    }

    private static final int RTE_TEL_STRING_VAL = 0;
    /**
     * {@snippet lang=c :
     * enum rte_tel_value_type.RTE_TEL_STRING_VAL = 0
     * }
     */
    public static int RTE_TEL_STRING_VAL() {
        return RTE_TEL_STRING_VAL;
    }

    private static final int RTE_TEL_INT_VAL = 1;
    /**
     * {@snippet lang=c :
     * enum rte_tel_value_type.RTE_TEL_INT_VAL = 1
     * }
     */
    public static int RTE_TEL_INT_VAL() {
        return RTE_TEL_INT_VAL;
    }

    private static final int RTE_TEL_U64_VAL = 2;
    /**
     * {@snippet lang=c :
     * enum rte_tel_value_type.RTE_TEL_U64_VAL = 2
     * }
     */
    public static int RTE_TEL_U64_VAL() {
        return RTE_TEL_U64_VAL;
    }

    private static final int RTE_TEL_CONTAINER = 3;
    /**
     * {@snippet lang=c :
     * enum rte_tel_value_type.RTE_TEL_CONTAINER = 3
     * }
     */
    public static int RTE_TEL_CONTAINER() {
        return RTE_TEL_CONTAINER;
    }

    private static class rte_eal_init {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(dpdk_h.C_INT, dpdk_h.C_INT, dpdk_h.C_POINTER);

        public static final MemorySegment ADDR = dpdk_h.findOrThrow("rte_eal_init");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * int rte_eal_init(int argc, char **argv)
     * }
     */
    public static FunctionDescriptor rte_eal_init$descriptor() {
        return rte_eal_init.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * int rte_eal_init(int argc, char **argv)
     * }
     */
    public static MethodHandle rte_eal_init$handle() {
        return rte_eal_init.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * int rte_eal_init(int argc, char **argv)
     * }
     */
    public static MemorySegment rte_eal_init$address() {
        return rte_eal_init.ADDR;
    }

    /**
     * {@snippet lang=c :
     * int rte_eal_init(int argc, char **argv)
     * }
     */
    public static int rte_eal_init(int argc, MemorySegment argv) {
        var mh$ = rte_eal_init.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("rte_eal_init", argc, argv);
            }
            return (int) mh$.invokeExact(argc, argv);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class rte_eal_cleanup {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(dpdk_h.C_INT);

        public static final MemorySegment ADDR = dpdk_h.findOrThrow("rte_eal_cleanup");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * int rte_eal_cleanup(void)
     * }
     */
    public static FunctionDescriptor rte_eal_cleanup$descriptor() {
        return rte_eal_cleanup.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * int rte_eal_cleanup(void)
     * }
     */
    public static MethodHandle rte_eal_cleanup$handle() {
        return rte_eal_cleanup.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * int rte_eal_cleanup(void)
     * }
     */
    public static MemorySegment rte_eal_cleanup$address() {
        return rte_eal_cleanup.ADDR;
    }

    /**
     * {@snippet lang=c :
     * int rte_eal_cleanup(void)
     * }
     */
    public static int rte_eal_cleanup() {
        var mh$ = rte_eal_cleanup.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("rte_eal_cleanup");
            }
            return (int) mh$.invokeExact();
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class rte_strerror {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(dpdk_h.C_POINTER, dpdk_h.C_INT);

        public static final MemorySegment ADDR = dpdk_h.findOrThrow("rte_strerror");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * const char *rte_strerror(int errnum)
     * }
     */
    public static FunctionDescriptor rte_strerror$descriptor() {
        return rte_strerror.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * const char *rte_strerror(int errnum)
     * }
     */
    public static MethodHandle rte_strerror$handle() {
        return rte_strerror.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * const char *rte_strerror(int errnum)
     * }
     */
    public static MemorySegment rte_strerror$address() {
        return rte_strerror.ADDR;
    }

    /**
     * {@snippet lang=c :
     * const char *rte_strerror(int errnum)
     * }
     */
    public static MemorySegment rte_strerror(int errnum) {
        var mh$ = rte_strerror.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("rte_strerror", errnum);
            }
            return (MemorySegment) mh$.invokeExact(errnum);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class rte_lcore_count {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(dpdk_h.C_INT);

        public static final MemorySegment ADDR = dpdk_h.findOrThrow("rte_lcore_count");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * unsigned int rte_lcore_count(void)
     * }
     */
    public static FunctionDescriptor rte_lcore_count$descriptor() {
        return rte_lcore_count.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * unsigned int rte_lcore_count(void)
     * }
     */
    public static MethodHandle rte_lcore_count$handle() {
        return rte_lcore_count.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * unsigned int rte_lcore_count(void)
     * }
     */
    public static MemorySegment rte_lcore_count$address() {
        return rte_lcore_count.ADDR;
    }

    /**
     * {@snippet lang=c :
     * unsigned int rte_lcore_count(void)
     * }
     */
    public static int rte_lcore_count() {
        var mh$ = rte_lcore_count.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("rte_lcore_count");
            }
            return (int) mh$.invokeExact();
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class rte_socket_id {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(dpdk_h.C_INT);

        public static final MemorySegment ADDR = dpdk_h.findOrThrow("rte_socket_id");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * unsigned int rte_socket_id(void)
     * }
     */
    public static FunctionDescriptor rte_socket_id$descriptor() {
        return rte_socket_id.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * unsigned int rte_socket_id(void)
     * }
     */
    public static MethodHandle rte_socket_id$handle() {
        return rte_socket_id.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * unsigned int rte_socket_id(void)
     * }
     */
    public static MemorySegment rte_socket_id$address() {
        return rte_socket_id.ADDR;
    }

    /**
     * {@snippet lang=c :
     * unsigned int rte_socket_id(void)
     * }
     */
    public static int rte_socket_id() {
        var mh$ = rte_socket_id.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("rte_socket_id");
            }
            return (int) mh$.invokeExact();
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class rte_thread_register {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(dpdk_h.C_INT);

        public static final MemorySegment ADDR = dpdk_h.findOrThrow("rte_thread_register");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * int rte_thread_register(void)
     * }
     */
    public static FunctionDescriptor rte_thread_register$descriptor() {
        return rte_thread_register.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * int rte_thread_register(void)
     * }
     */
    public static MethodHandle rte_thread_register$handle() {
        return rte_thread_register.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * int rte_thread_register(void)
     * }
     */
    public static MemorySegment rte_thread_register$address() {
        return rte_thread_register.ADDR;
    }

    /**
     * {@snippet lang=c :
     * int rte_thread_register(void)
     * }
     */
    public static int rte_thread_register() {
        var mh$ = rte_thread_register.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("rte_thread_register");
            }
            return (int) mh$.invokeExact();
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class rte_thread_unregister {
        public static final FunctionDescriptor DESC = FunctionDescriptor.ofVoid();

        public static final MemorySegment ADDR = dpdk_h.findOrThrow("rte_thread_unregister");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * void rte_thread_unregister(void)
     * }
     */
    public static FunctionDescriptor rte_thread_unregister$descriptor() {
        return rte_thread_unregister.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * void rte_thread_unregister(void)
     * }
     */
    public static MethodHandle rte_thread_unregister$handle() {
        return rte_thread_unregister.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * void rte_thread_unregister(void)
     * }
     */
    public static MemorySegment rte_thread_unregister$address() {
        return rte_thread_unregister.ADDR;
    }

    /**
     * {@snippet lang=c :
     * void rte_thread_unregister(void)
     * }
     */
    public static void rte_thread_unregister() {
        var mh$ = rte_thread_unregister.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("rte_thread_unregister");
            }
            mh$.invokeExact();
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class rte_dev_probe {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(dpdk_h.C_INT, dpdk_h.C_POINTER);

        public static final MemorySegment ADDR = dpdk_h.findOrThrow("rte_dev_probe");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * int rte_dev_probe(const char *devargs)
     * }
     */
    public static FunctionDescriptor rte_dev_probe$descriptor() {
        return rte_dev_probe.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * int rte_dev_probe(const char *devargs)
     * }
     */
    public static MethodHandle rte_dev_probe$handle() {
        return rte_dev_probe.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * int rte_dev_probe(const char *devargs)
     * }
     */
    public static MemorySegment rte_dev_probe$address() {
        return rte_dev_probe.ADDR;
    }

    /**
     * {@snippet lang=c :
     * int rte_dev_probe(const char *devargs)
     * }
     */
    public static int rte_dev_probe(MemorySegment devargs) {
        var mh$ = rte_dev_probe.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("rte_dev_probe", devargs);
            }
            return (int) mh$.invokeExact(devargs);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class rte_eth_dev_count_avail {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(dpdk_h.C_SHORT);

        public static final MemorySegment ADDR = dpdk_h.findOrThrow("rte_eth_dev_count_avail");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * uint16_t rte_eth_dev_count_avail(void)
     * }
     */
    public static FunctionDescriptor rte_eth_dev_count_avail$descriptor() {
        return rte_eth_dev_count_avail.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * uint16_t rte_eth_dev_count_avail(void)
     * }
     */
    public static MethodHandle rte_eth_dev_count_avail$handle() {
        return rte_eth_dev_count_avail.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * uint16_t rte_eth_dev_count_avail(void)
     * }
     */
    public static MemorySegment rte_eth_dev_count_avail$address() {
        return rte_eth_dev_count_avail.ADDR;
    }

    /**
     * {@snippet lang=c :
     * uint16_t rte_eth_dev_count_avail(void)
     * }
     */
    public static short rte_eth_dev_count_avail() {
        var mh$ = rte_eth_dev_count_avail.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("rte_eth_dev_count_avail");
            }
            return (short) mh$.invokeExact();
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class rte_eth_dev_is_valid_port {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(dpdk_h.C_INT, dpdk_h.C_SHORT);

        public static final MemorySegment ADDR = dpdk_h.findOrThrow("rte_eth_dev_is_valid_port");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * int rte_eth_dev_is_valid_port(uint16_t port_id)
     * }
     */
    public static FunctionDescriptor rte_eth_dev_is_valid_port$descriptor() {
        return rte_eth_dev_is_valid_port.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * int rte_eth_dev_is_valid_port(uint16_t port_id)
     * }
     */
    public static MethodHandle rte_eth_dev_is_valid_port$handle() {
        return rte_eth_dev_is_valid_port.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * int rte_eth_dev_is_valid_port(uint16_t port_id)
     * }
     */
    public static MemorySegment rte_eth_dev_is_valid_port$address() {
        return rte_eth_dev_is_valid_port.ADDR;
    }

    /**
     * {@snippet lang=c :
     * int rte_eth_dev_is_valid_port(uint16_t port_id)
     * }
     */
    public static int rte_eth_dev_is_valid_port(short port_id) {
        var mh$ = rte_eth_dev_is_valid_port.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("rte_eth_dev_is_valid_port", port_id);
            }
            return (int) mh$.invokeExact(port_id);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class rte_eth_dev_get_port_by_name {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(dpdk_h.C_INT, dpdk_h.C_POINTER, dpdk_h.C_POINTER);

        public static final MemorySegment ADDR = dpdk_h.findOrThrow("rte_eth_dev_get_port_by_name");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * int rte_eth_dev_get_port_by_name(const char *name, uint16_t *port_id)
     * }
     */
    public static FunctionDescriptor rte_eth_dev_get_port_by_name$descriptor() {
        return rte_eth_dev_get_port_by_name.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * int rte_eth_dev_get_port_by_name(const char *name, uint16_t *port_id)
     * }
     */
    public static MethodHandle rte_eth_dev_get_port_by_name$handle() {
        return rte_eth_dev_get_port_by_name.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * int rte_eth_dev_get_port_by_name(const char *name, uint16_t *port_id)
     * }
     */
    public static MemorySegment rte_eth_dev_get_port_by_name$address() {
        return rte_eth_dev_get_port_by_name.ADDR;
    }

    /**
     * {@snippet lang=c :
     * int rte_eth_dev_get_port_by_name(const char *name, uint16_t *port_id)
     * }
     */
    public static int rte_eth_dev_get_port_by_name(MemorySegment name, MemorySegment port_id) {
        var mh$ = rte_eth_dev_get_port_by_name.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("rte_eth_dev_get_port_by_name", name, port_id);
            }
            return (int) mh$.invokeExact(name, port_id);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class rte_eth_dev_get_name_by_port {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(dpdk_h.C_INT, dpdk_h.C_SHORT, dpdk_h.C_POINTER);

        public static final MemorySegment ADDR = dpdk_h.findOrThrow("rte_eth_dev_get_name_by_port");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * int rte_eth_dev_get_name_by_port(uint16_t port_id, char *name)
     * }
     */
    public static FunctionDescriptor rte_eth_dev_get_name_by_port$descriptor() {
        return rte_eth_dev_get_name_by_port.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * int rte_eth_dev_get_name_by_port(uint16_t port_id, char *name)
     * }
     */
    public static MethodHandle rte_eth_dev_get_name_by_port$handle() {
        return rte_eth_dev_get_name_by_port.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * int rte_eth_dev_get_name_by_port(uint16_t port_id, char *name)
     * }
     */
    public static MemorySegment rte_eth_dev_get_name_by_port$address() {
        return rte_eth_dev_get_name_by_port.ADDR;
    }

    /**
     * {@snippet lang=c :
     * int rte_eth_dev_get_name_by_port(uint16_t port_id, char *name)
     * }
     */
    public static int rte_eth_dev_get_name_by_port(short port_id, MemorySegment name) {
        var mh$ = rte_eth_dev_get_name_by_port.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("rte_eth_dev_get_name_by_port", port_id, name);
            }
            return (int) mh$.invokeExact(port_id, name);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class rte_eth_dev_info_get {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(dpdk_h.C_INT, dpdk_h.C_SHORT, dpdk_h.C_POINTER);

        public static final MemorySegment ADDR = dpdk_h.findOrThrow("rte_eth_dev_info_get");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * int rte_eth_dev_info_get(uint16_t port_id, struct rte_eth_dev_info *dev_info)
     * }
     */
    public static FunctionDescriptor rte_eth_dev_info_get$descriptor() {
        return rte_eth_dev_info_get.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * int rte_eth_dev_info_get(uint16_t port_id, struct rte_eth_dev_info *dev_info)
     * }
     */
    public static MethodHandle rte_eth_dev_info_get$handle() {
        return rte_eth_dev_info_get.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * int rte_eth_dev_info_get(uint16_t port_id, struct rte_eth_dev_info *dev_info)
     * }
     */
    public static MemorySegment rte_eth_dev_info_get$address() {
        return rte_eth_dev_info_get.ADDR;
    }

    /**
     * {@snippet lang=c :
     * int rte_eth_dev_info_get(uint16_t port_id, struct rte_eth_dev_info *dev_info)
     * }
     */
    public static int rte_eth_dev_info_get(short port_id, MemorySegment dev_info) {
        var mh$ = rte_eth_dev_info_get.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("rte_eth_dev_info_get", port_id, dev_info);
            }
            return (int) mh$.invokeExact(port_id, dev_info);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class rte_eth_dev_configure {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(dpdk_h.C_INT, dpdk_h.C_SHORT, dpdk_h.C_SHORT, dpdk_h.C_SHORT, dpdk_h.C_POINTER);

        public static final MemorySegment ADDR = dpdk_h.findOrThrow("rte_eth_dev_configure");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * int rte_eth_dev_configure(uint16_t port_id, uint16_t nb_rx_queue, uint16_t nb_tx_queue, const struct rte_eth_conf *eth_conf)
     * }
     */
    public static FunctionDescriptor rte_eth_dev_configure$descriptor() {
        return rte_eth_dev_configure.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * int rte_eth_dev_configure(uint16_t port_id, uint16_t nb_rx_queue, uint16_t nb_tx_queue, const struct rte_eth_conf *eth_conf)
     * }
     */
    public static MethodHandle rte_eth_dev_configure$handle() {
        return rte_eth_dev_configure.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * int rte_eth_dev_configure(uint16_t port_id, uint16_t nb_rx_queue, uint16_t nb_tx_queue, const struct rte_eth_conf *eth_conf)
     * }
     */
    public static MemorySegment rte_eth_dev_configure$address() {
        return rte_eth_dev_configure.ADDR;
    }

    /**
     * {@snippet lang=c :
     * int rte_eth_dev_configure(uint16_t port_id, uint16_t nb_rx_queue, uint16_t nb_tx_queue, const struct rte_eth_conf *eth_conf)
     * }
     */
    public static int rte_eth_dev_configure(short port_id, short nb_rx_queue, short nb_tx_queue, MemorySegment eth_conf) {
        var mh$ = rte_eth_dev_configure.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("rte_eth_dev_configure", port_id, nb_rx_queue, nb_tx_queue, eth_conf);
            }
            return (int) mh$.invokeExact(port_id, nb_rx_queue, nb_tx_queue, eth_conf);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class rte_eth_rx_queue_setup {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(dpdk_h.C_INT, dpdk_h.C_SHORT, dpdk_h.C_SHORT, dpdk_h.C_SHORT, dpdk_h.C_INT, dpdk_h.C_POINTER, dpdk_h.C_POINTER);

        public static final MemorySegment ADDR = dpdk_h.findOrThrow("rte_eth_rx_queue_setup");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * int rte_eth_rx_queue_setup(uint16_t port_id, uint16_t rx_queue_id, uint16_t nb_rx_desc, unsigned int socket_id, const struct rte_eth_rxconf *rx_conf, struct rte_mempool *mb_pool)
     * }
     */
    public static FunctionDescriptor rte_eth_rx_queue_setup$descriptor() {
        return rte_eth_rx_queue_setup.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * int rte_eth_rx_queue_setup(uint16_t port_id, uint16_t rx_queue_id, uint16_t nb_rx_desc, unsigned int socket_id, const struct rte_eth_rxconf *rx_conf, struct rte_mempool *mb_pool)
     * }
     */
    public static MethodHandle rte_eth_rx_queue_setup$handle() {
        return rte_eth_rx_queue_setup.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * int rte_eth_rx_queue_setup(uint16_t port_id, uint16_t rx_queue_id, uint16_t nb_rx_desc, unsigned int socket_id, const struct rte_eth_rxconf *rx_conf, struct rte_mempool *mb_pool)
     * }
     */
    public static MemorySegment rte_eth_rx_queue_setup$address() {
        return rte_eth_rx_queue_setup.ADDR;
    }

    /**
     * {@snippet lang=c :
     * int rte_eth_rx_queue_setup(uint16_t port_id, uint16_t rx_queue_id, uint16_t nb_rx_desc, unsigned int socket_id, const struct rte_eth_rxconf *rx_conf, struct rte_mempool *mb_pool)
     * }
     */
    public static int rte_eth_rx_queue_setup(short port_id, short rx_queue_id, short nb_rx_desc, int socket_id, MemorySegment rx_conf, MemorySegment mb_pool) {
        var mh$ = rte_eth_rx_queue_setup.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("rte_eth_rx_queue_setup", port_id, rx_queue_id, nb_rx_desc, socket_id, rx_conf, mb_pool);
            }
            return (int) mh$.invokeExact(port_id, rx_queue_id, nb_rx_desc, socket_id, rx_conf, mb_pool);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class rte_eth_tx_queue_setup {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(dpdk_h.C_INT, dpdk_h.C_SHORT, dpdk_h.C_SHORT, dpdk_h.C_SHORT, dpdk_h.C_INT, dpdk_h.C_POINTER);

        public static final MemorySegment ADDR = dpdk_h.findOrThrow("rte_eth_tx_queue_setup");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * int rte_eth_tx_queue_setup(uint16_t port_id, uint16_t tx_queue_id, uint16_t nb_tx_desc, unsigned int socket_id, const struct rte_eth_txconf *tx_conf)
     * }
     */
    public static FunctionDescriptor rte_eth_tx_queue_setup$descriptor() {
        return rte_eth_tx_queue_setup.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * int rte_eth_tx_queue_setup(uint16_t port_id, uint16_t tx_queue_id, uint16_t nb_tx_desc, unsigned int socket_id, const struct rte_eth_txconf *tx_conf)
     * }
     */
    public static MethodHandle rte_eth_tx_queue_setup$handle() {
        return rte_eth_tx_queue_setup.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * int rte_eth_tx_queue_setup(uint16_t port_id, uint16_t tx_queue_id, uint16_t nb_tx_desc, unsigned int socket_id, const struct rte_eth_txconf *tx_conf)
     * }
     */
    public static MemorySegment rte_eth_tx_queue_setup$address() {
        return rte_eth_tx_queue_setup.ADDR;
    }

    /**
     * {@snippet lang=c :
     * int rte_eth_tx_queue_setup(uint16_t port_id, uint16_t tx_queue_id, uint16_t nb_tx_desc, unsigned int socket_id, const struct rte_eth_txconf *tx_conf)
     * }
     */
    public static int rte_eth_tx_queue_setup(short port_id, short tx_queue_id, short nb_tx_desc, int socket_id, MemorySegment tx_conf) {
        var mh$ = rte_eth_tx_queue_setup.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("rte_eth_tx_queue_setup", port_id, tx_queue_id, nb_tx_desc, socket_id, tx_conf);
            }
            return (int) mh$.invokeExact(port_id, tx_queue_id, nb_tx_desc, socket_id, tx_conf);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class rte_eth_dev_start {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(dpdk_h.C_INT, dpdk_h.C_SHORT);

        public static final MemorySegment ADDR = dpdk_h.findOrThrow("rte_eth_dev_start");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * int rte_eth_dev_start(uint16_t port_id)
     * }
     */
    public static FunctionDescriptor rte_eth_dev_start$descriptor() {
        return rte_eth_dev_start.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * int rte_eth_dev_start(uint16_t port_id)
     * }
     */
    public static MethodHandle rte_eth_dev_start$handle() {
        return rte_eth_dev_start.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * int rte_eth_dev_start(uint16_t port_id)
     * }
     */
    public static MemorySegment rte_eth_dev_start$address() {
        return rte_eth_dev_start.ADDR;
    }

    /**
     * {@snippet lang=c :
     * int rte_eth_dev_start(uint16_t port_id)
     * }
     */
    public static int rte_eth_dev_start(short port_id) {
        var mh$ = rte_eth_dev_start.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("rte_eth_dev_start", port_id);
            }
            return (int) mh$.invokeExact(port_id);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class rte_eth_dev_stop {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(dpdk_h.C_INT, dpdk_h.C_SHORT);

        public static final MemorySegment ADDR = dpdk_h.findOrThrow("rte_eth_dev_stop");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * int rte_eth_dev_stop(uint16_t port_id)
     * }
     */
    public static FunctionDescriptor rte_eth_dev_stop$descriptor() {
        return rte_eth_dev_stop.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * int rte_eth_dev_stop(uint16_t port_id)
     * }
     */
    public static MethodHandle rte_eth_dev_stop$handle() {
        return rte_eth_dev_stop.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * int rte_eth_dev_stop(uint16_t port_id)
     * }
     */
    public static MemorySegment rte_eth_dev_stop$address() {
        return rte_eth_dev_stop.ADDR;
    }

    /**
     * {@snippet lang=c :
     * int rte_eth_dev_stop(uint16_t port_id)
     * }
     */
    public static int rte_eth_dev_stop(short port_id) {
        var mh$ = rte_eth_dev_stop.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("rte_eth_dev_stop", port_id);
            }
            return (int) mh$.invokeExact(port_id);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class rte_eth_dev_close {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(dpdk_h.C_INT, dpdk_h.C_SHORT);

        public static final MemorySegment ADDR = dpdk_h.findOrThrow("rte_eth_dev_close");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * int rte_eth_dev_close(uint16_t port_id)
     * }
     */
    public static FunctionDescriptor rte_eth_dev_close$descriptor() {
        return rte_eth_dev_close.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * int rte_eth_dev_close(uint16_t port_id)
     * }
     */
    public static MethodHandle rte_eth_dev_close$handle() {
        return rte_eth_dev_close.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * int rte_eth_dev_close(uint16_t port_id)
     * }
     */
    public static MemorySegment rte_eth_dev_close$address() {
        return rte_eth_dev_close.ADDR;
    }

    /**
     * {@snippet lang=c :
     * int rte_eth_dev_close(uint16_t port_id)
     * }
     */
    public static int rte_eth_dev_close(short port_id) {
        var mh$ = rte_eth_dev_close.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("rte_eth_dev_close", port_id);
            }
            return (int) mh$.invokeExact(port_id);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class rte_eth_dev_socket_id {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(dpdk_h.C_INT, dpdk_h.C_SHORT);

        public static final MemorySegment ADDR = dpdk_h.findOrThrow("rte_eth_dev_socket_id");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * int rte_eth_dev_socket_id(uint16_t port_id)
     * }
     */
    public static FunctionDescriptor rte_eth_dev_socket_id$descriptor() {
        return rte_eth_dev_socket_id.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * int rte_eth_dev_socket_id(uint16_t port_id)
     * }
     */
    public static MethodHandle rte_eth_dev_socket_id$handle() {
        return rte_eth_dev_socket_id.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * int rte_eth_dev_socket_id(uint16_t port_id)
     * }
     */
    public static MemorySegment rte_eth_dev_socket_id$address() {
        return rte_eth_dev_socket_id.ADDR;
    }

    /**
     * {@snippet lang=c :
     * int rte_eth_dev_socket_id(uint16_t port_id)
     * }
     */
    public static int rte_eth_dev_socket_id(short port_id) {
        var mh$ = rte_eth_dev_socket_id.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("rte_eth_dev_socket_id", port_id);
            }
            return (int) mh$.invokeExact(port_id);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class rte_eth_promiscuous_enable {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(dpdk_h.C_INT, dpdk_h.C_SHORT);

        public static final MemorySegment ADDR = dpdk_h.findOrThrow("rte_eth_promiscuous_enable");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * int rte_eth_promiscuous_enable(uint16_t port_id)
     * }
     */
    public static FunctionDescriptor rte_eth_promiscuous_enable$descriptor() {
        return rte_eth_promiscuous_enable.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * int rte_eth_promiscuous_enable(uint16_t port_id)
     * }
     */
    public static MethodHandle rte_eth_promiscuous_enable$handle() {
        return rte_eth_promiscuous_enable.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * int rte_eth_promiscuous_enable(uint16_t port_id)
     * }
     */
    public static MemorySegment rte_eth_promiscuous_enable$address() {
        return rte_eth_promiscuous_enable.ADDR;
    }

    /**
     * {@snippet lang=c :
     * int rte_eth_promiscuous_enable(uint16_t port_id)
     * }
     */
    public static int rte_eth_promiscuous_enable(short port_id) {
        var mh$ = rte_eth_promiscuous_enable.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("rte_eth_promiscuous_enable", port_id);
            }
            return (int) mh$.invokeExact(port_id);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class rte_eth_promiscuous_disable {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(dpdk_h.C_INT, dpdk_h.C_SHORT);

        public static final MemorySegment ADDR = dpdk_h.findOrThrow("rte_eth_promiscuous_disable");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * int rte_eth_promiscuous_disable(uint16_t port_id)
     * }
     */
    public static FunctionDescriptor rte_eth_promiscuous_disable$descriptor() {
        return rte_eth_promiscuous_disable.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * int rte_eth_promiscuous_disable(uint16_t port_id)
     * }
     */
    public static MethodHandle rte_eth_promiscuous_disable$handle() {
        return rte_eth_promiscuous_disable.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * int rte_eth_promiscuous_disable(uint16_t port_id)
     * }
     */
    public static MemorySegment rte_eth_promiscuous_disable$address() {
        return rte_eth_promiscuous_disable.ADDR;
    }

    /**
     * {@snippet lang=c :
     * int rte_eth_promiscuous_disable(uint16_t port_id)
     * }
     */
    public static int rte_eth_promiscuous_disable(short port_id) {
        var mh$ = rte_eth_promiscuous_disable.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("rte_eth_promiscuous_disable", port_id);
            }
            return (int) mh$.invokeExact(port_id);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class rte_eth_promiscuous_get {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(dpdk_h.C_INT, dpdk_h.C_SHORT);

        public static final MemorySegment ADDR = dpdk_h.findOrThrow("rte_eth_promiscuous_get");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * int rte_eth_promiscuous_get(uint16_t port_id)
     * }
     */
    public static FunctionDescriptor rte_eth_promiscuous_get$descriptor() {
        return rte_eth_promiscuous_get.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * int rte_eth_promiscuous_get(uint16_t port_id)
     * }
     */
    public static MethodHandle rte_eth_promiscuous_get$handle() {
        return rte_eth_promiscuous_get.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * int rte_eth_promiscuous_get(uint16_t port_id)
     * }
     */
    public static MemorySegment rte_eth_promiscuous_get$address() {
        return rte_eth_promiscuous_get.ADDR;
    }

    /**
     * {@snippet lang=c :
     * int rte_eth_promiscuous_get(uint16_t port_id)
     * }
     */
    public static int rte_eth_promiscuous_get(short port_id) {
        var mh$ = rte_eth_promiscuous_get.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("rte_eth_promiscuous_get", port_id);
            }
            return (int) mh$.invokeExact(port_id);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class rte_eth_dev_set_mtu {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(dpdk_h.C_INT, dpdk_h.C_SHORT, dpdk_h.C_SHORT);

        public static final MemorySegment ADDR = dpdk_h.findOrThrow("rte_eth_dev_set_mtu");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * int rte_eth_dev_set_mtu(uint16_t port_id, uint16_t mtu)
     * }
     */
    public static FunctionDescriptor rte_eth_dev_set_mtu$descriptor() {
        return rte_eth_dev_set_mtu.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * int rte_eth_dev_set_mtu(uint16_t port_id, uint16_t mtu)
     * }
     */
    public static MethodHandle rte_eth_dev_set_mtu$handle() {
        return rte_eth_dev_set_mtu.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * int rte_eth_dev_set_mtu(uint16_t port_id, uint16_t mtu)
     * }
     */
    public static MemorySegment rte_eth_dev_set_mtu$address() {
        return rte_eth_dev_set_mtu.ADDR;
    }

    /**
     * {@snippet lang=c :
     * int rte_eth_dev_set_mtu(uint16_t port_id, uint16_t mtu)
     * }
     */
    public static int rte_eth_dev_set_mtu(short port_id, short mtu) {
        var mh$ = rte_eth_dev_set_mtu.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("rte_eth_dev_set_mtu", port_id, mtu);
            }
            return (int) mh$.invokeExact(port_id, mtu);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class rte_eth_dev_get_mtu {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(dpdk_h.C_INT, dpdk_h.C_SHORT, dpdk_h.C_POINTER);

        public static final MemorySegment ADDR = dpdk_h.findOrThrow("rte_eth_dev_get_mtu");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * int rte_eth_dev_get_mtu(uint16_t port_id, uint16_t *mtu)
     * }
     */
    public static FunctionDescriptor rte_eth_dev_get_mtu$descriptor() {
        return rte_eth_dev_get_mtu.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * int rte_eth_dev_get_mtu(uint16_t port_id, uint16_t *mtu)
     * }
     */
    public static MethodHandle rte_eth_dev_get_mtu$handle() {
        return rte_eth_dev_get_mtu.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * int rte_eth_dev_get_mtu(uint16_t port_id, uint16_t *mtu)
     * }
     */
    public static MemorySegment rte_eth_dev_get_mtu$address() {
        return rte_eth_dev_get_mtu.ADDR;
    }

    /**
     * {@snippet lang=c :
     * int rte_eth_dev_get_mtu(uint16_t port_id, uint16_t *mtu)
     * }
     */
    public static int rte_eth_dev_get_mtu(short port_id, MemorySegment mtu) {
        var mh$ = rte_eth_dev_get_mtu.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("rte_eth_dev_get_mtu", port_id, mtu);
            }
            return (int) mh$.invokeExact(port_id, mtu);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class rte_eth_link_get_nowait {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(dpdk_h.C_INT, dpdk_h.C_SHORT, dpdk_h.C_POINTER);

        public static final MemorySegment ADDR = dpdk_h.findOrThrow("rte_eth_link_get_nowait");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * int rte_eth_link_get_nowait(uint16_t port_id, struct rte_eth_link *link)
     * }
     */
    public static FunctionDescriptor rte_eth_link_get_nowait$descriptor() {
        return rte_eth_link_get_nowait.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * int rte_eth_link_get_nowait(uint16_t port_id, struct rte_eth_link *link)
     * }
     */
    public static MethodHandle rte_eth_link_get_nowait$handle() {
        return rte_eth_link_get_nowait.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * int rte_eth_link_get_nowait(uint16_t port_id, struct rte_eth_link *link)
     * }
     */
    public static MemorySegment rte_eth_link_get_nowait$address() {
        return rte_eth_link_get_nowait.ADDR;
    }

    /**
     * {@snippet lang=c :
     * int rte_eth_link_get_nowait(uint16_t port_id, struct rte_eth_link *link)
     * }
     */
    public static int rte_eth_link_get_nowait(short port_id, MemorySegment link) {
        var mh$ = rte_eth_link_get_nowait.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("rte_eth_link_get_nowait", port_id, link);
            }
            return (int) mh$.invokeExact(port_id, link);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class rte_eth_stats_get {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(dpdk_h.C_INT, dpdk_h.C_SHORT, dpdk_h.C_POINTER);

        public static final MemorySegment ADDR = dpdk_h.findOrThrow("rte_eth_stats_get");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * int rte_eth_stats_get(uint16_t port_id, struct rte_eth_stats *stats)
     * }
     */
    public static FunctionDescriptor rte_eth_stats_get$descriptor() {
        return rte_eth_stats_get.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * int rte_eth_stats_get(uint16_t port_id, struct rte_eth_stats *stats)
     * }
     */
    public static MethodHandle rte_eth_stats_get$handle() {
        return rte_eth_stats_get.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * int rte_eth_stats_get(uint16_t port_id, struct rte_eth_stats *stats)
     * }
     */
    public static MemorySegment rte_eth_stats_get$address() {
        return rte_eth_stats_get.ADDR;
    }

    /**
     * {@snippet lang=c :
     * int rte_eth_stats_get(uint16_t port_id, struct rte_eth_stats *stats)
     * }
     */
    public static int rte_eth_stats_get(short port_id, MemorySegment stats) {
        var mh$ = rte_eth_stats_get.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("rte_eth_stats_get", port_id, stats);
            }
            return (int) mh$.invokeExact(port_id, stats);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class rte_eth_stats_reset {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(dpdk_h.C_INT, dpdk_h.C_SHORT);

        public static final MemorySegment ADDR = dpdk_h.findOrThrow("rte_eth_stats_reset");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * int rte_eth_stats_reset(uint16_t port_id)
     * }
     */
    public static FunctionDescriptor rte_eth_stats_reset$descriptor() {
        return rte_eth_stats_reset.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * int rte_eth_stats_reset(uint16_t port_id)
     * }
     */
    public static MethodHandle rte_eth_stats_reset$handle() {
        return rte_eth_stats_reset.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * int rte_eth_stats_reset(uint16_t port_id)
     * }
     */
    public static MemorySegment rte_eth_stats_reset$address() {
        return rte_eth_stats_reset.ADDR;
    }

    /**
     * {@snippet lang=c :
     * int rte_eth_stats_reset(uint16_t port_id)
     * }
     */
    public static int rte_eth_stats_reset(short port_id) {
        var mh$ = rte_eth_stats_reset.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("rte_eth_stats_reset", port_id);
            }
            return (int) mh$.invokeExact(port_id);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class rte_eth_xstats_get_names {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(dpdk_h.C_INT, dpdk_h.C_SHORT, dpdk_h.C_POINTER, dpdk_h.C_INT);

        public static final MemorySegment ADDR = dpdk_h.findOrThrow("rte_eth_xstats_get_names");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * int rte_eth_xstats_get_names(uint16_t port_id, struct rte_eth_xstat_name *xstats_names, unsigned int size)
     * }
     */
    public static FunctionDescriptor rte_eth_xstats_get_names$descriptor() {
        return rte_eth_xstats_get_names.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * int rte_eth_xstats_get_names(uint16_t port_id, struct rte_eth_xstat_name *xstats_names, unsigned int size)
     * }
     */
    public static MethodHandle rte_eth_xstats_get_names$handle() {
        return rte_eth_xstats_get_names.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * int rte_eth_xstats_get_names(uint16_t port_id, struct rte_eth_xstat_name *xstats_names, unsigned int size)
     * }
     */
    public static MemorySegment rte_eth_xstats_get_names$address() {
        return rte_eth_xstats_get_names.ADDR;
    }

    /**
     * {@snippet lang=c :
     * int rte_eth_xstats_get_names(uint16_t port_id, struct rte_eth_xstat_name *xstats_names, unsigned int size)
     * }
     */
    public static int rte_eth_xstats_get_names(short port_id, MemorySegment xstats_names, int size) {
        var mh$ = rte_eth_xstats_get_names.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("rte_eth_xstats_get_names", port_id, xstats_names, size);
            }
            return (int) mh$.invokeExact(port_id, xstats_names, size);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class rte_eth_xstats_get {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(dpdk_h.C_INT, dpdk_h.C_SHORT, dpdk_h.C_POINTER, dpdk_h.C_INT);

        public static final MemorySegment ADDR = dpdk_h.findOrThrow("rte_eth_xstats_get");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * int rte_eth_xstats_get(uint16_t port_id, struct rte_eth_xstat *xstats, unsigned int n)
     * }
     */
    public static FunctionDescriptor rte_eth_xstats_get$descriptor() {
        return rte_eth_xstats_get.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * int rte_eth_xstats_get(uint16_t port_id, struct rte_eth_xstat *xstats, unsigned int n)
     * }
     */
    public static MethodHandle rte_eth_xstats_get$handle() {
        return rte_eth_xstats_get.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * int rte_eth_xstats_get(uint16_t port_id, struct rte_eth_xstat *xstats, unsigned int n)
     * }
     */
    public static MemorySegment rte_eth_xstats_get$address() {
        return rte_eth_xstats_get.ADDR;
    }

    /**
     * {@snippet lang=c :
     * int rte_eth_xstats_get(uint16_t port_id, struct rte_eth_xstat *xstats, unsigned int n)
     * }
     */
    public static int rte_eth_xstats_get(short port_id, MemorySegment xstats, int n) {
        var mh$ = rte_eth_xstats_get.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("rte_eth_xstats_get", port_id, xstats, n);
            }
            return (int) mh$.invokeExact(port_id, xstats, n);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class rte_eth_macaddr_get {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(dpdk_h.C_INT, dpdk_h.C_SHORT, dpdk_h.C_POINTER);

        public static final MemorySegment ADDR = dpdk_h.findOrThrow("rte_eth_macaddr_get");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * int rte_eth_macaddr_get(uint16_t port_id, struct rte_ether_addr *mac_addr)
     * }
     */
    public static FunctionDescriptor rte_eth_macaddr_get$descriptor() {
        return rte_eth_macaddr_get.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * int rte_eth_macaddr_get(uint16_t port_id, struct rte_ether_addr *mac_addr)
     * }
     */
    public static MethodHandle rte_eth_macaddr_get$handle() {
        return rte_eth_macaddr_get.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * int rte_eth_macaddr_get(uint16_t port_id, struct rte_ether_addr *mac_addr)
     * }
     */
    public static MemorySegment rte_eth_macaddr_get$address() {
        return rte_eth_macaddr_get.ADDR;
    }

    /**
     * {@snippet lang=c :
     * int rte_eth_macaddr_get(uint16_t port_id, struct rte_ether_addr *mac_addr)
     * }
     */
    public static int rte_eth_macaddr_get(short port_id, MemorySegment mac_addr) {
        var mh$ = rte_eth_macaddr_get.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("rte_eth_macaddr_get", port_id, mac_addr);
            }
            return (int) mh$.invokeExact(port_id, mac_addr);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class rte_pktmbuf_pool_create {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(dpdk_h.C_POINTER, dpdk_h.C_POINTER, dpdk_h.C_INT, dpdk_h.C_INT, dpdk_h.C_SHORT, dpdk_h.C_SHORT, dpdk_h.C_INT);

        public static final MemorySegment ADDR = dpdk_h.findOrThrow("rte_pktmbuf_pool_create");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * struct rte_mempool *rte_pktmbuf_pool_create(const char *name, unsigned int n, unsigned int cache_size, uint16_t priv_size, uint16_t data_room_size, int socket_id)
     * }
     */
    public static FunctionDescriptor rte_pktmbuf_pool_create$descriptor() {
        return rte_pktmbuf_pool_create.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * struct rte_mempool *rte_pktmbuf_pool_create(const char *name, unsigned int n, unsigned int cache_size, uint16_t priv_size, uint16_t data_room_size, int socket_id)
     * }
     */
    public static MethodHandle rte_pktmbuf_pool_create$handle() {
        return rte_pktmbuf_pool_create.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * struct rte_mempool *rte_pktmbuf_pool_create(const char *name, unsigned int n, unsigned int cache_size, uint16_t priv_size, uint16_t data_room_size, int socket_id)
     * }
     */
    public static MemorySegment rte_pktmbuf_pool_create$address() {
        return rte_pktmbuf_pool_create.ADDR;
    }

    /**
     * {@snippet lang=c :
     * struct rte_mempool *rte_pktmbuf_pool_create(const char *name, unsigned int n, unsigned int cache_size, uint16_t priv_size, uint16_t data_room_size, int socket_id)
     * }
     */
    public static MemorySegment rte_pktmbuf_pool_create(MemorySegment name, int n, int cache_size, short priv_size, short data_room_size, int socket_id) {
        var mh$ = rte_pktmbuf_pool_create.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("rte_pktmbuf_pool_create", name, n, cache_size, priv_size, data_room_size, socket_id);
            }
            return (MemorySegment) mh$.invokeExact(name, n, cache_size, priv_size, data_room_size, socket_id);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class rte_pktmbuf_free_bulk {
        public static final FunctionDescriptor DESC = FunctionDescriptor.ofVoid(dpdk_h.C_POINTER, dpdk_h.C_INT);

        public static final MemorySegment ADDR = dpdk_h.findOrThrow("rte_pktmbuf_free_bulk");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * void rte_pktmbuf_free_bulk(struct rte_mbuf **mbufs, unsigned int count)
     * }
     */
    public static FunctionDescriptor rte_pktmbuf_free_bulk$descriptor() {
        return rte_pktmbuf_free_bulk.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * void rte_pktmbuf_free_bulk(struct rte_mbuf **mbufs, unsigned int count)
     * }
     */
    public static MethodHandle rte_pktmbuf_free_bulk$handle() {
        return rte_pktmbuf_free_bulk.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * void rte_pktmbuf_free_bulk(struct rte_mbuf **mbufs, unsigned int count)
     * }
     */
    public static MemorySegment rte_pktmbuf_free_bulk$address() {
        return rte_pktmbuf_free_bulk.ADDR;
    }

    /**
     * {@snippet lang=c :
     * void rte_pktmbuf_free_bulk(struct rte_mbuf **mbufs, unsigned int count)
     * }
     */
    public static void rte_pktmbuf_free_bulk(MemorySegment mbufs, int count) {
        var mh$ = rte_pktmbuf_free_bulk.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("rte_pktmbuf_free_bulk", mbufs, count);
            }
            mh$.invokeExact(mbufs, count);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class rte_mempool_free {
        public static final FunctionDescriptor DESC = FunctionDescriptor.ofVoid(dpdk_h.C_POINTER);

        public static final MemorySegment ADDR = dpdk_h.findOrThrow("rte_mempool_free");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * void rte_mempool_free(struct rte_mempool *mp)
     * }
     */
    public static FunctionDescriptor rte_mempool_free$descriptor() {
        return rte_mempool_free.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * void rte_mempool_free(struct rte_mempool *mp)
     * }
     */
    public static MethodHandle rte_mempool_free$handle() {
        return rte_mempool_free.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * void rte_mempool_free(struct rte_mempool *mp)
     * }
     */
    public static MemorySegment rte_mempool_free$address() {
        return rte_mempool_free.ADDR;
    }

    /**
     * {@snippet lang=c :
     * void rte_mempool_free(struct rte_mempool *mp)
     * }
     */
    public static void rte_mempool_free(MemorySegment mp) {
        var mh$ = rte_mempool_free.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("rte_mempool_free", mp);
            }
            mh$.invokeExact(mp);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class rte_mempool_avail_count {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(dpdk_h.C_INT, dpdk_h.C_POINTER);

        public static final MemorySegment ADDR = dpdk_h.findOrThrow("rte_mempool_avail_count");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * unsigned int rte_mempool_avail_count(const struct rte_mempool *mp)
     * }
     */
    public static FunctionDescriptor rte_mempool_avail_count$descriptor() {
        return rte_mempool_avail_count.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * unsigned int rte_mempool_avail_count(const struct rte_mempool *mp)
     * }
     */
    public static MethodHandle rte_mempool_avail_count$handle() {
        return rte_mempool_avail_count.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * unsigned int rte_mempool_avail_count(const struct rte_mempool *mp)
     * }
     */
    public static MemorySegment rte_mempool_avail_count$address() {
        return rte_mempool_avail_count.ADDR;
    }

    /**
     * {@snippet lang=c :
     * unsigned int rte_mempool_avail_count(const struct rte_mempool *mp)
     * }
     */
    public static int rte_mempool_avail_count(MemorySegment mp) {
        var mh$ = rte_mempool_avail_count.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("rte_mempool_avail_count", mp);
            }
            return (int) mh$.invokeExact(mp);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class rte_mempool_in_use_count {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(dpdk_h.C_INT, dpdk_h.C_POINTER);

        public static final MemorySegment ADDR = dpdk_h.findOrThrow("rte_mempool_in_use_count");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * unsigned int rte_mempool_in_use_count(const struct rte_mempool *mp)
     * }
     */
    public static FunctionDescriptor rte_mempool_in_use_count$descriptor() {
        return rte_mempool_in_use_count.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * unsigned int rte_mempool_in_use_count(const struct rte_mempool *mp)
     * }
     */
    public static MethodHandle rte_mempool_in_use_count$handle() {
        return rte_mempool_in_use_count.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * unsigned int rte_mempool_in_use_count(const struct rte_mempool *mp)
     * }
     */
    public static MemorySegment rte_mempool_in_use_count$address() {
        return rte_mempool_in_use_count.ADDR;
    }

    /**
     * {@snippet lang=c :
     * unsigned int rte_mempool_in_use_count(const struct rte_mempool *mp)
     * }
     */
    public static int rte_mempool_in_use_count(MemorySegment mp) {
        var mh$ = rte_mempool_in_use_count.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("rte_mempool_in_use_count", mp);
            }
            return (int) mh$.invokeExact(mp);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class rte_ring_create {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(dpdk_h.C_POINTER, dpdk_h.C_POINTER, dpdk_h.C_INT, dpdk_h.C_INT, dpdk_h.C_INT);

        public static final MemorySegment ADDR = dpdk_h.findOrThrow("rte_ring_create");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * struct rte_ring *rte_ring_create(const char *name, unsigned int count, int socket_id, unsigned int flags)
     * }
     */
    public static FunctionDescriptor rte_ring_create$descriptor() {
        return rte_ring_create.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * struct rte_ring *rte_ring_create(const char *name, unsigned int count, int socket_id, unsigned int flags)
     * }
     */
    public static MethodHandle rte_ring_create$handle() {
        return rte_ring_create.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * struct rte_ring *rte_ring_create(const char *name, unsigned int count, int socket_id, unsigned int flags)
     * }
     */
    public static MemorySegment rte_ring_create$address() {
        return rte_ring_create.ADDR;
    }

    /**
     * {@snippet lang=c :
     * struct rte_ring *rte_ring_create(const char *name, unsigned int count, int socket_id, unsigned int flags)
     * }
     */
    public static MemorySegment rte_ring_create(MemorySegment name, int count, int socket_id, int flags) {
        var mh$ = rte_ring_create.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("rte_ring_create", name, count, socket_id, flags);
            }
            return (MemorySegment) mh$.invokeExact(name, count, socket_id, flags);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class rte_ring_free {
        public static final FunctionDescriptor DESC = FunctionDescriptor.ofVoid(dpdk_h.C_POINTER);

        public static final MemorySegment ADDR = dpdk_h.findOrThrow("rte_ring_free");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * void rte_ring_free(struct rte_ring *r)
     * }
     */
    public static FunctionDescriptor rte_ring_free$descriptor() {
        return rte_ring_free.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * void rte_ring_free(struct rte_ring *r)
     * }
     */
    public static MethodHandle rte_ring_free$handle() {
        return rte_ring_free.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * void rte_ring_free(struct rte_ring *r)
     * }
     */
    public static MemorySegment rte_ring_free$address() {
        return rte_ring_free.ADDR;
    }

    /**
     * {@snippet lang=c :
     * void rte_ring_free(struct rte_ring *r)
     * }
     */
    public static void rte_ring_free(MemorySegment r) {
        var mh$ = rte_ring_free.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("rte_ring_free", r);
            }
            mh$.invokeExact(r);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class rte_eth_from_rings {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(dpdk_h.C_INT, dpdk_h.C_POINTER, dpdk_h.C_POINTER, dpdk_h.C_INT, dpdk_h.C_POINTER, dpdk_h.C_INT, dpdk_h.C_INT);

        public static final MemorySegment ADDR = dpdk_h.findOrThrow("rte_eth_from_rings");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * int rte_eth_from_rings(const char *name, struct rte_ring **rx_queues, unsigned int nb_rx_queues, struct rte_ring **tx_queues, unsigned int nb_tx_queues, unsigned int numa_node)
     * }
     */
    public static FunctionDescriptor rte_eth_from_rings$descriptor() {
        return rte_eth_from_rings.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * int rte_eth_from_rings(const char *name, struct rte_ring **rx_queues, unsigned int nb_rx_queues, struct rte_ring **tx_queues, unsigned int nb_tx_queues, unsigned int numa_node)
     * }
     */
    public static MethodHandle rte_eth_from_rings$handle() {
        return rte_eth_from_rings.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * int rte_eth_from_rings(const char *name, struct rte_ring **rx_queues, unsigned int nb_rx_queues, struct rte_ring **tx_queues, unsigned int nb_tx_queues, unsigned int numa_node)
     * }
     */
    public static MemorySegment rte_eth_from_rings$address() {
        return rte_eth_from_rings.ADDR;
    }

    /**
     * {@snippet lang=c :
     * int rte_eth_from_rings(const char *name, struct rte_ring **rx_queues, unsigned int nb_rx_queues, struct rte_ring **tx_queues, unsigned int nb_tx_queues, unsigned int numa_node)
     * }
     */
    public static int rte_eth_from_rings(MemorySegment name, MemorySegment rx_queues, int nb_rx_queues, MemorySegment tx_queues, int nb_tx_queues, int numa_node) {
        var mh$ = rte_eth_from_rings.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("rte_eth_from_rings", name, rx_queues, nb_rx_queues, tx_queues, nb_tx_queues, numa_node);
            }
            return (int) mh$.invokeExact(name, rx_queues, nb_rx_queues, tx_queues, nb_tx_queues, numa_node);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class rte_telemetry_register_cmd {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(dpdk_h.C_INT, dpdk_h.C_POINTER, dpdk_h.C_POINTER, dpdk_h.C_POINTER);

        public static final MemorySegment ADDR = dpdk_h.findOrThrow("rte_telemetry_register_cmd");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * int rte_telemetry_register_cmd(const char *cmd, telemetry_cb fn, const char *help)
     * }
     */
    public static FunctionDescriptor rte_telemetry_register_cmd$descriptor() {
        return rte_telemetry_register_cmd.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * int rte_telemetry_register_cmd(const char *cmd, telemetry_cb fn, const char *help)
     * }
     */
    public static MethodHandle rte_telemetry_register_cmd$handle() {
        return rte_telemetry_register_cmd.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * int rte_telemetry_register_cmd(const char *cmd, telemetry_cb fn, const char *help)
     * }
     */
    public static MemorySegment rte_telemetry_register_cmd$address() {
        return rte_telemetry_register_cmd.ADDR;
    }

    /**
     * {@snippet lang=c :
     * int rte_telemetry_register_cmd(const char *cmd, telemetry_cb fn, const char *help)
     * }
     */
    public static int rte_telemetry_register_cmd(MemorySegment cmd, MemorySegment fn, MemorySegment help) {
        var mh$ = rte_telemetry_register_cmd.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("rte_telemetry_register_cmd", cmd, fn, help);
            }
            return (int) mh$.invokeExact(cmd, fn, help);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class rte_tel_data_start_array {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(dpdk_h.C_INT, dpdk_h.C_POINTER, dpdk_h.C_INT);

        public static final MemorySegment ADDR = dpdk_h.findOrThrow("rte_tel_data_start_array");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * int rte_tel_data_start_array(struct rte_tel_data *d, enum rte_tel_value_type type)
     * }
     */
    public static FunctionDescriptor rte_tel_data_start_array$descriptor() {
        return rte_tel_data_start_array.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * int rte_tel_data_start_array(struct rte_tel_data *d, enum rte_tel_value_type type)
     * }
     */
    public static MethodHandle rte_tel_data_start_array$handle() {
        return rte_tel_data_start_array.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * int rte_tel_data_start_array(struct rte_tel_data *d, enum rte_tel_value_type type)
     * }
     */
    public static MemorySegment rte_tel_data_start_array$address() {
        return rte_tel_data_start_array.ADDR;
    }

    /**
     * {@snippet lang=c :
     * int rte_tel_data_start_array(struct rte_tel_data *d, enum rte_tel_value_type type)
     * }
     */
    public static int rte_tel_data_start_array(MemorySegment d, int type) {
        var mh$ = rte_tel_data_start_array.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("rte_tel_data_start_array", d, type);
            }
            return (int) mh$.invokeExact(d, type);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class rte_tel_data_start_dict {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(dpdk_h.C_INT, dpdk_h.C_POINTER);

        public static final MemorySegment ADDR = dpdk_h.findOrThrow("rte_tel_data_start_dict");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * int rte_tel_data_start_dict(struct rte_tel_data *d)
     * }
     */
    public static FunctionDescriptor rte_tel_data_start_dict$descriptor() {
        return rte_tel_data_start_dict.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * int rte_tel_data_start_dict(struct rte_tel_data *d)
     * }
     */
    public static MethodHandle rte_tel_data_start_dict$handle() {
        return rte_tel_data_start_dict.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * int rte_tel_data_start_dict(struct rte_tel_data *d)
     * }
     */
    public static MemorySegment rte_tel_data_start_dict$address() {
        return rte_tel_data_start_dict.ADDR;
    }

    /**
     * {@snippet lang=c :
     * int rte_tel_data_start_dict(struct rte_tel_data *d)
     * }
     */
    public static int rte_tel_data_start_dict(MemorySegment d) {
        var mh$ = rte_tel_data_start_dict.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("rte_tel_data_start_dict", d);
            }
            return (int) mh$.invokeExact(d);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class rte_tel_data_string {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(dpdk_h.C_INT, dpdk_h.C_POINTER, dpdk_h.C_POINTER);

        public static final MemorySegment ADDR = dpdk_h.findOrThrow("rte_tel_data_string");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * int rte_tel_data_string(struct rte_tel_data *d, const char *str)
     * }
     */
    public static FunctionDescriptor rte_tel_data_string$descriptor() {
        return rte_tel_data_string.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * int rte_tel_data_string(struct rte_tel_data *d, const char *str)
     * }
     */
    public static MethodHandle rte_tel_data_string$handle() {
        return rte_tel_data_string.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * int rte_tel_data_string(struct rte_tel_data *d, const char *str)
     * }
     */
    public static MemorySegment rte_tel_data_string$address() {
        return rte_tel_data_string.ADDR;
    }

    /**
     * {@snippet lang=c :
     * int rte_tel_data_string(struct rte_tel_data *d, const char *str)
     * }
     */
    public static int rte_tel_data_string(MemorySegment d, MemorySegment str) {
        var mh$ = rte_tel_data_string.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("rte_tel_data_string", d, str);
            }
            return (int) mh$.invokeExact(d, str);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class rte_tel_data_add_array_string {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(dpdk_h.C_INT, dpdk_h.C_POINTER, dpdk_h.C_POINTER);

        public static final MemorySegment ADDR = dpdk_h.findOrThrow("rte_tel_data_add_array_string");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * int rte_tel_data_add_array_string(struct rte_tel_data *d, const char *str)
     * }
     */
    public static FunctionDescriptor rte_tel_data_add_array_string$descriptor() {
        return rte_tel_data_add_array_string.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * int rte_tel_data_add_array_string(struct rte_tel_data *d, const char *str)
     * }
     */
    public static MethodHandle rte_tel_data_add_array_string$handle() {
        return rte_tel_data_add_array_string.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * int rte_tel_data_add_array_string(struct rte_tel_data *d, const char *str)
     * }
     */
    public static MemorySegment rte_tel_data_add_array_string$address() {
        return rte_tel_data_add_array_string.ADDR;
    }

    /**
     * {@snippet lang=c :
     * int rte_tel_data_add_array_string(struct rte_tel_data *d, const char *str)
     * }
     */
    public static int rte_tel_data_add_array_string(MemorySegment d, MemorySegment str) {
        var mh$ = rte_tel_data_add_array_string.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("rte_tel_data_add_array_string", d, str);
            }
            return (int) mh$.invokeExact(d, str);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class rte_tel_data_add_array_u64 {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(dpdk_h.C_INT, dpdk_h.C_POINTER, dpdk_h.C_LONG);

        public static final MemorySegment ADDR = dpdk_h.findOrThrow("rte_tel_data_add_array_u64");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * int rte_tel_data_add_array_u64(struct rte_tel_data *d, uint64_t x)
     * }
     */
    public static FunctionDescriptor rte_tel_data_add_array_u64$descriptor() {
        return rte_tel_data_add_array_u64.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * int rte_tel_data_add_array_u64(struct rte_tel_data *d, uint64_t x)
     * }
     */
    public static MethodHandle rte_tel_data_add_array_u64$handle() {
        return rte_tel_data_add_array_u64.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * int rte_tel_data_add_array_u64(struct rte_tel_data *d, uint64_t x)
     * }
     */
    public static MemorySegment rte_tel_data_add_array_u64$address() {
        return rte_tel_data_add_array_u64.ADDR;
    }

    /**
     * {@snippet lang=c :
     * int rte_tel_data_add_array_u64(struct rte_tel_data *d, uint64_t x)
     * }
     */
    public static int rte_tel_data_add_array_u64(MemorySegment d, long x) {
        var mh$ = rte_tel_data_add_array_u64.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("rte_tel_data_add_array_u64", d, x);
            }
            return (int) mh$.invokeExact(d, x);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class rte_tel_data_add_dict_string {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(dpdk_h.C_INT, dpdk_h.C_POINTER, dpdk_h.C_POINTER, dpdk_h.C_POINTER);

        public static final MemorySegment ADDR = dpdk_h.findOrThrow("rte_tel_data_add_dict_string");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * int rte_tel_data_add_dict_string(struct rte_tel_data *d, const char *name, const char *val)
     * }
     */
    public static FunctionDescriptor rte_tel_data_add_dict_string$descriptor() {
        return rte_tel_data_add_dict_string.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * int rte_tel_data_add_dict_string(struct rte_tel_data *d, const char *name, const char *val)
     * }
     */
    public static MethodHandle rte_tel_data_add_dict_string$handle() {
        return rte_tel_data_add_dict_string.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * int rte_tel_data_add_dict_string(struct rte_tel_data *d, const char *name, const char *val)
     * }
     */
    public static MemorySegment rte_tel_data_add_dict_string$address() {
        return rte_tel_data_add_dict_string.ADDR;
    }

    /**
     * {@snippet lang=c :
     * int rte_tel_data_add_dict_string(struct rte_tel_data *d, const char *name, const char *val)
     * }
     */
    public static int rte_tel_data_add_dict_string(MemorySegment d, MemorySegment name, MemorySegment val) {
        var mh$ = rte_tel_data_add_dict_string.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("rte_tel_data_add_dict_string", d, name, val);
            }
            return (int) mh$.invokeExact(d, name, val);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class rte_tel_data_add_dict_int {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(dpdk_h.C_INT, dpdk_h.C_POINTER, dpdk_h.C_POINTER, dpdk_h.C_INT);

        public static final MemorySegment ADDR = dpdk_h.findOrThrow("rte_tel_data_add_dict_int");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * int rte_tel_data_add_dict_int(struct rte_tel_data *d, const char *name, int val)
     * }
     */
    public static FunctionDescriptor rte_tel_data_add_dict_int$descriptor() {
        return rte_tel_data_add_dict_int.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * int rte_tel_data_add_dict_int(struct rte_tel_data *d, const char *name, int val)
     * }
     */
    public static MethodHandle rte_tel_data_add_dict_int$handle() {
        return rte_tel_data_add_dict_int.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * int rte_tel_data_add_dict_int(struct rte_tel_data *d, const char *name, int val)
     * }
     */
    public static MemorySegment rte_tel_data_add_dict_int$address() {
        return rte_tel_data_add_dict_int.ADDR;
    }

    /**
     * {@snippet lang=c :
     * int rte_tel_data_add_dict_int(struct rte_tel_data *d, const char *name, int val)
     * }
     */
    public static int rte_tel_data_add_dict_int(MemorySegment d, MemorySegment name, int val) {
        var mh$ = rte_tel_data_add_dict_int.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("rte_tel_data_add_dict_int", d, name, val);
            }
            return (int) mh$.invokeExact(d, name, val);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }

    private static class rte_tel_data_add_dict_u64 {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(dpdk_h.C_INT, dpdk_h.C_POINTER, dpdk_h.C_POINTER, dpdk_h.C_LONG);

        public static final MemorySegment ADDR = dpdk_h.findOrThrow("rte_tel_data_add_dict_u64");

        public static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
    }

    /**
     * Function descriptor for:
     * {@snippet lang=c :
     * int rte_tel_data_add_dict_u64(struct rte_tel_data *d, const char *name, uint64_t val)
     * }
     */
    public static FunctionDescriptor rte_tel_data_add_dict_u64$descriptor() {
        return rte_tel_data_add_dict_u64.DESC;
    }

    /**
     * Downcall method handle for:
     * {@snippet lang=c :
     * int rte_tel_data_add_dict_u64(struct rte_tel_data *d, const char *name, uint64_t val)
     * }
     */
    public static MethodHandle rte_tel_data_add_dict_u64$handle() {
        return rte_tel_data_add_dict_u64.HANDLE;
    }

    /**
     * Address for:
     * {@snippet lang=c :
     * int rte_tel_data_add_dict_u64(struct rte_tel_data *d, const char *name, uint64_t val)
     * }
     */
    public static MemorySegment rte_tel_data_add_dict_u64$address() {
        return rte_tel_data_add_dict_u64.ADDR;
    }

    /**
     * {@snippet lang=c :
     * int rte_tel_data_add_dict_u64(struct rte_tel_data *d, const char *name, uint64_t val)
     * }
     */
    public static int rte_tel_data_add_dict_u64(MemorySegment d, MemorySegment name, long val) {
        var mh$ = rte_tel_data_add_dict_u64.HANDLE;
        try {
            if (TRACE_DOWNCALLS) {
                traceDowncall("rte_tel_data_add_dict_u64", d, name, val);
            }
            return (int) mh$.invokeExact(d, name, val);
        } catch (Error | RuntimeException ex) {
           throw ex;
        } catch (Throwable ex$) {
           throw new AssertionError("should not reach here", ex$);
        }
    }
}
