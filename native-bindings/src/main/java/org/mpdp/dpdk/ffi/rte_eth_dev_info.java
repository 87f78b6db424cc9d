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
 * struct rte_eth_dev_info (members mpdp reads; the rest is padding)
 * }
 */
@SuppressWarnings("unused")
public class rte_eth_dev_info {

    rte_eth_dev_info() {
        // Should not be called directly
    }

    private static final GroupLayout $LAYOUT = layout(org.mpdp.dpdk.DpdkAbi.current().release());

    /**
     * The layout in a given release. 24.11 has {@code uint32_t max_rx_bufsize} after min_rx_bufsize,
     * which 22.11 has not: max_rx_pktlen, max_rx_queues and max_tx_queues are 4 bytes further on
     * (the size stays 376). Only 22.11 and 24.11 are probe-checked (DpdkAbi refuses other releases).
     *
     * @param release DPDK release as YYMM.
     * @return the layout of struct rte_eth_dev_info there.
     */
    public static GroupLayout layout(final int release) {
        final long bufsizes = release >= 2411 ? 16 : 12;
        return MemoryLayout.structLayout(
        MemoryLayout.paddingLayout(8),
        dpdk_h.C_POINTER.withName("driver_name"),
        dpdk_h.C_INT.withName("if_index"),
        dpdk_h.C_SHORT.withName("min_mtu"),
        dpdk_h.C_SHORT.withName("max_mtu"),
        MemoryLayout.paddingLayout(bufsizes),
        dpdk_h.C_INT.withName("max_rx_pktlen"),
        MemoryLayout.paddingLayout(4),
        dpdk_h.C_SHORT.withName("max_rx_queues"),
        dpdk_h.C_SHORT.withName("max_tx_queues"),
        MemoryLayout.paddingLayout(36 - bufsizes),
        dpdk_h.C_LONG_LONG.withName("rx_offload_capa"),
        dpdk_h.C_LONG_LONG.withName("tx_offload_capa"),
        MemoryLayout.paddingLayout(16),
        dpdk_h.C_SHORT.withName("reta_size"),
        dpdk_h.C_CHAR.withName("hash_key_size"),
        MemoryLayout.paddingLayout(5),
        dpdk_h.C_LONG_LONG.withName("flow_type_rss_offloads"),
        MemoryLayout.paddingLayout(168),
        dpdk_h.C_SHORT.withName("nb_rx_queues"),
        dpdk_h.C_SHORT.withName("nb_tx_queues"),
        MemoryLayout.paddingLayout(84)
        ).withName("rte_eth_dev_info");
    }

    /**
     * The layout of this struct
     */
    public static final GroupLayout layout() {
        return $LAYOUT;
    }

    private static final AddressLayout driver_name$LAYOUT = (AddressLayout)$LAYOUT.select(groupElement("driver_name"));

    /**
     * Layout for field:
     * {@snippet lang=c :
     * void * driver_name
     * }
     */
    public static final AddressLayout driver_name$layout() {
        return driver_name$LAYOUT;
    }

    private static final long driver_name$OFFSET = $LAYOUT.byteOffset(groupElement("driver_name"));

    /**
     * Offset for field:
     * {@snippet lang=c :
     * void * driver_name
     * }
     */
    public static final long driver_name$offset() {
        return driver_name$OFFSET;
    }

    /**
     * Getter for field:
     * {@snippet lang=c :
     * void * driver_name
     * }
     */
    public static MemorySegment driver_name(MemorySegment struct) {
        return struct.get(driver_name$LAYOUT, driver_name$OFFSET);
    }

    /**
     * Setter for field:
     * {@snippet lang=c :
     * void * driver_name
     * }
     */
    public static void driver_name(MemorySegment struct, MemorySegment fieldValue) {
        struct.set(driver_name$LAYOUT, driver_name$OFFSET, fieldValue);
    }

    private static final ValueLayout.OfInt if_index$LAYOUT = (ValueLayout.OfInt)$LAYOUT.select(groupElement("if_index"));

    /**
     * Layout for field:
     * {@snippet lang=c :
     * uint32_t if_index
     * }
     */
    public static final ValueLayout.OfInt if_index$layout() {
        return if_index$LAYOUT;
    }

    private static final long if_index$OFFSET = $LAYOUT.byteOffset(groupElement("if_index"));

    /**
     * Offset for field:
     * {@snippet lang=c :
     * uint32_t if_index
     * }
     */
    public static final long if_index$offset() {
        return if_index$OFFSET;
    }

    /**
     * Getter for field:
     * {@snippet lang=c :
     * uint32_t if_index
     * }
     */
    public static int if_index(MemorySegment struct) {
        return struct.get(if_index$LAYOUT, if_index$OFFSET);
    }

    /**
     * Setter for field:
     * {@snippet lang=c :
     * uint32_t if_index
     * }
     */
    public static void if_index(MemorySegment struct, int fieldValue) {
        struct.set(if_index$LAYOUT, if_index$OFFSET, fieldValue);
    }

    private static final ValueLayout.OfShort min_mtu$LAYOUT = (ValueLayout.OfShort)$LAYOUT.select(groupElement("min_mtu"));

    /**
     * Layout for field:
     * {@snippet lang=c :
     * uint16_t min_mtu
     * }
     */
    public static final ValueLayout.OfShort min_mtu$layout() {
        return min_mtu$LAYOUT;
    }

    private static final long min_mtu$OFFSET = $LAYOUT.byteOffset(groupElement("min_mtu"));

    /**
     * Offset for field:
     * {@snippet lang=c :
     * uint16_t min_mtu
     * }
     */
    public static final long min_mtu$offset() {
        return min_mtu$OFFSET;
    }

    /**
     * Getter for field:
     * {@snippet lang=c :
     * uint16_t min_mtu
     * }
     */
    public static short min_mtu(MemorySegment struct) {
        return struct.get(min_mtu$LAYOUT, min_mtu$OFFSET);
    }

    /**
     * Setter for field:
     * {@snippet lang=c :
     * uint16_t min_mtu
     * }
     */
    public static void min_mtu(MemorySegment struct, short fieldValue) {
        struct.set(min_mtu$LAYOUT, min_mtu$OFFSET, fieldValue);
    }

    private static final ValueLayout.OfShort max_mtu$LAYOUT = (ValueLayout.OfShort)$LAYOUT.select(groupElement("max_mtu"));

    /**
     * Layout for field:
     * {@snippet lang=c :
     * uint16_t max_mtu
     * }
     */
    public static final ValueLayout.OfShort max_mtu$layout() {
        return max_mtu$LAYOUT;
    }

    private static final long max_mtu$OFFSET = $LAYOUT.byteOffset(groupElement("max_mtu"));

    /**
     * Offset for field:
     * {@snippet lang=c :
     * uint16_t max_mtu
     * }
     */
    public static final long max_mtu$offset() {
        return max_mtu$OFFSET;
    }

    /**
     * Getter for field:
     * {@snippet lang=c :
     * uint16_t max_mtu
     * }
     */
    public static short max_mtu(MemorySegment struct) {
        return struct.get(max_mtu$LAYOUT, max_mtu$OFFSET);
    }

    /**
     * Setter for field:
     * {@snippet lang=c :
     * uint16_t max_mtu
     * }
     */
    public static void max_mtu(MemorySegment struct, short fieldValue) {
        struct.set(max_mtu$LAYOUT, max_mtu$OFFSET, fieldValue);
    }

    private static final ValueLayout.OfInt max_rx_pktlen$LAYOUT = (ValueLayout.OfInt)$LAYOUT.select(groupElement("max_rx_pktlen"));

    /**
     * Layout for field:
     * {@snippet lang=c :
     * uint32_t max_rx_pktlen
     * }
     */
    public static final ValueLayout.OfInt max_rx_pktlen$layout() {
        return max_rx_pktlen$LAYOUT;
    }

    private static final long max_rx_pktlen$OFFSET = $LAYOUT.byteOffset(groupElement("max_rx_pktlen"));

    /**
     * Offset for field:
     * {@snippet lang=c :
     * uint32_t max_rx_pktlen
     * }
     */
    public static final long max_rx_pktlen$offset() {
        return max_rx_pktlen$OFFSET;
    }

    /**
     * Getter for field:
     * {@snippet lang=c :
     * uint32_t max_rx_pktlen
     * }
     */
    public static int max_rx_pktlen(MemorySegment struct) {
        return struct.get(max_rx_pktlen$LAYOUT, max_rx_pktlen$OFFSET);
    }

    /**
     * Setter for field:
     * {@snippet lang=c :
     * uint32_t max_rx_pktlen
     * }
     */
    public static void max_rx_pktlen(MemorySegment struct, int fieldValue) {
        struct.set(max_rx_pktlen$LAYOUT, max_rx_pktlen$OFFSET, fieldValue);
    }

    private static final ValueLayout.OfShort max_rx_queues$LAYOUT = (ValueLayout.OfShort)$LAYOUT.select(groupElement("max_rx_queues"));

    /**
     * Layout for field:
     * {@snippet lang=c :
     * uint16_t max_rx_queues
     * }
     */
    public static final ValueLayout.OfShort max_rx_queues$layout() {
        return max_rx_queues$LAYOUT;
    }

    private static final long max_rx_queues$OFFSET = $LAYOUT.byteOffset(groupElement("max_rx_queues"));

    /**
     * Offset for field:
     * {@snippet lang=c :
     * uint16_t max_rx_queues
     * }
     */
    public static final long max_rx_queues$offset() {
        return max_rx_queues$OFFSET;
    }

    /**
     * Getter for field:
     * {@snippet lang=c :
     * uint16_t max_rx_queues
     * }
     */
    public static short max_rx_queues(MemorySegment struct) {
        return struct.get(max_rx_queues$LAYOUT, max_rx_queues$OFFSET);
    }

    /**
     * Setter for field:
     * {@snippet lang=c :
     * uint16_t max_rx_queues
     * }
     */
    public static void max_rx_queues(MemorySegment struct, short fieldValue) {
        struct.set(max_rx_queues$LAYOUT, max_rx_queues$OFFSET, fieldValue);
    }

    private static final ValueLayout.OfShort max_tx_queues$LAYOUT = (ValueLayout.OfShort)$LAYOUT.select(groupElement("max_tx_queues"));

    /**
     * Layout for field:
     * {@snippet lang=c :
     * uint16_t max_tx_queues
     * }
     */
    public static final ValueLayout.OfShort max_tx_queues$layout() {
        return max_tx_queues$LAYOUT;
    }

    private static final long max_tx_queues$OFFSET = $LAYOUT.byteOffset(groupElement("max_tx_queues"));

    /**
     * Offset for field:
     * {@snippet lang=c :
     * uint16_t max_tx_queues
     * }
     */
    public static final long max_tx_queues$offset() {
        return max_tx_queues$OFFSET;
    }

    /**
     * Getter for field:
     * {@snippet lang=c :
     * uint16_t max_tx_queues
     * }
     */
    public static short max_tx_queues(MemorySegment struct) {
        return struct.get(max_tx_queues$LAYOUT, max_tx_queues$OFFSET);
    }

    /**
     * Setter for field:
     * {@snippet lang=c :
     * uint16_t max_tx_queues
     * }
     */
    public static void max_tx_queues(MemorySegment struct, short fieldValue) {
        struct.set(max_tx_queues$LAYOUT, max_tx_queues$OFFSET, fieldValue);
    }

    private static final ValueLayout.OfLong rx_offload_capa$LAYOUT = (ValueLayout.OfLong)$LAYOUT.select(groupElement("rx_offload_capa"));

    /**
     * Layout for field:
     * {@snippet lang=c :
     * uint64_t rx_offload_capa
     * }
     */
    public static final ValueLayout.OfLong rx_offload_capa$layout() {
        return rx_offload_capa$LAYOUT;
    }

    private static final long rx_offload_capa$OFFSET = $LAYOUT.byteOffset(groupElement("rx_offload_capa"));

    /**
     * Offset for field:
     * {@snippet lang=c :
     * uint64_t rx_offload_capa
     * }
     */
    public static final long rx_offload_capa$offset() {
        return rx_offload_capa$OFFSET;
    }

    /**
     * Getter for field:
     * {@snippet lang=c :
     * uint64_t rx_offload_capa
     * }
     */
    public static long rx_offload_capa(MemorySegment struct) {
        return struct.get(rx_offload_capa$LAYOUT, rx_offload_capa$OFFSET);
    }

    /**
     * Setter for field:
     * {@snippet lang=c :
     * uint64_t rx_offload_capa
     * }
     */
    public static void rx_offload_capa(MemorySegment struct, long fieldValue) {
        struct.set(rx_offload_capa$LAYOUT, rx_offload_capa$OFFSET, fieldValue);
    }

    private static final ValueLayout.OfLong tx_offload_capa$LAYOUT = (ValueLayout.OfLong)$LAYOUT.select(groupElement("tx_offload_capa"));

    /**
     * Layout for field:
     * {@snippet lang=c :
     * uint64_t tx_offload_capa
     * }
     */
    public static final ValueLayout.OfLong tx_offload_capa$layout() {
        return tx_offload_capa$LAYOUT;
    }

    private static final long tx_offload_capa$OFFSET = $LAYOUT.byteOffset(groupElement("tx_offload_capa"));

    /**
     * Offset for field:
     * {@snippet lang=c :
     * uint64_t tx_offload_capa
     * }
     */
    public static final long tx_offload_capa$offset() {
        return tx_offload_capa$OFFSET;
    }

    /**
     * Getter for field:
     * {@snippet lang=c :
     * uint64_t tx_offload_capa
     * }
     */
    public static long tx_offload_capa(MemorySegment struct) {
        return struct.get(tx_offload_capa$LAYOUT, tx_offload_capa$OFFSET);
    }

    /**
     * Setter for field:
     * {@snippet lang=c :
     * uint64_t tx_offload_capa
     * }
     */
    public static void tx_offload_capa(MemorySegment struct, long fieldValue) {
        struct.set(tx_offload_capa$LAYOUT, tx_offload_capa$OFFSET, fieldValue);
    }

    private static final ValueLayout.OfShort reta_size$LAYOUT = (ValueLayout.OfShort)$LAYOUT.select(groupElement("reta_size"));

    /**
     * Layout for field:
     * {@snippet lang=c :
     * uint16_t reta_size
     * }
     */
    public static final ValueLayout.OfShort reta_size$layout() {
        return reta_size$LAYOUT;
    }

    private static final long reta_size$OFFSET = $LAYOUT.byteOffset(groupElement("reta_size"));

    /**
     * Offset for field:
     * {@snippet lang=c :
     * uint16_t reta_size
     * }
     */
    public static final long reta_size$offset() {
        return reta_size$OFFSET;
    }

    /**
     * Getter for field:
     * {@snippet lang=c :
     * uint16_t reta_size
     * }
     */
    public static short reta_size(MemorySegment struct) {
        return struct.get(reta_size$LAYOUT, reta_size$OFFSET);
    }

    /**
     * Setter for field:
     * {@snippet lang=c :
     * uint16_t reta_size
     * }
     */
    public static void reta_size(MemorySegment struct, short fieldValue) {
        struct.set(reta_size$LAYOUT, reta_size$OFFSET, fieldValue);
    }

    private static final ValueLayout.OfByte hash_key_size$LAYOUT = (ValueLayout.OfByte)$LAYOUT.select(groupElement("hash_key_size"));

    /**
     * Layout for field:
     * {@snippet lang=c :
     * uint8_t hash_key_size
     * }
     */
    public static final ValueLayout.OfByte hash_key_size$layout() {
        return hash_key_size$LAYOUT;
    }

    private static final long hash_key_size$OFFSET = $LAYOUT.byteOffset(groupElement("hash_key_size"));

    /**
     * Offset for field:
     * {@snippet lang=c :
     * uint8_t hash_key_size
     * }
     */
    public static final long hash_key_size$offset() {
        return hash_key_size$OFFSET;
    }

    /**
     * Getter for field:
     * {@snippet lang=c :
     * uint8_t hash_key_size
     * }
     */
    public static byte hash_key_size(MemorySegment struct) {
        return struct.get(hash_key_size$LAYOUT, hash_key_size$OFFSET);
    }

    /**
     * Setter for field:
     * {@snippet lang=c :
     * uint8_t hash_key_size
     * }
     */
    public static void hash_key_size(MemorySegment struct, byte fieldValue) {
        struct.set(hash_key_size$LAYOUT, hash_key_size$OFFSET, fieldValue);
    }

    private static final ValueLayout.OfLong flow_type_rss_offloads$LAYOUT = (ValueLayout.OfLong)$LAYOUT.select(groupElement("flow_type_rss_offloads"));

    /**
     * Layout for field:
     * {@snippet lang=c :
     * uint64_t flow_type_rss_offloads
     * }
     */
    public static final ValueLayout.OfLong flow_type_rss_offloads$layout() {
        return flow_type_rss_offloads$LAYOUT;
    }

    private static final long flow_type_rss_offloads$OFFSET = $LAYOUT.byteOffset(groupElement("flow_type_rss_offloads"));

    /**
     * Offset for field:
     * {@snippet lang=c :
     * uint64_t flow_type_rss_offloads
     * }
     */
    public static final long flow_type_rss_offloads$offset() {
        return flow_type_rss_offloads$OFFSET;
    }

    /**
     * Getter for field:
     * {@snippet lang=c :
     * uint64_t flow_type_rss_offloads
     * }
     */
    public static long flow_type_rss_offloads(MemorySegment struct) {
        return struct.get(flow_type_rss_offloads$LAYOUT, flow_type_rss_offloads$OFFSET);
    }

    /**
     * Setter for field:
     * {@snippet lang=c :
     * uint64_t flow_type_rss_offloads
     * }
     */
    public static void flow_type_rss_offloads(MemorySegment struct, long fieldValue) {
        struct.set(flow_type_rss_offloads$LAYOUT, flow_type_rss_offloads$OFFSET, fieldValue);
    }

    private static final ValueLayout.OfShort nb_rx_queues$LAYOUT = (ValueLayout.OfShort)$LAYOUT.select(groupElement("nb_rx_queues"));

    /**
     * Layout for field:
     * {@snippet lang=c :
     * uint16_t nb_rx_queues
     * }
     */
    public static final ValueLayout.OfShort nb_rx_queues$layout() {
        return nb_rx_queues$LAYOUT;
    }

    private static final long nb_rx_queues$OFFSET = $LAYOUT.byteOffset(groupElement("nb_rx_queues"));

    /**
     * Offset for field:
     * {@snippet lang=c :
     * uint16_t nb_rx_queues
     * }
     */
    public static final long nb_rx_queues$offset() {
        return nb_rx_queues$OFFSET;
    }

    /**
     * Getter for field:
     * {@snippet lang=c :
     * uint16_t nb_rx_queues
     * }
     */
    public static short nb_rx_queues(MemorySegment struct) {
        return struct.get(nb_rx_queues$LAYOUT, nb_rx_queues$OFFSET);
    }

    /**
     * Setter for field:
     * {@snippet lang=c :
     * uint16_t nb_rx_queues
     * }
     */
    public static void nb_rx_queues(MemorySegment struct, short fieldValue) {
        struct.set(nb_rx_queues$LAYOUT, nb_rx_queues$OFFSET, fieldValue);
    }

    private static final ValueLayout.OfShort nb_tx_queues$LAYOUT = (ValueLayout.OfShort)$LAYOUT.select(groupElement("nb_tx_queues"));

    /**
     * Layout for field:
     * {@snippet lang=c :
     * uint16_t nb_tx_queues
     * }
     */
    public static final ValueLayout.OfShort nb_tx_queues$layout() {
        return nb_tx_queues$LAYOUT;
    }

    private static final long nb_tx_queues$OFFSET = $LAYOUT.byteOffset(groupElement("nb_tx_queues"));

    /**
     * Offset for field:
     * {@snippet lang=c :
     * uint16_t nb_tx_queues
     * }
     */
    public static final long nb_tx_queues$offset() {
        return nb_tx_queues$OFFSET;
    }

    /**
     * Getter for field:
     * {@snippet lang=c :
     * uint16_t nb_tx_queues
     * }
     */
    public static short nb_tx_queues(MemorySegment struct) {
        return struct.get(nb_tx_queues$LAYOUT, nb_tx_queues$OFFSET);
    }

    /**
     * Setter for field:
     * {@snippet lang=c :
     * uint16_t nb_tx_queues
     * }
     */
    public static void nb_tx_queues(MemorySegment struct, short fieldValue) {
        struct.set(nb_tx_queues$LAYOUT, nb_tx_queues$OFFSET, fieldValue);
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
