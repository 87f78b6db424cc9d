package org.mpdp.dataplane.track;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;

import org.mpdp.dataplane.crypto.HmacSha256Keys;
import org.mpdp.dataplane.crypto.JoinHmac;
import org.mpdp.dataplane.crypto.KeyDerivation;
import org.mpdp.dataplane.wire.Mptcp;
import org.mpdp.dataplane.wire.MptcpOptionWriter;
import org.mpdp.dataplane.wire.PacketParser;
import org.mpdp.dataplane.wire.ParsedPacket;
import org.mpdp.dataplane.wire.TcpFrames;

/**
 * A real parser and tracker fed with frames built by the project's encoders, plus the handshakes a
 * kernel would send (v1 MP_CAPABLE, MP_JOIN with correct HMACs), for the tracker tests.
 */
final class TrackerRig implements AutoCloseable
{
    static final int SERVER = 0xC6120002;
    static final int SERVER_PORT = 5201;

    final PacketParser parser = new PacketParser();
    final ParsedPacket p = new ParsedPacket();
    final Tracker tracker;
    final JoinHmac joinHmac = new JoinHmac();
    Action lastAction;

    TrackerRig(final Tracker tracker)
    {
        this.tracker = tracker;
    }

    Reason feed(final byte[] frame)
    {
        final MemorySegment s = MemorySegment.ofArray(frame);
        parser.parseEthernet(s, 0, frame.length, p);
        lastAction = tracker.onPacket(p, s, 0);
        final String broken = tracker.checkInvariants();
        if (broken != null)
        {
            throw new AssertionError("tracker invariant broken: " + broken);
        }
        return tracker.lastReason();
    }

    /** Feeds without the (table-walking) invariant check: for floods. */
    Reason feedFast(final byte[] frame)
    {
        final MemorySegment s = MemorySegment.ofArray(frame);
        parser.parseEthernet(s, 0, frame.length, p);
        lastAction = tracker.onPacket(p, s, 0);
        return tracker.lastReason();
    }

    static int token(final long key)
    {
        return new KeyDerivation().tokenV1(key);
    }

    /** A v1 MP_CAPABLE handshake; returns the third ACK's reason. */
    Reason connect(final int client, final int port, final long keyA, final long keyB, final boolean fast)
    {
        final byte[] syn = TcpFrames.ipv4(client, port, SERVER, SERVER_PORT, Mptcp.TCP_SYN, 100, 0,
            o -> MptcpOptionWriter.mpCapable(o, 0, Mptcp.MPC_SYN_V1_LENGTH, 1, Mptcp.MPC_FLAG_H, 0, 0, 0, 0));
        final byte[] synAck = TcpFrames.ipv4(SERVER, SERVER_PORT, client, port, Mptcp.TCP_SYN | Mptcp.TCP_ACK, 500, 0,
            o -> MptcpOptionWriter.mpCapable(o, 0, Mptcp.MPC_ONE_KEY_LENGTH, 1, Mptcp.MPC_FLAG_H, keyB, 0, 0, 0));
        final byte[] ack = TcpFrames.ipv4(client, port, SERVER, SERVER_PORT, Mptcp.TCP_ACK, 101, 0,
            o -> MptcpOptionWriter.mpCapable(o, 0, Mptcp.MPC_ACK_LENGTH, 1, Mptcp.MPC_FLAG_H, keyA, keyB, 0, 0));
        if (fast)
        {
            feedFast(syn);
            feedFast(synAck);
            return feedFast(ack);
        }
        feed(syn);
        feed(synAck);
        return feed(ack);
    }

    /** The three packets of a join to the connection of (keyA, keyB), with correct HMACs. */
    byte[][] join(final int client, final int port, final long keyA, final long keyB, final int nonceA,
        final int nonceB)
    {
        return join(client, port, keyA, keyB, nonceA, nonceB, 7000);
    }

    /** As {@link #join(int, int, long, long, int, int)} with the client's ISN. */
    byte[][] join(final int client, final int port, final long keyA, final long keyB, final int nonceA,
        final int nonceB, final int isn)
    {
        final HmacSha256Keys keys = new HmacSha256Keys(2);
        keys.setKey(0, keyA, keyB);
        keys.setKey(1, keyB, keyA);
        final long thmac = joinHmac.synAckThmac(keys, 1, nonceB, nonceA);
        final int[] words = new int[JoinHmac.HMAC_INTS];
        joinHmac.ackHmac(keys, 0, nonceA, nonceB, words, 0);
        final ByteBuffer hmac = ByteBuffer.allocate(JoinHmac.HMAC_LENGTH);
        for (final int w : words)
        {
            hmac.putInt(w);
        }
        final int token = token(keyB);
        return new byte[][] {
            TcpFrames.ipv4(client, port, SERVER, SERVER_PORT, Mptcp.TCP_SYN, isn, 0,
                o -> MptcpOptionWriter.mpJoinSyn(o, 0, false, 2, token, nonceA)),
            TcpFrames.ipv4(SERVER, SERVER_PORT, client, port, Mptcp.TCP_SYN | Mptcp.TCP_ACK, 9000, 0,
                o -> MptcpOptionWriter.mpJoinSynAck(o, 0, false, 0, thmac, nonceB)),
            TcpFrames.ipv4(client, port, SERVER, SERVER_PORT, Mptcp.TCP_ACK, isn + 1, 0,
                o -> MptcpOptionWriter.mpJoinAck(o, 0, hmac.array()))};
    }

    /** Writes a new IPv4 source address and source port into a frame built by {@link TcpFrames#ipv4}. */
    static void spoof(final byte[] frame, final int src, final int srcPort)
    {
        ByteBuffer.wrap(frame).putInt(26, src).putShort(34, (short)srcPort);
    }

    /** The subflow view of the last packet's subflow. */
    SubflowView lastSubflow()
    {
        return SubflowView.of(tracker, tracker.lastSubflow());
    }

    @Override
    public void close()
    {
        tracker.close();
    }
}
