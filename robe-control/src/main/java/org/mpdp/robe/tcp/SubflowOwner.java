package org.mpdp.robe.tcp;

import org.mpdp.robe.net.Options;
import org.mpdp.robe.net.Segment;

/**
 * What a {@link Subflow} asks of the MPTCP layer above it (the session, or a responder's connection): the
 * options of each segment it sends, and what to do at the handshake, with data, timeouts and the end.
 * Control thread only.
 */
public interface SubflowOwner
{
    /**
     * Fills the options of a segment about to be sent.
     *
     * @param subflow the subflow.
     * @param kind    {@link Subflow#SEND_SYN}, {@link Subflow#SEND_ACK}, {@link Subflow#SEND_DATA} or
     *                {@link Subflow#SEND_FIN}.
     * @param options cleared; pad is applied by the subflow.
     * @param seq     the segment's sequence number.
     * @param dsn     data sequence number of a data segment's first byte (SEND_DATA).
     * @param length  its payload bytes (SEND_DATA).
     */
    void options(Subflow subflow, int kind, Options options, int seq, long dsn, int length);

    /**
     * A SYN/ACK acknowledging our SYN arrived (active open). The owner calls {@link Subflow#establish} and sends
     * the third ACK, or {@link Subflow#reset} to refuse it.
     *
     * @param subflow the subflow (still SYN_SENT, rcvNxt set).
     * @param segment the SYN/ACK.
     * @param now     nanoTime.
     */
    void onSynAck(Subflow subflow, Segment segment, long now);

    /**
     * The SYN was not answered within the RTO: call {@link Subflow#retransmitSyn} or {@link Subflow#abandon}.
     *
     * @param subflow the subflow.
     * @param now     nanoTime.
     */
    void onSynTimeout(Subflow subflow, long now);

    /**
     * In-order payload bytes (after the subflow trimmed what it had).
     *
     * @param subflow the subflow.
     * @param segment the segment.
     * @param skip    payload bytes skipped (already received).
     * @param length  new bytes.
     * @param relativeSeq subflow sequence number of the first new byte, relative to the peer's ISN.
     */
    void onData(Subflow subflow, Segment segment, int skip, int length, int relativeSeq);

    /**
     * An acceptable segment in a synchronized state, after the subflow handled its ACK, data and FIN: the
     * MPTCP options (DATA_ACK, DATA_FIN, the fourth ACK of a join).
     *
     * @param subflow the subflow.
     * @param segment the segment.
     * @param now     nanoTime.
     */
    void onSegment(Subflow subflow, Segment segment, long now);

    /**
     * The subflow is closed (both FINs done, a reset sent or received, or abandoned).
     *
     * @param subflow  the subflow.
     * @param reset    whether by a RST received.
     */
    void onClosed(Subflow subflow, boolean reset);

    /** @return the data-level send buffer data segments are taken from (and retransmitted from). */
    byte[] sendBuffer();
}
