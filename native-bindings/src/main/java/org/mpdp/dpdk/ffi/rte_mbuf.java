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
 * struct rte_mbuf (first cache line and next; other members are padding)
 * }
 */
@SuppressWarnings("unused")
public class rte_mbuf {

    rte_mbuf() {
        // Should not be called directly
    }

    private static final GroupLayout $LAYOUT = MemoryLayout.structLayout(
        dpdk_h.C_POINTER.withName("buf_addr"),
        MemoryLayout.paddingLayout(8),
        dpdk_h.C_SHORT.withName("data_off"),
        dpdk_h.C_SHORT.withName("refcnt"),
        dpdk_h.C_SHORT.withName("nb_segs"),
        dpdk_h.C_SHORT.withName("port"),
        dpdk_h.C_LONG_LONG.withName("ol_flags"),
        dpdk_h.C_INT.withName("packet_type"),
        dpdk_h.C_INT.withName("pkt_len"),
        dpdk_h.C_SHORT.withName("data_len"),
        dpdk_h.C_SHORT.withName("vlan_tci"),
        dpdk_h.C_INT.withName("hash"),
        MemoryLayout.paddingLayout(6),
        dpdk_h.C_SHORT.withName("buf_len"),
        dpdk_h.C_POINTER.withName("pool"),
        dpdk_h.C_POINTER.withName("next"),
        MemoryLayout.paddingLayout(56)
    ).withByteAlignment(64).withName("rte_mbuf");

    /**
     * The layout of this struct
     */
    public static final GroupLayout layout() {
        return $LAYOUT;
    }

    private static final AddressLayout buf_addr$LAYOUT = (AddressLayout)$LAYOUT.select(groupElement("buf_addr"));

    /**
     * Layout for field:
     * {@snippet lang=c :
     * void * buf_addr
     * }
     */
    public static final AddressLayout buf_addr$layout() {
        return buf_addr$LAYOUT;
    }

    private static final long buf_addr$OFFSET = 0;

    /**
     * Offset for field:
     * {@snippet lang=c :
     * void * buf_addr
     * }
     */
    public static final long buf_addr$offset() {
        return buf_addr$OFFSET;
    }

    /**
     * Getter for field:
     * {@snippet lang=c :
     * void * buf_addr
     * }
     */
    public static MemorySegment buf_addr(MemorySegment struct) {
        return struct.get(buf_addr$LAYOUT, buf_addr$OFFSET);
    }

    /**
     * Setter for field:
     * {@snippet lang=c :
     * void * buf_addr
     * }
     */
    public static void buf_addr(MemorySegment struct, MemorySegment fieldValue) {
        struct.set(buf_addr$LAYOUT, buf_addr$OFFSET, fieldValue);
    }

    private static final ValueLayout.OfShort data_off$LAYOUT = (ValueLayout.OfShort)$LAYOUT.select(groupElement("data_off"));

    /**
     * Layout for field:
     * {@snippet lang=c :
     * uint16_t data_off
     * }
     */
    public static final ValueLayout.OfShort data_off$layout() {
        return data_off$LAYOUT;
    }

    private static final long data_off$OFFSET = 16;

    /**
     * Offset for field:
     * {@snippet lang=c :
     * uint16_t data_off
     * }
     */
    public static final long data_off$offset() {
        return data_off$OFFSET;
    }

    /**
     * Getter for field:
     * {@snippet lang=c :
     * uint16_t data_off
     * }
     */
    public static short data_off(MemorySegment struct) {
        return struct.get(data_off$LAYOUT, data_off$OFFSET);
    }

    /**
     * Setter for field:
     * {@snippet lang=c :
     * uint16_t data_off
     * }
     */
    public static void data_off(MemorySegment struct, short fieldValue) {
        struct.set(data_off$LAYOUT, data_off$OFFSET, fieldValue);
    }

    private static final ValueLayout.OfShort refcnt$LAYOUT = (ValueLayout.OfShort)$LAYOUT.select(groupElement("refcnt"));

    /**
     * Layout for field:
     * {@snippet lang=c :
     * uint16_t refcnt
     * }
     */
    public static final ValueLayout.OfShort refcnt$layout() {
        return refcnt$LAYOUT;
    }

    private static final long refcnt$OFFSET = 18;

    /**
     * Offset for field:
     * {@snippet lang=c :
     * uint16_t refcnt
     * }
     */
    public static final long refcnt$offset() {
        return refcnt$OFFSET;
    }

    /**
     * Getter for field:
     * {@snippet lang=c :
     * uint16_t refcnt
     * }
     */
    public static short refcnt(MemorySegment struct) {
        return struct.get(refcnt$LAYOUT, refcnt$OFFSET);
    }

    /**
     * Setter for field:
     * {@snippet lang=c :
     * uint16_t refcnt
     * }
     */
    public static void refcnt(MemorySegment struct, short fieldValue) {
        struct.set(refcnt$LAYOUT, refcnt$OFFSET, fieldValue);
    }

    private static final ValueLayout.OfShort nb_segs$LAYOUT = (ValueLayout.OfShort)$LAYOUT.select(groupElement("nb_segs"));

    /**
     * Layout for field:
     * {@snippet lang=c :
     * uint16_t nb_segs
     * }
     */
    public static final ValueLayout.OfShort nb_segs$layout() {
        return nb_segs$LAYOUT;
    }

    private static final long nb_segs$OFFSET = 20;

    /**
     * Offset for field:
     * {@snippet lang=c :
     * uint16_t nb_segs
     * }
     */
    public static final long nb_segs$offset() {
        return nb_segs$OFFSET;
    }

    /**
     * Getter for field:
     * {@snippet lang=c :
     * uint16_t nb_segs
     * }
     */
    public static short nb_segs(MemorySegment struct) {
        return struct.get(nb_segs$LAYOUT, nb_segs$OFFSET);
    }

    /**
     * Setter for field:
     * {@snippet lang=c :
     * uint16_t nb_segs
     * }
     */
    public static void nb_segs(MemorySegment struct, short fieldValue) {
        struct.set(nb_segs$LAYOUT, nb_segs$OFFSET, fieldValue);
    }

    private static final ValueLayout.OfShort port$LAYOUT = (ValueLayout.OfShort)$LAYOUT.select(groupElement("port"));

    /**
     * Layout for field:
     * {@snippet lang=c :
     * uint16_t port
     * }
     */
    public static final ValueLayout.OfShort port$layout() {
        return port$LAYOUT;
    }

    private static final long port$OFFSET = 22;

    /**
     * Offset for field:
     * {@snippet lang=c :
     * uint16_t port
     * }
     */
    public static final long port$offset() {
        return port$OFFSET;
    }

    /**
     * Getter for field:
     * {@snippet lang=c :
     * uint16_t port
     * }
     */
    public static short port(MemorySegment struct) {
        return struct.get(port$LAYOUT, port$OFFSET);
    }

    /**
     * Setter for field:
     * {@snippet lang=c :
     * uint16_t port
     * }
     */
    public static void port(MemorySegment struct, short fieldValue) {
        struct.set(port$LAYOUT, port$OFFSET, fieldValue);
    }

    private static final ValueLayout.OfLong ol_flags$LAYOUT = (ValueLayout.OfLong)$LAYOUT.select(groupElement("ol_flags"));

    /**
     * Layout for field:
     * {@snippet lang=c :
     * uint64_t ol_flags
     * }
     */
    public static final ValueLayout.OfLong ol_flags$layout() {
        return ol_flags$LAYOUT;
    }

    private static final long ol_flags$OFFSET = 24;

    /**
     * Offset for field:
     * {@snippet lang=c :
     * uint64_t ol_flags
     * }
     */
    public static final long ol_flags$offset() {
        return ol_flags$OFFSET;
    }

    /**
     * Getter for field:
     * {@snippet lang=c :
     * uint64_t ol_flags
     * }
     */
    public static long ol_flags(MemorySegment struct) {
        return struct.get(ol_flags$LAYOUT, ol_flags$OFFSET);
    }

    /**
     * Setter for field:
     * {@snippet lang=c :
     * uint64_t ol_flags
     * }
     */
    public static void ol_flags(MemorySegment struct, long fieldValue) {
        struct.set(ol_flags$LAYOUT, ol_flags$OFFSET, fieldValue);
    }

    private static final ValueLayout.OfInt packet_type$LAYOUT = (ValueLayout.OfInt)$LAYOUT.select(groupElement("packet_type"));

    /**
     * Layout for field:
     * {@snippet lang=c :
     * uint32_t packet_type
     * }
     */
    public static final ValueLayout.OfInt packet_type$layout() {
        return packet_type$LAYOUT;
    }

    private static final long packet_type$OFFSET = 32;

    /**
     * Offset for field:
     * {@snippet lang=c :
     * uint32_t packet_type
     * }
     */
    public static final long packet_type$offset() {
        return packet_type$OFFSET;
    }

    /**
     * Getter for field:
     * {@snippet lang=c :
     * uint32_t packet_type
     * }
     */
    public static int packet_type(MemorySegment struct) {
        return struct.get(packet_type$LAYOUT, packet_type$OFFSET);
    }

    /**
     * Setter for field:
     * {@snippet lang=c :
     * uint32_t packet_type
     * }
     */
    public static void packet_type(MemorySegment struct, int fieldValue) {
        struct.set(packet_type$LAYOUT, packet_type$OFFSET, fieldValue);
    }

    private static final ValueLayout.OfInt pkt_len$LAYOUT = (ValueLayout.OfInt)$LAYOUT.select(groupElement("pkt_len"));

    /**
     * Layout for field:
     * {@snippet lang=c :
     * uint32_t pkt_len
     * }
     */
    public static final ValueLayout.OfInt pkt_len$layout() {
        return pkt_len$LAYOUT;
    }

    private static final long pkt_len$OFFSET = 36;

    /**
     * Offset for field:
     * {@snippet lang=c :
     * uint32_t pkt_len
     * }
     */
    public static final long pkt_len$offset() {
        return pkt_len$OFFSET;
    }

    /**
     * Getter for field:
     * {@snippet lang=c :
     * uint32_t pkt_len
     * }
     */
    public static int pkt_len(MemorySegment struct) {
        return struct.get(pkt_len$LAYOUT, pkt_len$OFFSET);
    }

    /**
     * Setter for field:
     * {@snippet lang=c :
     * uint32_t pkt_len
     * }
     */
    public static void pkt_len(MemorySegment struct, int fieldValue) {
        struct.set(pkt_len$LAYOUT, pkt_len$OFFSET, fieldValue);
    }

    private static final ValueLayout.OfShort data_len$LAYOUT = (ValueLayout.OfShort)$LAYOUT.select(groupElement("data_len"));

    /**
     * Layout for field:
     * {@snippet lang=c :
     * uint16_t data_len
     * }
     */
    public static final ValueLayout.OfShort data_len$layout() {
        return data_len$LAYOUT;
    }

    private static final long data_len$OFFSET = 40;

    /**
     * Offset for field:
     * {@snippet lang=c :
     * uint16_t data_len
     * }
     */
    public static final long data_len$offset() {
        return data_len$OFFSET;
    }

    /**
     * Getter for field:
     * {@snippet lang=c :
     * uint16_t data_len
     * }
     */
    public static short data_len(MemorySegment struct) {
        return struct.get(data_len$LAYOUT, data_len$OFFSET);
    }

    /**
     * Setter for field:
     * {@snippet lang=c :
     * uint16_t data_len
     * }
     */
    public static void data_len(MemorySegment struct, short fieldValue) {
        struct.set(data_len$LAYOUT, data_len$OFFSET, fieldValue);
    }

    private static final ValueLayout.OfShort vlan_tci$LAYOUT = (ValueLayout.OfShort)$LAYOUT.select(groupElement("vlan_tci"));

    /**
     * Layout for field:
     * {@snippet lang=c :
     * uint16_t vlan_tci
     * }
     */
    public static final ValueLayout.OfShort vlan_tci$layout() {
        return vlan_tci$LAYOUT;
    }

    private static final long vlan_tci$OFFSET = 42;

    /**
     * Offset for field:
     * {@snippet lang=c :
     * uint16_t vlan_tci
     * }
     */
    public static final long vlan_tci$offset() {
        return vlan_tci$OFFSET;
    }

    /**
     * Getter for field:
     * {@snippet lang=c :
     * uint16_t vlan_tci
     * }
     */
    public static short vlan_tci(MemorySegment struct) {
        return struct.get(vlan_tci$LAYOUT, vlan_tci$OFFSET);
    }

    /**
     * Setter for field:
     * {@snippet lang=c :
     * uint16_t vlan_tci
     * }
     */
    public static void vlan_tci(MemorySegment struct, short fieldValue) {
        struct.set(vlan_tci$LAYOUT, vlan_tci$OFFSET, fieldValue);
    }

    private static final ValueLayout.OfInt hash$LAYOUT = (ValueLayout.OfInt)$LAYOUT.select(groupElement("hash"));

    /**
     * Layout for field:
     * {@snippet lang=c :
     * uint32_t hash  // hash.rss (first member of the hash union)
     * }
     */
    public static final ValueLayout.OfInt hash$layout() {
        return hash$LAYOUT;
    }

    private static final long hash$OFFSET = 44;

    /**
     * Offset for field:
     * {@snippet lang=c :
     * uint32_t hash
     * }
     */
    public static final long hash$offset() {
        return hash$OFFSET;
    }

    /**
     * Getter for field:
     * {@snippet lang=c :
     * uint32_t hash
     * }
     */
    public static int hash(MemorySegment struct) {
        return struct.get(hash$LAYOUT, hash$OFFSET);
    }

    /**
     * Setter for field:
     * {@snippet lang=c :
     * uint32_t hash
     * }
     */
    public static void hash(MemorySegment struct, int fieldValue) {
        struct.set(hash$LAYOUT, hash$OFFSET, fieldValue);
    }

    private static final ValueLayout.OfShort buf_len$LAYOUT = (ValueLayout.OfShort)$LAYOUT.select(groupElement("buf_len"));

    /**
     * Layout for field:
     * {@snippet lang=c :
     * uint16_t buf_len
     * }
     */
    public static final ValueLayout.OfShort buf_len$layout() {
        return buf_len$LAYOUT;
    }

    private static final long buf_len$OFFSET = 54;

    /**
     * Offset for field:
     * {@snippet lang=c :
     * uint16_t buf_len
     * }
     */
    public static final long buf_len$offset() {
        return buf_len$OFFSET;
    }

    /**
     * Getter for field:
     * {@snippet lang=c :
     * uint16_t buf_len
     * }
     */
    public static short buf_len(MemorySegment struct) {
        return struct.get(buf_len$LAYOUT, buf_len$OFFSET);
    }

    /**
     * Setter for field:
     * {@snippet lang=c :
     * uint16_t buf_len
     * }
     */
    public static void buf_len(MemorySegment struct, short fieldValue) {
        struct.set(buf_len$LAYOUT, buf_len$OFFSET, fieldValue);
    }

    private static final AddressLayout pool$LAYOUT = (AddressLayout)$LAYOUT.select(groupElement("pool"));

    /**
     * Layout for field:
     * {@snippet lang=c :
     * void * pool
     * }
     */
    public static final AddressLayout pool$layout() {
        return pool$LAYOUT;
    }

    private static final long pool$OFFSET = 56;

    /**
     * Offset for field:
     * {@snippet lang=c :
     * void * pool
     * }
     */
    public static final long pool$offset() {
        return pool$OFFSET;
    }

    /**
     * Getter for field:
     * {@snippet lang=c :
     * void * pool
     * }
     */
    public static MemorySegment pool(MemorySegment struct) {
        return struct.get(pool$LAYOUT, pool$OFFSET);
    }

    /**
     * Setter for field:
     * {@snippet lang=c :
     * void * pool
     * }
     */
    public static void pool(MemorySegment struct, MemorySegment fieldValue) {
        struct.set(pool$LAYOUT, pool$OFFSET, fieldValue);
    }

    private static final AddressLayout next$LAYOUT = (AddressLayout)$LAYOUT.select(groupElement("next"));

    /**
     * Layout for field:
     * {@snippet lang=c :
     * void * next
     * }
     */
    public static final AddressLayout next$layout() {
        return next$LAYOUT;
    }

    private static final long next$OFFSET = 64;

    /**
     * Offset for field:
     * {@snippet lang=c :
     * void * next
     * }
     */
    public static final long next$offset() {
        return next$OFFSET;
    }

    /**
     * Getter for field:
     * {@snippet lang=c :
     * void * next
     * }
     */
    public static MemorySegment next(MemorySegment struct) {
        return struct.get(next$LAYOUT, next$OFFSET);
    }

    /**
     * Setter for field:
     * {@snippet lang=c :
     * void * next
     * }
     */
    public static void next(MemorySegment struct, MemorySegment fieldValue) {
        struct.set(next$LAYOUT, next$OFFSET, fieldValue);
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
