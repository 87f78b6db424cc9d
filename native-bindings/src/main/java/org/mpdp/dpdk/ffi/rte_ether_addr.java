// Generated in the shape of jextract (JDK 22+) output; regenerate with native-bindings/jextract.sh.
// Do not edit by hand: LayoutProbeTest checks every layout and constant here against the installed headers.

package org.mpdp.dpdk.ffi;

import java.lang.invoke.*;
import java.lang.foreign.*;
import java.util.function.*;

import static java.lang.foreign.ValueLayout.*;
import static java.lang.foreign.MemoryLayout.PathElement.*;

/**
 * {@snippet lang=c :
 * struct rte_ether_addr
 * }
 */
@SuppressWarnings("unused")
public class rte_ether_addr {

    rte_ether_addr() {
        // Should not be called directly
    }

    private static final GroupLayout $LAYOUT = MemoryLayout.structLayout(
        MemoryLayout.sequenceLayout(6, dpdk_h.C_CHAR).withName("addr_bytes")
    ).withName("rte_ether_addr");

    /**
     * The layout of this struct
     */
    public static final GroupLayout layout() {
        return $LAYOUT;
    }

    private static final SequenceLayout addr_bytes$LAYOUT = (SequenceLayout)$LAYOUT.select(groupElement("addr_bytes"));

    /**
     * Layout for field:
     * {@snippet lang=c :
     * uint8_t addr_bytes[6]
     * }
     */
    public static final SequenceLayout addr_bytes$layout() {
        return addr_bytes$LAYOUT;
    }

    private static final long addr_bytes$OFFSET = 0;

    /**
     * Offset for field:
     * {@snippet lang=c :
     * uint8_t addr_bytes[6]
     * }
     */
    public static final long addr_bytes$offset() {
        return addr_bytes$OFFSET;
    }

    public static MemorySegment addr_bytes(MemorySegment struct) {
        return struct.asSlice(addr_bytes$OFFSET, addr_bytes$LAYOUT.byteSize());
    }

    private static final VarHandle addr_bytes$ELEM_HANDLE = addr_bytes$LAYOUT.varHandle(sequenceElement());

    public static byte addr_bytes(MemorySegment struct, long index0) {
        return (byte)addr_bytes$ELEM_HANDLE.get(struct, 0L, index0);
    }

    public static void addr_bytes(MemorySegment struct, long index0, byte fieldValue) {
        addr_bytes$ELEM_HANDLE.set(struct, 0L, index0, fieldValue);
    }

    /**
     * Obtains a slice of {@code arrayParam} which selects the array element at {@code index}.
     * The returned segment has address {@code arrayParam.address() + index * layout().byteSize()}
     */
    public static MemorySegment asSlice(MemorySegment array, long index) {
        return array.asSlice(layout().byteSize() * index);
    }

    /**
     * The size (in bytes) of this struct
     */
    public static long sizeof() { return layout().byteSize(); }

    /**
     * Allocate a segment of size {@code layout().byteSize()} using {@code allocator}
     */
    public static MemorySegment allocate(SegmentAllocator allocator) {
        return allocator.allocate(layout());
    }

    /**
     * Allocate an array of size {@code elementCount} using {@code allocator}.
     * The returned segment has size {@code elementCount * layout().byteSize()}.
     */
    public static MemorySegment allocateArray(long elementCount, SegmentAllocator allocator) {
        return allocator.allocate(MemoryLayout.sequenceLayout(elementCount, layout()));
    }

    /**
     * Reinterprets {@code addr} using target {@code arena} and {@code cleanupAction} (if any).
     * The returned segment has size {@code layout().byteSize()}
     */
    public static MemorySegment reinterpret(MemorySegment addr, Arena arena, Consumer<MemorySegment> cleanup) {
        return reinterpret(addr, 1, arena, cleanup);
    }

    /**
     * Reinterprets {@code addr} using target {@code arena} and {@code cleanupAction} (if any).
     * The returned segment has size {@code elementCount * layout().byteSize()}
     */
    public static MemorySegment reinterpret(MemorySegment addr, long elementCount, Arena arena, Consumer<MemorySegment> cleanup) {
        return addr.reinterpret(layout().byteSize() * elementCount, arena, cleanup);
    }
}
