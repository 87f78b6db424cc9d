package org.mpdp.robe.session;

import org.mpdp.robe.RobeCounters;
import org.mpdp.robe.mode.PathHistory;
import org.mpdp.robe.tcp.Subflow;
import org.mpdp.robe.tcp.SubflowOwner;

/** What a session needs of the plane it runs in: paths, subflows with a free local port, counters, history. */
public interface Host
{
    /** @return number of paths. */
    int paths();

    /**
     * Opens a subflow on a path (not connected yet): a free local port, a random ISN, registered for demux.
     *
     * @param owner      the session.
     * @param path       path index.
     * @param remotePort the server's port.
     * @return the subflow, or null when no local port is free.
     */
    Subflow open(SubflowOwner owner, int path, int remotePort);

    /**
     * Forgets a subflow (its port becomes free).
     *
     * @param subflow the subflow.
     */
    void release(Subflow subflow);

    /**
     * A losing attempt has just been reset: its RST is repeated for a while (the first may be lost, leaving a
     * half-open socket at the server) and its port stays reserved until then.
     *
     * @param subflow the losing attempt.
     */
    void repeatReset(Subflow subflow);

    /**
     * A subflow we closed actively on a path that lost packets (our last ACK may be lost too): its last ACK
     * is sent again a few times, and the process keeps answering for it (RST to the peer's retransmitted FIN)
     * for a while, as TCP's TIME-WAIT would.
     *
     * @param subflow the subflow, just closed (its sequence numbers as in its last ACK).
     * @param now     nanoTime.
     */
    default void holdTimeWait(final Subflow subflow, final long now)
    {
    }

    /** @return the counters. */
    RobeCounters counters();

    /** @return the path history (IPS). */
    PathHistory history();

    /** @return 64 random bits (keys, nonces). */
    long random();

    /** @return the eSIM option subtypes ({@code robe.esim}). */
    default org.mpdp.robe.esim.EsimSubtypes esimSubtypes()
    {
        return org.mpdp.robe.esim.EsimSubtypes.DEFAULTS;
    }
}
