package org.mpdp.dataplane.port;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import org.mpdp.dpdk.DpdkException;
import org.mpdp.dpdk.ffi.dpdk_h;
import org.mpdp.dpdk.ffi.shim_h;

/**
 * Two net_ring ports wired back to back (rte_eth_from_rings): what port A sends, port B receives,
 * and the other way. A plain {@code --vdev net_ring0} is a loopback onto itself; the pair is what a
 * cable between two NICs looks like.
 *
 * @param portA first port id.
 * @param portB second port id.
 */
public record RingPair(int portA, int portB)
{
    /**
     * Creates the two rings and the two ports. Call after EAL is up, before opening the ports.
     *
     * @param name     prefix for ring and port names (unique in the process).
     * @param ringSize ring slots, a power of two.
     * @param socket   NUMA socket for the rings.
     * @return the pair's port ids.
     */
    public static RingPair create(final String name, final int ringSize, final int socket)
    {
        try (Arena arena = Arena.ofConfined())
        {
            final MemorySegment aToB = ring(arena, name + "_ab", ringSize, socket);
            final MemorySegment bToA = ring(arena, name + "_ba", ringSize, socket);
            final MemorySegment aRx = arena.allocateFrom(ValueLayout.ADDRESS, bToA);
            final MemorySegment aTx = arena.allocateFrom(ValueLayout.ADDRESS, aToB);
            final int a = DpdkException.check(dpdk_h.rte_eth_from_rings(arena.allocateFrom(name + "_a"), aRx, 1, aTx, 1,
                socket), "rte_eth_from_rings(name=" + name + "_a)");
            final int b = DpdkException.check(dpdk_h.rte_eth_from_rings(arena.allocateFrom(name + "_b"), aTx, 1, aRx, 1,
                socket), "rte_eth_from_rings(name=" + name + "_b)");
            return new RingPair(a, b);
        }
    }

    private static MemorySegment ring(final Arena arena, final String name, final int size, final int socket)
    {
        // Single producer and consumer: each ring has one TX side and one RX side.
        final MemorySegment ring = dpdk_h.rte_ring_create(arena.allocateFrom(name), size, socket,
            dpdk_h.RING_F_SP_ENQ() | dpdk_h.RING_F_SC_DEQ());
        if (ring.equals(MemorySegment.NULL))
        {
            final int err = shim_h.mpdp_errno();
            throw new DpdkException("rte_ring_create(name=" + name + ", size=" + size + ") failed: " +
                DpdkException.strerror(err), err);
        }
        return ring;
    }
}
