package org.mpdp.dataplane.control;

import java.lang.foreign.Arena;

import org.agrona.concurrent.status.AtomicCounter;
import org.mpdp.dataplane.port.Burst;
import org.mpdp.dataplane.steer.BurstRing;
import org.mpdp.dataplane.steer.Wakeup;
import org.mpdp.dpdk.FastPath;

/**
 * How the control thread transmits: {@link #send} puts a frame on the injection ring of the worker that
 * owns injection for that port, and that worker sends it on its own TX queue of the port in its next
 * cycle.
 *
 * <p>Why a ring and not a TX queue of its own: a DPDK TX queue has one writer, so the control thread
 * would need one more queue per port. Not every driver has one to spare (net_af_packet has one TX queue
 * per {@code qpairs}, and more qpairs also fan its RX out over sockets nobody polls), and the extra
 * queue would change what the driver sees for the workers' queues. An injection ring per worker costs
 * the worker one empty-ring check per cycle and the frame one cycle of latency, and works on every
 * driver. Port {@code p}'s injections go to worker {@code p mod workers}; the ring is many-to-one, so
 * more than one control thread could share it later.
 *
 * <p>Control thread only (it owns the scratch array used to free and allocate).
 */
public final class Injector
{
    /** The queue field of an injected ring entry (it was never received). */
    public static final int INJECTED_QUEUE = -1;

    private final BurstRing[] ringByPort;
    private final Wakeup[] wakeByPort;
    private final long[] poolByPort;
    private final long[] macByPort;
    private final AtomicCounter injected;
    private final AtomicCounter refused;
    private final Burst scratch;

    /**
     * Built by the pipeline once its ports are open.
     *
     * @param ringByPort injection ring for each port id (null where there is no port).
     * @param wakeByPort the worker draining that ring, woken after each frame (null entries: none).
     * @param poolByPort rte_mempool address for each port id (frames built for it come from there).
     * @param macByPort  each port's MAC, as {@link org.mpdp.dataplane.port.Port#mac()}.
     * @param injected   counts frames put on an injection ring.
     * @param refused    counts frames refused (no such port, injection ring full): freed.
     * @param arena      owner of the scratch array.
     */
    public Injector(final BurstRing[] ringByPort, final Wakeup[] wakeByPort, final long[] poolByPort,
        final long[] macByPort, final AtomicCounter injected, final AtomicCounter refused, final Arena arena)
    {
        this.ringByPort = ringByPort.clone();
        this.wakeByPort = wakeByPort.clone();
        this.poolByPort = poolByPort.clone();
        this.macByPort = macByPort.clone();
        this.injected = injected;
        this.refused = refused;
        scratch = new Burst(1, arena);
    }

    /**
     * Queues a frame for a port's TX. Takes the mbuf in every case: when the frame cannot be queued it is
     * freed and counted as refused. A frame the driver then refuses is counted as the worker's tx-dropped.
     *
     * @param port port id.
     * @param mbuf a complete single-segment frame (data_len = pkt_len = the frame's length).
     * @return whether it was queued.
     */
    public boolean send(final int port, final long mbuf)
    {
        final BurstRing ring = port >= 0 && port < ringByPort.length ? ringByPort[port] : null;
        if (ring != null)
        {
            final int claim = ring.claim(1);
            if (claim >= 0)
            {
                ring.put(claim, 0, mbuf, 0, port, INJECTED_QUEUE);
                ring.commit(claim);
                injected.incrementRelease();
                if (wakeByPort[port] != null)
                {
                    wakeByPort[port].wake(); // its worker may be parked in a backoff: the frame goes now
                }
                return true;
            }
        }
        refused.incrementRelease();
        free(mbuf);
        return false;
    }

    /**
     * A fresh mbuf from the pool of a port's socket, for a frame built from scratch.
     *
     * @param port port id.
     * @return rte_mbuf address (empty, the caller's), or 0 when the pool is empty or there is no such port.
     */
    public long allocate(final int port)
    {
        if (port < 0 || port >= poolByPort.length || poolByPort[port] == 0 ||
            FastPath.allocBulk(poolByPort[port], scratch.pointers(), 1) != 0)
        {
            return 0;
        }
        return scratch.mbuf(0);
    }

    /**
     * Gives an mbuf back to its pool.
     *
     * @param mbuf rte_mbuf address, the caller's.
     */
    public void free(final long mbuf)
    {
        scratch.mbuf(0, mbuf);
        scratch.count(1);
        scratch.freeAll();
    }

    /**
     * @param port port id.
     * @return its MAC, the 6 bytes in wire order in the low 48 bits, or 0 for no such port.
     */
    public long mac(final int port)
    {
        return port >= 0 && port < macByPort.length ? macByPort[port] : 0;
    }
}
