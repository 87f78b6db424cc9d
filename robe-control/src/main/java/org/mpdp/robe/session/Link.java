package org.mpdp.robe.session;

import org.mpdp.robe.tcp.Subflow;

/**
 * A session's view of one of its subflows: an MP_CAPABLE attempt (with its own key) or an MP_JOIN, its path,
 * and the receive mapping last seen on it (RFC 8684 §3.3.1).
 */
final class Link
{
    static final int MPC = 0;
    static final int JOIN = 1;

    final Subflow subflow;
    final int kind;
    final int path;
    /** MP_CAPABLE: this attempt's key (Key-A). */
    final long key;
    /** MP_JOIN: R-A. */
    final int nonce;
    /** How many times this path's join was tried (1 = first). */
    final int joinTry;
    final long startedAt;

    /** MPC: lost the race (RST sent; a late SYN/ACK is answered with RST). */
    boolean loser;
    /** JOIN: third ACK sent, waiting for the fourth ACK. */
    boolean preEstablished;
    long thirdAckAt;
    int thirdAcks;
    /** Usable for data. */
    boolean up;
    /** Closed (FIN, RST or abandoned). */
    boolean closed;
    boolean answered;
    /** A SYN of it went unanswered for an RTO, and IPS's history has counted that. */
    boolean timedOut;
    /** MP_JOIN: R-B from the SYN/ACK. */
    int joinNonceB;
    /** Whether it ever was usable (paths_up). */
    boolean everUp;

    /** eSIM: this MPC attempt's SYN/ACK carried ROBE_eSIM_EN and it is reused as a subflow with MP_JOIN_CAP. */
    boolean joinCap;
    /** eSIM: Key-B' from this attempt's SYN/ACK. */
    long keyBPrime;

    boolean mapped;
    long mapDsn;
    int mapSsn;
    int mapLength;
    boolean mapFin;

    Link(final Subflow subflow, final int kind, final int path, final long key, final int nonce, final int joinTry,
        final long startedAt)
    {
        this.subflow = subflow;
        this.kind = kind;
        this.path = path;
        this.key = key;
        this.nonce = nonce;
        this.joinTry = joinTry;
        this.startedAt = startedAt;
        subflow.attachment(this);
    }
}
