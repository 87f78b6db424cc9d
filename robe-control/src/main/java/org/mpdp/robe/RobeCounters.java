package org.mpdp.robe;

import org.agrona.concurrent.status.AtomicCounter;
import org.mpdp.dataplane.counters.CounterType;
import org.mpdp.dataplane.counters.Counters;
import org.mpdp.dataplane.counters.CountersFileDescriptor;
import org.mpdp.robe.mode.Mode;

/**
 * The RobE client's counters, in the counters file next to the pipeline's (so {@code mpdp stat} shows them),
 * labelled {@code robe NAME} (and {@code robe MODE NAME} per mode). Written by the control thread only.
 */
public final class RobeCounters
{
    /** Sessions started, per mode. */
    public final AtomicCounter[] attempts = new AtomicCounter[Mode.values().length];
    /** Sessions whose MP_CAPABLE handshake completed, per mode. */
    public final AtomicCounter[] established = new AtomicCounter[Mode.values().length];
    /** Sessions never established within the timeout, per mode. */
    public final AtomicCounter[] failed = new AtomicCounter[Mode.values().length];
    /** Sessions whose echo came back whole and equal. */
    public final AtomicCounter sessionsOk;
    /** Established sessions whose echo was short or different. */
    public final AtomicCounter dataErrors;
    /** SYNs sent (MP_CAPABLE and MP_JOIN, first and retransmitted). */
    public final AtomicCounter synsSent;
    /** SYNs sent again on the same subflow. */
    public final AtomicCounter synRetransmits;
    /** RSTs sent. */
    public final AtomicCounter rstsSent;
    /** Sessions aborted with RST + MP_FASTCLOSE (timeout, or a close that did not complete). */
    public final AtomicCounter fastCloses;
    /** MP_JOIN subflows established (fourth ACK received). */
    public final AtomicCounter joinsOk;
    /** MP_JOIN subflows that failed (RST, bad HMAC, timeout) after their retries. */
    public final AtomicCounter joinsFailed;
    /** MP_JOIN retries after a RST (a join that raced the third ACK). */
    public final AtomicCounter joinRetries;
    /** SYN/ACKs whose truncated HMAC did not verify. */
    public final AtomicCounter joinHmacMismatch;
    /** Late SYN/ACKs of losing attempts, answered with RST. */
    public final AtomicCounter lateSynAcks;
    /** RSTs sent again (losing attempts, rejected joins, aborts: {@code ResetRepeats}). */
    public final AtomicCounter rstRepeats;
    /** RSTs that could not be repeated (too many subflows at once). */
    public final AtomicCounter rstsNotRepeated;
    /** Data and FIN segments retransmitted. */
    public final AtomicCounter dataRetransmits;
    /** Frames sent. */
    public final AtomicCounter framesTx;
    /** Frames not sent: no mbuf. */
    public final AtomicCounter txNoMbuf;
    /** Frames not sent: the next hop's MAC is not known yet (an ARP request went instead). */
    public final AtomicCounter txNoNeighbour;
    /** TCP segments for our addresses received. */
    public final AtomicCounter segmentsRx;
    /** TCP segments to a port with no subflow (answered with RST unless a RST, freed). */
    public final AtomicCounter segmentsUnknown;
    /** Internal errors (exceptions on the control thread: bugs, not traffic). */
    public final AtomicCounter errors;
    /** ARP replies and requests from next hops learnt. */
    public final AtomicCounter arpLearnt;
    /** eSIM: the winning SYN/ACK carried ROBE_eSIM_EN. */
    public final AtomicCounter esimNegotiated;
    /** eSIM: a SYN/ACK without ROBE_eSIM_EN (the peer ignores the option): SIM for that session or path. */
    public final AtomicCounter esimFallback;
    /** eSIM: third ACKs with MP_JOIN_CAP (first sends, not retransmissions). */
    public final AtomicCounter joinCapSent;
    /** eSIM: MP_JOIN_CAP flows the peer acknowledged. */
    public final AtomicCounter joinCapAccepted;
    /** eSIM: MP_JOIN_CAP flows the peer reset (then joined with MP_JOIN). */
    public final AtomicCounter joinCapRejected;

    /** @param c where counters are made. */
    public RobeCounters(final Counters c)
    {
        for (final Mode m : Mode.values())
        {
            attempts[m.ordinal()] = counter(c, m.text() + "-attempts", m.text() + " attempts");
            established[m.ordinal()] = counter(c, m.text() + "-established", m.text() + " established");
            failed[m.ordinal()] = counter(c, m.text() + "-failed", m.text() + " failed");
        }
        sessionsOk = counter(c, "sessions-ok", "sessions-ok");
        dataErrors = counter(c, "data-errors", "data-errors");
        synsSent = counter(c, "syns-sent", "syns-sent");
        synRetransmits = counter(c, "syn-retransmits", "syn-retransmits");
        rstsSent = counter(c, "rsts-sent", "rsts-sent");
        fastCloses = counter(c, "fastcloses-sent", "fastcloses-sent (sessions aborted with RST + MP_FASTCLOSE)");
        joinsOk = counter(c, "joins-ok", "joins-ok");
        joinsFailed = counter(c, "joins-failed", "joins-failed");
        joinRetries = counter(c, "join-retries", "join-retries");
        joinHmacMismatch = counter(c, "join-hmac-mismatch", "join-hmac-mismatch");
        lateSynAcks = counter(c, "late-synacks", "late-synacks (losing attempts, answered with RST)");
        rstRepeats = counter(c, "rst-repeats", "rst-repeats (a RST sent again: a lost one leaves state at the server)");
        rstsNotRepeated = counter(c, "rsts-not-repeated", "rsts-not-repeated (too many at once)");
        dataRetransmits = counter(c, "data-retransmits", "data-retransmits");
        framesTx = counter(c, "frames-tx", "frames-tx");
        txNoMbuf = counter(c, "tx-no-mbuf", "tx-no-mbuf (frame not sent)");
        txNoNeighbour = counter(c, "tx-no-neighbour", "tx-no-neighbour (frame not sent, ARP asked)");
        segmentsRx = counter(c, "segments-rx", "segments-rx");
        segmentsUnknown = counter(c, "segments-unknown", "segments-unknown (no such subflow: RST, freed)");
        arpLearnt = counter(c, "arp-learnt", "arp-learnt");
        esimNegotiated = counter(c, "esim-negotiated", "esim-negotiated");
        esimFallback = counter(c, "esim-fallback", "esim-fallback");
        joinCapSent = counter(c, "join-cap-sent", "join-cap-sent");
        joinCapAccepted = counter(c, "join-cap-accepted", "join-cap-accepted");
        joinCapRejected = counter(c, "join-cap-rejected", "join-cap-rejected");
        errors = counter(c, "errors", "errors (internal, see the log)");
    }

    private static AtomicCounter counter(final Counters c, final String name, final String text)
    {
        return c.newCounter(CounterType.CONTROL, 0, CountersFileDescriptor.NULL_KEY, "robe-" + name, "robe " + text);
    }
}
