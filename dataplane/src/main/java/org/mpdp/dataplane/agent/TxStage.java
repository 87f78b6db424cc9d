package org.mpdp.dataplane.agent;

import java.lang.foreign.Arena;

import org.agrona.concurrent.status.AtomicCounter;
import org.mpdp.dataplane.latency.LatencyRecorders;
import org.mpdp.dataplane.port.Burst;

/**
 * Packets one worker will send on one port's TX queue (the worker's own queue, so no lock), sent as a
 * burst when full and at the end of every cycle. What the driver refuses is freed and counted.
 */
final class TxStage
{
    private final int port;
    private final int queue;
    private final Burst burst;
    private final long[] stamps;
    private final AtomicCounter tx;
    private final AtomicCounter txDropped;
    private int count;

    TxStage(final int port, final int queue, final int capacity, final Arena arena, final AtomicCounter tx,
        final AtomicCounter txDropped)
    {
        this.port = port;
        this.queue = queue;
        burst = new Burst(capacity, arena);
        stamps = new long[capacity];
        this.tx = tx;
        this.txDropped = txDropped;
    }

    void add(final long mbuf, final long stamp, final LatencyRecorders latency)
    {
        burst.mbuf(count, mbuf);
        stamps[count++] = stamp;
        if (count == stamps.length)
        {
            send(latency);
        }
    }

    void send(final LatencyRecorders latency)
    {
        if (count == 0)
        {
            return;
        }
        burst.count(count);
        if (latency != null)
        {
            final long now = latency.clock().ticks();
            for (int i = 0; i < count; i++)
            {
                // 0: a frame the control thread built, never received.
                if (stamps[i] != 0)
                {
                    latency.record(LatencyRecorders.RX_TX, stamps[i], now);
                }
            }
        }
        final int sent = burst.sendAll(port, queue);
        tx.getAndAddRelease(sent);
        if (sent < count)
        {
            txDropped.getAndAddRelease(count - sent);
        }
        count = 0;
    }
}
