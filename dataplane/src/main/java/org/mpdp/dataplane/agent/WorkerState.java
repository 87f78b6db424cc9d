package org.mpdp.dataplane.agent;

import org.mpdp.dataplane.track.Tracker;
import org.mpdp.dataplane.track.TrackerSnapshot;
import org.mpdp.dataplane.track.VerdictPolicy;

/**
 * What a worker does for the state of its tracker between bursts, in its eviction slice: ends the
 * fail-open grace window (the tracker's policy becomes the steady one), and encodes its connections
 * when another thread asks ({@code mpdp stat --connections}). Neither locks: the request is a volatile
 * sequence number, the answer a body published by a volatile write of the sequence it answers.
 * Allocation happens only on the request path (the encoded body, a byte array the size of the state).
 */
final class WorkerState
{
    private final Tracker tracker;
    private VerdictPolicy steady;
    private long graceEnd;
    private volatile long viewRequested;
    private volatile long viewDone;
    private TrackerSnapshot.Body view;

    WorkerState(final Tracker tracker)
    {
        this.tracker = tracker;
    }

    /**
     * Starts the tracker on {@code grace} until {@code endNanos} ({@code System.nanoTime()}), then on
     * {@code steadyPolicy}. Before the worker's thread starts.
     */
    void grace(final VerdictPolicy grace, final VerdictPolicy steadyPolicy, final long endNanos)
    {
        tracker.policy(grace);
        steady = steadyPolicy;
        graceEnd = endNanos;
    }

    /** In the worker's eviction slice. */
    void onSlice(final long now)
    {
        if (steady != null && now - graceEnd >= 0)
        {
            tracker.policy(steady);
            steady = null;
        }
        final long requested = viewRequested;
        if (requested != viewDone)
        {
            view = TrackerSnapshot.encode(tracker);
            viewDone = requested;
        }
    }

    /** @return whether the grace window is still open (any thread; a plain read, for messages). */
    boolean inGrace()
    {
        return steady != null;
    }

    /** Asks for the connections (any thread); {@link #view(long)} answers once the worker got to it. */
    void requestView(final long sequence)
    {
        viewRequested = sequence;
    }

    /** @return the body for request {@code sequence}, or null while the worker has not answered it. */
    TrackerSnapshot.Body view(final long sequence)
    {
        return viewDone == sequence ? view : null;
    }
}
