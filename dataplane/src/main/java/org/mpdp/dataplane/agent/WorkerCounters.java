package org.mpdp.dataplane.agent;

import org.agrona.concurrent.status.AtomicCounter;
import org.mpdp.dataplane.counters.CounterType;
import org.mpdp.dataplane.counters.Counters;
import org.mpdp.dataplane.counters.CountersFileDescriptor;
import org.mpdp.dataplane.track.Reason;
import org.mpdp.dataplane.track.Tracker;

/**
 * One worker's counters, in the counters file so {@code mpdp stat} reads them from outside: what it
 * processed, forwarded, flagged and dropped, what it handed to other workers or could not (ring full),
 * TX drops, traffic for the box itself, and every verdict reason, table occupancy and half-open
 * recycling, published by the worker itself once per eviction slice (single writer, release stores).
 */
final class WorkerCounters
{
    final AtomicCounter processed;
    final AtomicCounter flagged;
    final AtomicCounter dropped;
    final AtomicCounter tx;
    final AtomicCounter txDropped;
    final AtomicCounter handedOff;
    final AtomicCounter ringFull;
    final AtomicCounter control;
    final AtomicCounter controlRingFull;
    final AtomicCounter errors;
    final AtomicCounter notForwarded;
    private final AtomicCounter[] reasons = new AtomicCounter[Reason.COUNT];
    private final AtomicCounter connections;
    private final AtomicCounter subflows;
    private final AtomicCounter halfOpen;
    private final AtomicCounter recycled;
    private final AtomicCounter batchedHmacs;

    WorkerCounters(final Counters c, final int worker)
    {
        final String w = "worker " + worker + " ";
        processed = c.newCounter(CounterType.WORKER, worker, CountersFileDescriptor.NULL_KEY, "processed",
            w + "processed");
        flagged = c.newCounter(CounterType.WORKER, worker, CountersFileDescriptor.NULL_KEY, "flagged", w + "flagged");
        dropped = c.newCounter(CounterType.WORKER, worker, CountersFileDescriptor.NULL_KEY, "dropped",
            w + "dropped by verdict");
        tx = c.newCounter(CounterType.WORKER, worker, CountersFileDescriptor.NULL_KEY, "tx", w + "tx");
        txDropped = c.newCounter(CounterType.WORKER, worker, CountersFileDescriptor.NULL_KEY, "tx-dropped",
            w + "tx-dropped (TX queue full)");
        handedOff = c.newCounter(CounterType.RING, worker, CountersFileDescriptor.NULL_KEY, "handed-off",
            w + "handed off to other workers");
        ringFull = c.newCounter(CounterType.RING, worker, CountersFileDescriptor.NULL_KEY, "ring-full",
            w + "freed: owner's ring full");
        control = c.newCounter(CounterType.WORKER, worker, CountersFileDescriptor.NULL_KEY, "control",
            w + "for the box itself (to the control thread; freed when none runs)");
        controlRingFull = c.newCounter(CounterType.RING, worker, CountersFileDescriptor.NULL_KEY, "control-ring-full",
            w + "freed: control ring full");
        errors = c.newCounter(CounterType.WORKER, worker, CountersFileDescriptor.NULL_KEY, "errors",
            w + "packets freed after an internal error (see the log)");
        notForwarded = c.newCounter(CounterType.WORKER, worker, CountersFileDescriptor.NULL_KEY, "not-forwarded",
            w + "not-forwarded (freed: control.forward is false)");
        for (final Reason r : Reason.values())
        {
            reasons[r.ordinal()] = c.newCounter(CounterType.REASON, r.ordinal(), worker, r.label(),
                w + "reason " + r.label());
        }
        connections = c.newCounter(CounterType.TABLE, 0, worker, "connections", w + "connections");
        subflows = c.newCounter(CounterType.TABLE, 1, worker, "subflows", w + "subflows");
        halfOpen = c.newCounter(CounterType.TABLE, 2, worker, "half-open", w + "half-open subflows");
        recycled = c.newCounter(CounterType.TABLE, 3, worker, "half-open-recycled", w + "half-open recycled");
        batchedHmacs = c.newCounter(CounterType.WORKER, worker, CountersFileDescriptor.NULL_KEY, "ack-hmacs-batched",
            w + "third-ACK HMACs computed in Vector API batches");
    }

    /** Copies the tracker's counts into the file (the worker thread, after an eviction slice). */
    void publish(final Tracker t)
    {
        // By ordinal: Reason.values() clones its array on every call, and this runs every slice.
        for (int i = 0; i < Reason.COUNT; i++)
        {
            reasons[i].setRelease(t.reasonCount(Reason.of(i)));
        }
        connections.setRelease(t.connections().count());
        subflows.setRelease(t.subflows().live());
        halfOpen.setRelease(t.halfOpen());
        recycled.setRelease(t.halfOpenRecycled());
        batchedHmacs.setRelease(t.batchedAckHmacs());
    }
}
