// Generated in the shape of jextract (JDK 22+) output; regenerate with native-bindings/jextract.sh.
// LayoutProbeTest checks every layout and constant here against the installed headers.
// Edited by hand (ABI): the layout depends on the DPDK release (DpdkAbi), chosen once at class
// initialisation; layout(release) gives the others. LayoutProbeTest and DebianAbiProbeIT check both.

package org.mpdp.dpdk.ffi;

import java.lang.invoke.*;
import java.lang.foreign.*;
import java.util.function.*;

import static java.lang.foreign.ValueLayout.*;
import static java.lang.foreign.MemoryLayout.PathElement.*;

/**
 * {@snippet lang=c :
 * struct rte_eth_rss_conf
 * }
 */
@SuppressWarnings("unused")
public class rte_eth_rss_conf {

    rte_eth_rss_conf() {
        // Should not be called directly
    }

    private static final GroupLayout $LAYOUT = layout(org.mpdp.dpdk.DpdkAbi.current().release());

    /**
     * The layout in a given release. 24.11 has {@code enum rte_eth_hash_function algorithm} after
     * rss_hf, which 22.11 has not (24 to 32 bytes); mpdp leaves it 0, RTE_ETH_HASH_FUNCTION_DEFAULT.
     *
     * @param release DPDK release as YYMM.
     * @return the layout of struct rte_eth_rss_conf there.
     */
    public static GroupLayout layout(final int release) {
        final MemoryLayout[] members = {
            dpdk_h.C_POINTER.withName("rss_key"),
            dpdk_h.C_CHAR.withName("rss_key_len"),
            MemoryLayout.paddingLayout(7),
            dpdk_h.C_LONG_LONG.withName("rss_hf"),
            dpdk_h.C_INT.withName("algorithm"),
            MemoryLayout.paddingLayout(4)
        };
        return MemoryLayout.structLayout(java.util.Arrays.copyOf(members, release >= 2411 ? 6 : 4))
            .withName("rte_eth_rss_conf");
    }

    /**
     * The layout of this struct
     */
    public static final GroupLayout layout() {
        return $LAYOUT;
    }

    private static final AddressLayout rss_key$LAYOUT = (AddressLayout)$LAYOUT.select(groupElement("rss_key"));

    /**
     * Layout for field:
     * {@snippet lang=c :
     * void * rss_key
     * }
     */
    public static final AddressLayout rss_key$layout() {
        return rss_key$LAYOUT;
    }

    private static final long rss_key$OFFSET = $LAYOUT.byteOffset(groupElement("rss_key"));

    /**
     * Offset for field:
     * {@snippet lang=c :
     * void * rss_key
     * }
     */
    public static final long rss_key$offset() {
        return rss_key$OFFSET;
    }

    /**
     * Getter for field:
     * {@snippet lang=c :
     * void * rss_key
     * }
     */
    public static MemorySegment rss_key(MemorySegment struct) {
        return struct.get(rss_key$LAYOUT, rss_key$OFFSET);
    }

    /**
     * Setter for field:
     * {@snippet lang=c :
     * void * rss_key
     * }
     */
    public static void rss_key(MemorySegment struct, MemorySegment fieldValue) {
        struct.set(rss_key$LAYOUT, rss_key$OFFSET, fieldValue);
    }

    private static final ValueLayout.OfByte rss_key_len$LAYOUT = (ValueLayout.OfByte)$LAYOUT.select(groupElement("rss_key_len"));

    /**
     * Layout for field:
     * {@snippet lang=c :
     * uint8_t rss_key_len
     * }
     */
    public static final ValueLayout.OfByte rss_key_len$layout() {
        return rss_key_len$LAYOUT;
    }

    private static final long rss_key_len$OFFSET = $LAYOUT.byteOffset(groupElement("rss_key_len"));

    /**
     * Offset for field:
     * {@snippet lang=c :
     * uint8_t rss_key_len
     * }
     */
    public static final long rss_key_len$offset() {
        return rss_key_len$OFFSET;
    }

    /**
     * Getter for field:
     * {@snippet lang=c :
     * uint8_t rss_key_len
     * }
     */
    public static byte rss_key_len(MemorySegment struct) {
        return struct.get(rss_key_len$LAYOUT, rss_key_len$OFFSET);
    }

    /**
     * Setter for field:
     * {@snippet lang=c :
     * uint8_t rss_key_len
     * }
     */
    public static void rss_key_len(MemorySegment struct, byte fieldValue) {
        struct.set(rss_key_len$LAYOUT, rss_key_len$OFFSET, fieldValue);
    }

    private static final ValueLayout.OfLong rss_hf$LAYOUT = (ValueLayout.OfLong)$LAYOUT.select(groupElement("rss_hf"));

    /**
     * Layout for field:
     * {@snippet lang=c :
     * uint64_t rss_hf
     * }
     */
    public static final ValueLayout.OfLong rss_hf$layout() {
        return rss_hf$LAYOUT;
    }

    private static final long rss_hf$OFFSET = $LAYOUT.byteOffset(groupElement("rss_hf"));

    /**
     * Offset for field:
     * {@snippet lang=c :
     * uint64_t rss_hf
     * }
     */
    public static final long rss_hf$offset() {
        return rss_hf$OFFSET;
    }

    /**
     * Getter for field:
     * {@snippet lang=c :
     * uint64_t rss_hf
     * }
     */
    public static long rss_hf(MemorySegment struct) {
        return struct.get(rss_hf$LAYOUT, rss_hf$OFFSET);
    }

    /**
     * Setter for field:
     * {@snippet lang=c :
     * uint64_t rss_hf
     * }
     */
    public static void rss_hf(MemorySegment struct, long fieldValue) {
        struct.set(rss_hf$LAYOUT, rss_hf$OFFSET, fieldValue);
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
