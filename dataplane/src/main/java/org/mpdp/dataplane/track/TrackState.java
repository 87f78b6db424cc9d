package org.mpdp.dataplane.track;

import org.mpdp.dataplane.crypto.HmacSha1Keys;
import org.mpdp.dataplane.crypto.HmacSha256Keys;

/**
 * What the tracker's concerns share: the tables, the key midstates, the half-open budget, the
 * findings of the current packet and the clock. One per tracker (one per worker thread).
 */
final class TrackState
{
    final ConnectionTable connections;
    final SubflowTable subflows;
    final HalfOpen halfOpen;
    /** HMAC-SHA256 midstates: slot {@code 2 * c} keyed (Key-A, Key-B), {@code 2 * c + 1} (Key-B, Key-A). */
    final HmacSha256Keys keys256;
    /** The same for v0 (HMAC-SHA1). */
    final HmacSha1Keys keys160;
    final Findings findings = new Findings();
    long now;

    TrackState(final int maxConnections, final int maxSubflows, final int halfOpenBudget, final FlowHash hash)
    {
        connections = new ConnectionTable(maxConnections, hash);
        subflows = new SubflowTable(maxSubflows, hash);
        halfOpen = new HalfOpen(halfOpenBudget);
        keys256 = new HmacSha256Keys(maxConnections * 2);
        keys160 = new HmacSha1Keys(maxConnections * 2);
    }

    /** Frees one subflow, whatever its state, keeping the half-open budget and the lists right. */
    void freeSubflow(final int slot)
    {
        halfOpen.leave(subflows, slot);
        subflows.free(slot, connections);
    }
}
