package org.mpdp.robe.listen;

import org.agrona.concurrent.status.AtomicCounter;
import org.mpdp.dataplane.counters.Counters;

/**
 * The responder's counters, one per outcome and per reject reason, in the run's counters file
 * ({@code mpdp stat} shows them). Labels start with {@code robe-listen }.
 */
final class ListenCounters
{
    final AtomicCounter synsReceived;
    final AtomicCounter mpcEstablished;
    final AtomicCounter esimNegotiated;
    final AtomicCounter joinsOk;
    final AtomicCounter joinRejectedToken;
    final AtomicCounter joinRejectedHmac;
    final AtomicCounter joinCapAccepted;
    final AtomicCounter joinCapAcceptedEarly;
    final AtomicCounter joinCapRejectedHmac;
    final AtomicCounter joinCapRejectedNoConnection;
    final AtomicCounter joinCapRejectedMalformed;
    final AtomicCounter rejectedNotMptcp;
    final AtomicCounter rejectedChecksum;
    final AtomicCounter rejectedBadKey;
    final AtomicCounter rejectedNoFlow;
    final AtomicCounter rejectedPort;
    final AtomicCounter rejectedFull;
    final AtomicCounter rstsSent;
    final AtomicCounter rstsReceived;
    final AtomicCounter synAckRetransmits;
    final AtomicCounter dataRetransmits;
    final AtomicCounter outOfOrder;
    final AtomicCounter bytesReceived;
    final AtomicCounter bytesEchoed;
    final AtomicCounter dataFinsReceived;
    final AtomicCounter connectionsClosed;
    final AtomicCounter connectionsTimedOut;
    final AtomicCounter noFrame;

    ListenCounters(final Counters counters)
    {
        synsReceived = counters.newCounter("robe-listen syns-received");
        mpcEstablished = counters.newCounter("robe-listen mp-capable-established");
        esimNegotiated = counters.newCounter("robe-listen esim-negotiated");
        joinsOk = counters.newCounter("robe-listen joins-ok");
        joinRejectedToken = counters.newCounter("robe-listen join-rejected unknown-token");
        joinRejectedHmac = counters.newCounter("robe-listen join-rejected hmac");
        joinCapAccepted = counters.newCounter("robe-listen join-cap-accepted");
        joinCapAcceptedEarly = counters.newCounter("robe-listen join-cap-accepted before-third-ack");
        joinCapRejectedHmac = counters.newCounter("robe-listen join-cap-rejected hmac");
        joinCapRejectedNoConnection = counters.newCounter("robe-listen join-cap-rejected no-connection");
        joinCapRejectedMalformed = counters.newCounter("robe-listen join-cap-rejected malformed");
        rejectedNotMptcp = counters.newCounter("robe-listen rejected not-mptcp-v1");
        rejectedChecksum = counters.newCounter("robe-listen rejected checksum-required");
        rejectedBadKey = counters.newCounter("robe-listen rejected third-ack-keys");
        rejectedNoFlow = counters.newCounter("robe-listen rejected no-flow");
        rejectedPort = counters.newCounter("robe-listen rejected not-listening");
        rejectedFull = counters.newCounter("robe-listen rejected table-full");
        rstsSent = counters.newCounter("robe-listen rsts-sent");
        rstsReceived = counters.newCounter("robe-listen rsts-received");
        synAckRetransmits = counters.newCounter("robe-listen syn-ack-retransmits");
        dataRetransmits = counters.newCounter("robe-listen data-retransmits");
        outOfOrder = counters.newCounter("robe-listen out-of-order-dropped");
        bytesReceived = counters.newCounter("robe-listen bytes-received");
        bytesEchoed = counters.newCounter("robe-listen bytes-echoed");
        dataFinsReceived = counters.newCounter("robe-listen data-fins-received");
        connectionsClosed = counters.newCounter("robe-listen connections-closed");
        connectionsTimedOut = counters.newCounter("robe-listen connections-timed-out");
        noFrame = counters.newCounter("robe-listen tx-no-mbuf");
    }
}
