package org.mpdp.robe.listen;

/**
 * One passive TCP flow (subflow) of the responder: its 4-tuple, the RFC 9293 send and receive variables
 * (absolute 32-bit sequence numbers), and what it is to MPTCP: the initial flow of a connection (MP_CAPABLE,
 * possibly eSIM), or a join (MP_JOIN or MP_JOIN_CAP). Preallocated and reused; all fields are reset by
 * {@link #reset}.
 */
final class Flow
{
    static final int FREE = 0;
    /** SYN received, SYN/ACK sent (RFC 9293 SYN-RECEIVED). */
    static final int SYN_RECEIVED = 1;
    static final int ESTABLISHED = 2;
    /** Peer's FIN received and acknowledged; our FIN sent when our data is acknowledged. */
    static final int CLOSE_WAIT = 3;
    /** Our FIN sent after theirs, waiting for its ACK. */
    static final int LAST_ACK = 4;

    /** Initial flow: SYN carried MP_CAPABLE. */
    static final int KIND_CAPABLE = 1;
    /** SYN carried MP_JOIN. */
    static final int KIND_JOIN = 2;

    final int index;
    int state;
    int kind;
    int port;
    long peerMac;
    int localIp;
    int remoteIp;
    int localPort;
    int remotePort;
    int addressId;

    int iss;
    int irs;
    int sndUna;
    int sndNxt;
    int rcvNxt;
    int peerWindow;
    boolean finReceived;
    boolean finSent;

    /** The connection this flow belongs to (for an MP_CAPABLE flow before a join-cap merge, its own). */
    Connection connection;
    /** eSIM offered in the SYN (and answered in the SYN/ACK). */
    boolean esim;

    // MP_JOIN
    int nonceA;
    int nonceB;
    boolean backup;

    // The receive mapping in force (RFC 8684 §3.3.1): data offset (relative to IDSN + 1) at subflow seq mapSsn.
    long mapData;
    int mapSsn;
    int mapLength;
    boolean mapValid;

    long rtoNanos;
    long deadline;
    int retries;
    long lastHeard;

    Flow(final int index)
    {
        this.index = index;
    }

    void reset()
    {
        state = FREE;
        kind = 0;
        connection = null;
        esim = false;
        finReceived = false;
        finSent = false;
        mapValid = false;
        retries = 0;
        deadline = Long.MAX_VALUE;
        backup = false;
    }

    boolean matches(final int port, final int localIp, final int remoteIp, final int localPort, final int remotePort)
    {
        return state != FREE && this.port == port && this.localIp == localIp && this.remoteIp == remoteIp &&
            this.localPort == localPort && this.remotePort == remotePort;
    }

    /** @return subflow sequence number relative to the peer's ISN of {@code seq} (RFC 8684 §3.3.1). */
    int relativeSsn(final int seq)
    {
        return seq - irs;
    }

    @Override
    public String toString()
    {
        return "Flow{" + index + " " + (kind == KIND_JOIN ? "join" : "capable") + " state=" + state + " port=" +
            remotePort + "}";
    }
}
