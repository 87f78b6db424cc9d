package org.mpdp.robe.listen;

/**
 * An MPTCP connection at the responder (RFC 8684 §3.1): the keys and what follows from them, the echo buffer
 * and its data-level sequence state, and its flows. Data offsets are relative to each side's IDSN + 1: the
 * peer's byte at offset {@code i} is echoed as our byte at offset {@code i}, so one buffer holds both what was
 * received and what is sent. Preallocated and reused.
 */
final class Connection
{
    /** Flows per connection. */
    static final int MAX_FLOWS = 8;

    final int index;
    final byte[] buffer;
    /** One bit per buffer byte: received. */
    final long[] received;
    final Flow[] flows = new Flow[MAX_FLOWS];
    int flowCount;
    boolean used;

    long keyA;
    long keyB;
    int tokenB;
    long idsnA;
    long idsnB;
    /** Key-A known: third ACK with MP_CAPABLE, or an MP_JOIN_CAP verified (draft case 2). */
    boolean established;
    boolean esim;
    /** Slot in the eSIM table, or -1. */
    int esimSlot = -1;

    /** Next data offset expected from the peer (all below it received). */
    long dataRcvNxt;
    /** Offset of the peer's DATA_FIN, or -1. */
    long peerFin = -1;
    /** Next data offset to send. */
    long dataSndNxt;
    /** Offset up to which the peer DATA_ACKed our data. */
    long dataSndUna;
    boolean finSent;
    long finDeadline;
    /** The flow echo data goes out on, and the flow seq that carries data offset {@link #sendBaseData}. */
    int sendBaseSeq;
    long sendBaseData;
    Flow sender;
    long lastHeard;

    Connection(final int index, final int bufferBytes)
    {
        this.index = index;
        buffer = new byte[bufferBytes];
        received = new long[(bufferBytes + 63) / 64];
    }

    void reset()
    {
        used = false;
        flowCount = 0;
        java.util.Arrays.fill(flows, null);
        java.util.Arrays.fill(received, 0);
        keyA = 0;
        keyB = 0;
        established = false;
        esim = false;
        esimSlot = -1;
        dataRcvNxt = 0;
        peerFin = -1;
        dataSndNxt = 0;
        dataSndUna = 0;
        finSent = false;
        sender = null;
    }

    boolean add(final Flow flow)
    {
        if (flowCount == MAX_FLOWS)
        {
            return false;
        }
        flows[flowCount++] = flow;
        flow.connection = this;
        return true;
    }

    void remove(final Flow flow)
    {
        for (int i = 0; i < flowCount; i++)
        {
            if (flows[i] == flow)
            {
                flows[i] = flows[--flowCount];
                flows[flowCount] = null;
                break;
            }
        }
        if (sender == flow)
        {
            sender = null;
        }
    }

    /**
     * Stores received bytes and advances {@link #dataRcvNxt} over what is now contiguous.
     *
     * @return bytes stored that were new.
     */
    int store(final java.lang.foreign.MemorySegment s, final long from, final long dataOffset, final int length)
    {
        int fresh = 0;
        for (int i = 0; i < length; i++)
        {
            final long at = dataOffset + i;
            if (at < dataRcvNxt || at >= buffer.length)
            {
                continue;
            }
            final int bit = (int)at;
            if ((received[bit >>> 6] & 1L << bit) == 0)
            {
                buffer[bit] = s.get(java.lang.foreign.ValueLayout.JAVA_BYTE, from + i);
                received[bit >>> 6] |= 1L << bit;
                fresh++;
            }
        }
        while (dataRcvNxt < buffer.length && (received[(int)dataRcvNxt >>> 6] & 1L << dataRcvNxt) != 0)
        {
            dataRcvNxt++;
        }
        return fresh;
    }

    /** @return the data-level ACK we send: the peer's next data sequence number, past its DATA_FIN once reached. */
    long dataAck()
    {
        final long next = peerFin >= 0 && dataRcvNxt >= peerFin ? peerFin + 1 : dataRcvNxt;
        return idsnA + 1 + next;
    }

    /** @return the peer's data is complete (DATA_FIN reached). */
    boolean peerFinished()
    {
        return peerFin >= 0 && dataRcvNxt >= peerFin;
    }

    /** @return bytes received in order and not yet sent back. */
    long unsent()
    {
        return Math.min(dataRcvNxt, peerFin >= 0 ? peerFin : Long.MAX_VALUE) - dataSndNxt;
    }
}
