// Generated in the shape of jextract (JDK 22+) output; regenerate with native-bindings/jextract.sh.
// Do not edit by hand: LayoutProbeTest checks every layout and constant here against the installed headers.

package org.mpdp.dpdk.ffi;

import java.lang.invoke.*;
import java.lang.foreign.*;
import java.nio.ByteOrder;
import java.util.*;
import java.util.function.*;
import java.util.stream.*;

import static java.lang.foreign.ValueLayout.*;
import static java.lang.foreign.MemoryLayout.PathElement.*;

/**
 * {@snippet lang=c :
 * typedef int (*telemetry_cb)(const char *, const char *, struct rte_tel_data *)
 * }
 */
public class telemetry_cb {

    telemetry_cb() {
        // Should not be called directly
    }

    /**
     * The function pointer signature, expressed as a functional interface
     */
    public interface Function {
        int apply(MemorySegment cmd, MemorySegment params, MemorySegment info);
    }

    private static final FunctionDescriptor $DESC = FunctionDescriptor.of(
        dpdk_h.C_INT,
        dpdk_h.C_POINTER,
        dpdk_h.C_POINTER,
        dpdk_h.C_POINTER
    );

    /**
     * The descriptor of this function pointer
     */
    public static FunctionDescriptor descriptor() {
        return $DESC;
    }

    private static final MethodHandle UP$MH = dpdk_h.upcallHandle(telemetry_cb.Function.class, "apply", $DESC);

    /**
     * Allocates a new upcall stub, whose implementation is defined by {@code fi}.
     * The lifetime of the returned segment is managed by {@code arena}
     */
    public static MemorySegment allocate(telemetry_cb.Function fi, Arena arena) {
        return Linker.nativeLinker().upcallStub(UP$MH.bindTo(fi), $DESC, arena);
    }

    private static final MethodHandle DOWN$MH = Linker.nativeLinker().downcallHandle($DESC);

    /**
     * Invoke the upcall stub {@code funcPtr}, with given parameters
     */
    public static int invoke(MemorySegment funcPtr,MemorySegment cmd, MemorySegment params, MemorySegment info) {
        try {
            return (int) DOWN$MH.invokeExact(funcPtr, cmd, params, info);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }
}
