package org.mpdp.robe.tcp;

/** Subflow states (RFC 9293 §3.3.2); TIME_WAIT is not kept: a closed 4-tuple is never reused by this client. */
public enum TcpState
{
    /** Not open, or done. */
    CLOSED,
    /** Active open: SYN sent. */
    SYN_SENT,
    /** Passive open: SYN received, SYN/ACK sent (for a responder). */
    SYN_RECEIVED,
    /** Open both ways. */
    ESTABLISHED,
    /** Our FIN sent. */
    FIN_WAIT_1,
    /** Our FIN acknowledged, waiting for theirs. */
    FIN_WAIT_2,
    /** Both FINs crossed. */
    CLOSING,
    /** Their FIN received, ours not sent. */
    CLOSE_WAIT,
    /** Their FIN received, ours sent. */
    LAST_ACK
}
