package org.mpdp.robe.session;

import org.mpdp.robe.net.Options;
import org.mpdp.robe.net.Segment;
import org.mpdp.robe.tcp.Subflow;

/**
 * The seam for mode eSIM (org.mpdp.robe.esim): a SIM-like start whose MP_CAPABLE SYNs carry an extra option,
 * and a different end for the attempts that lose the race (instead of a RST, the esim side may turn a loser's
 * SYN/ACK into a subflow of the winning connection with its own third ACK). When the server does not answer with
 * the eSIM option the session is plain SIM (the fallback). Set with {@link Session#esim}; control thread only.
 */
public interface EsimHook
{
    /**
     * Adds eSIM's option to an MP_CAPABLE SYN (after MP_CAPABLE).
     *
     * @param path    the attempt's path.
     * @param key     the attempt's key.
     * @param options the SYN's options so far.
     */
    void synOptions(int path, long key, Options options);

    /**
     * The SYN/ACK of an attempt that lost the race (or arrived after the winner).
     *
     * @param session the session (its keys are set).
     * @param subflow the losing attempt's subflow (SYN_SENT).
     * @param segment the SYN/ACK.
     * @param now     nanoTime.
     * @return true when eSIM took it (then it owns the subflow's answer); false: RST as in SIM.
     */
    boolean loserSynAck(Session session, Subflow subflow, Segment segment, long now);
}
