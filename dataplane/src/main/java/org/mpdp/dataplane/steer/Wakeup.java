package org.mpdp.dataplane.steer;

import java.util.concurrent.locks.LockSupport;

/**
 * Lets the producer of a ring wake its consumer early from a park. A thread that idles with a backoff or
 * sleeping strategy parks for up to its park period (a millisecond by default) when it finds no work; a
 * control packet handed to it, or a frame handed back for TX, would wait out that park. Agrona's strategies park
 * with {@link LockSupport#parkNanos}, which {@link LockSupport#unpark} ends at once; a spinning thread is not
 * parked, and the unpark only leaves it a permit its next park (if any) uses up.
 *
 * <p>Used on the control seam only (worker or RX thread to the control thread, control thread to the worker that
 * transmits for it), where packets are few and each one's latency is a handshake's, so the unpark per burst costs
 * nothing that matters; the data path's rings are polled, never woken. Any thread.
 */
public final class Wakeup
{
    private volatile Thread thread;

    /** The calling thread is the one to wake from now on (call it from the agent's onStart). */
    public void bind()
    {
        thread = Thread.currentThread();
    }

    /** Nobody to wake any more (the agent's onClose). */
    public void unbind()
    {
        thread = null;
    }

    /** Ends the bound thread's park, if it is parked; nothing when no thread is bound. */
    public void wake()
    {
        final Thread t = thread;
        if (t != null)
        {
            LockSupport.unpark(t);
        }
    }
}
