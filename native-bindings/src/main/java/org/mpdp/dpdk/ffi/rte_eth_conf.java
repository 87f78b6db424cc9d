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
 * struct rte_eth_conf (rx_adv_conf starts with rss_conf; other members are padding)
 * }
 */
@SuppressWarnings("unused")
public class rte_eth_conf {

    rte_eth_conf() {
        // Should not be called directly
    }

    private static final GroupLayout $LAYOUT = layout(org.mpdp.dpdk.DpdkAbi.current().release());

    /**
     * The layout in a given release: rx_adv_conf.rss_conf is 8 bytes longer in 24.11
     * ({@link rte_eth_rss_conf#layout(int)}), so the whole struct does (2272 to 2280).
     *
     * @param release DPDK release as YYMM.
     * @return the layout of struct rte_eth_conf there.
     */
    public static GroupLayout layout(final int release) {
        return MemoryLayout.structLayout(
            dpdk_h.C_INT.withName("link_speeds"),
            MemoryLayout.paddingLayout(4),
            rte_eth_rxmode.layout().withName("rxmode"),
            rte_eth_txmode.layout().withName("txmode"),
            MemoryLayout.paddingLayout(8),
            rte_eth_rss_conf.layout(release).withName("rss_conf"),
            MemoryLayout.paddingLayout(2120)
        ).withName("rte_eth_conf");
    }

    /**
     * The layout of this struct
     */
    public static final GroupLayout layout() {
        return $LAYOUT;
    }

    private static final ValueLayout.OfInt link_speeds$LAYOUT = (ValueLayout.OfInt)$LAYOUT.select(groupElement("link_speeds"));

    /**
     * Layout for field:
     * {@snippet lang=c :
     * uint32_t link_speeds
     * }
     */
    public static final ValueLayout.OfInt link_speeds$layout() {
        return link_speeds$LAYOUT;
    }

    private static final long link_speeds$OFFSET = $LAYOUT.byteOffset(groupElement("link_speeds"));

    /**
     * Offset for field:
     * {@snippet lang=c :
     * uint32_t link_speeds
     * }
     */
    public static final long link_speeds$offset() {
        return link_speeds$OFFSET;
    }

    /**
     * Getter for field:
     * {@snippet lang=c :
     * uint32_t link_speeds
     * }
     */
    public static int link_speeds(MemorySegment struct) {
        return struct.get(link_speeds$LAYOUT, link_speeds$OFFSET);
    }

    /**
     * Setter for field:
     * {@snippet lang=c :
     * uint32_t link_speeds
     * }
     */
    public static void link_speeds(MemorySegment struct, int fieldValue) {
        struct.set(link_speeds$LAYOUT, link_speeds$OFFSET, fieldValue);
    }

    private static final GroupLayout rxmode$LAYOUT = (GroupLayout)$LAYOUT.select(groupElement("rxmode"));

    /**
     * Layout for field:
     * {@snippet lang=c :
     * struct rte_eth_rxmode rxmode
     * }
     */
    public static final GroupLayout rxmode$layout() {
        return rxmode$LAYOUT;
    }

    private static final long rxmode$OFFSET = $LAYOUT.byteOffset(groupElement("rxmode"));

    /**
     * Offset for field:
     * {@snippet lang=c :
     * struct rte_eth_rxmode rxmode
     * }
     */
    public static final long rxmode$offset() {
        return rxmode$OFFSET;
    }

    /**
     * Getter for field:
     * {@snippet lang=c :
     * struct rte_eth_rxmode rxmode
     * }
     */
    public static MemorySegment rxmode(MemorySegment struct) {
        return struct.asSlice(rxmode$OFFSET, rxmode$LAYOUT.byteSize());
    }

    private static final GroupLayout txmode$LAYOUT = (GroupLayout)$LAYOUT.select(groupElement("txmode"));

    /**
     * Layout for field:
     * {@snippet lang=c :
     * struct rte_eth_txmode txmode
     * }
     */
    public static final GroupLayout txmode$layout() {
        return txmode$LAYOUT;
    }

    private static final long txmode$OFFSET = $LAYOUT.byteOffset(groupElement("txmode"));

    /**
     * Offset for field:
     * {@snippet lang=c :
     * struct rte_eth_txmode txmode
     * }
     */
    public static final long txmode$offset() {
        return txmode$OFFSET;
    }

    /**
     * Getter for field:
     * {@snippet lang=c :
     * struct rte_eth_txmode txmode
     * }
     */
    public static MemorySegment txmode(MemorySegment struct) {
        return struct.asSlice(txmode$OFFSET, txmode$LAYOUT.byteSize());
    }

    private static final GroupLayout rss_conf$LAYOUT = (GroupLayout)$LAYOUT.select(groupElement("rss_conf"));

    /**
     * Layout for field:
     * {@snippet lang=c :
     * struct rte_eth_rss_conf rx_adv_conf.rss_conf
     * }
     */
    public static final GroupLayout rss_conf$layout() {
        return rss_conf$LAYOUT;
    }

    private static final long rss_conf$OFFSET = $LAYOUT.byteOffset(groupElement("rss_conf"));

    /**
     * Offset for field:
     * {@snippet lang=c :
     * struct rte_eth_rss_conf rx_adv_conf.rss_conf
     * }
     */
    public static final long rss_conf$offset() {
        return rss_conf$OFFSET;
    }

    /**
     * Getter for field:
     * {@snippet lang=c :
     * struct rte_eth_rss_conf rx_adv_conf.rss_conf
     * }
     */
    public static MemorySegment rss_conf(MemorySegment struct) {
        return struct.asSlice(rss_conf$OFFSET, rss_conf$LAYOUT.byteSize());
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
