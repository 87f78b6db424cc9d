package org.mpdp.robe.listen;

import java.lang.foreign.MemorySegment;
import java.util.random.RandomGenerator;

import org.agrona.concurrent.UnsafeBuffer;
import org.mpdp.dataplane.crypto.KeyDerivation;
import org.mpdp.dataplane.wire.Mptcp;
import org.mpdp.dataplane.wire.PacketParser;
import org.mpdp.dataplane.wire.ParsedPacket;
import org.mpdp.robe.esim.EsimOption;
import org.mpdp.robe.esim.EsimSubtypes;
import org.mpdp.robe.esim.EsimTable;

/**
 * The passive RobE responder: an MPTCP v1 echo server on a set of local IPv4 addresses and one port, fed whole
 * frames on the control thread. It accepts SYN + MP_CAPABLE (answering ROBE_eSIM_EN when offered), the third ACK
 * with MP_CAPABLE (with or without data), MP_JOIN (token lookup, both HMACs, RFC 8684 §3.2) and MP_JOIN_CAP
 * (draft RobE_eSIM: Key-A, else fast hash over connections still establishing, then the HMAC; on success the
 * flow joins that connection, which is established even if its own third ACK never came: the draft's case 2).
 * Data comes in with DSS mappings and is echoed back in order with DSS mappings on one flow; DATA_FIN is answered
 * with ours once everything is echoed; FINs are answered. What does not verify is reset and counted per reason.
 *
 * <p>Not thread safe; flows and connections are preallocated. {@link DataPath} holds the data half.
 */
final class Responder
{
    static final long INITIAL_RTO_NANOS = 1_000_000_000L;
    static final int SYN_ACK_RETRIES = 5;
    static final long IDLE_NANOS = 60_000_000_000L;

    final int[] localIps;
    final int[] localPorts;
    final int listenPort;
    final EsimSubtypes subtypes;
    final ListenCounters counters;
    final Segments out;
    final Flow[] flows;
    final Connection[] connections;
    final Connection[] byEsimSlot;
    final EsimTable esim;
    final DataPath data;
    private final PacketParser parser = new PacketParser();
    private final ParsedPacket p = new ParsedPacket();
    private final KeyDerivation keys = new KeyDerivation();
    private final RandomGenerator random;
    private final UnsafeBuffer view = new UnsafeBuffer(0, 0);
    private final Flow scratch = new Flow(-1);

    /**
     * @param localIps   the addresses listened on.
     * @param localPorts the port id each address is on.
     * @param listenPort TCP port.
     * @param subtypes   eSIM subtypes.
     * @param capacity   most connections at once (flows: four times as many).
     * @param sink       where frames go.
     * @param macByPort  each port's MAC.
     * @param counters   counters.
     * @param random     keys, nonces and ISNs.
     */
    Responder(final int[] localIps, final int[] localPorts, final int listenPort, final EsimSubtypes subtypes,
        final int capacity, final FrameSink sink, final long[] macByPort, final ListenCounters counters,
        final RandomGenerator random)
    {
        this.localIps = localIps.clone();
        this.localPorts = localPorts.clone();
        this.listenPort = listenPort;
        this.subtypes = subtypes;
        this.counters = counters;
        this.random = random;
        out = new Segments(sink, macByPort, subtypes.enable(), counters);
        flows = new Flow[capacity * 4];
        for (int i = 0; i < flows.length; i++)
        {
            flows[i] = new Flow(i);
        }
        connections = new Connection[capacity];
        for (int i = 0; i < capacity; i++)
        {
            connections[i] = new Connection(i, DataPath.BUFFER_BYTES);
        }
        esim = new EsimTable(capacity);
        byEsimSlot = new Connection[capacity];
        data = new DataPath(this);
    }

    /**
     * One frame for the box.
     *
     * @param s      the frame (native memory).
     * @param length its length.
     * @param port   the port it came in on.
     * @param now    {@link System#nanoTime()}.
     * @return whether it was TCP for a local address (handled); false leaves it to the caller (ARP, ICMP, ...).
     */
    boolean onFrame(final MemorySegment s, final int length, final int port, final long now)
    {
        if (parser.parseEthernet(s, 0, length, p) != ParsedPacket.TCP || p.ipVersion != 4 || !p.tcpValid ||
            addressId(p.dstV4, port) < 0)
        {
            return false;
        }
        final int flags = p.tcpFlags;
        if (p.dstPort != listenPort)
        {
            counters.rejectedPort.increment();
            resetUnknown(s, port, flags);
            return true;
        }
        Flow f = null;
        for (final Flow candidate : flows)
        {
            if (candidate.matches(port, p.dstV4, p.srcV4, p.dstPort, p.srcPort))
            {
                f = candidate;
                break;
            }
        }
        if (f == null)
        {
            if ((flags & TcpFrame.RST) != 0)
            {
                return true;
            }
            if ((flags & (TcpFrame.SYN | TcpFrame.ACK)) == TcpFrame.SYN)
            {
                onSyn(s, port, now);
            }
            else
            {
                counters.rejectedNoFlow.increment();
                resetUnknown(s, port, flags);
            }
            return true;
        }
        f.lastHeard = now;
        if (f.connection != null)
        {
            f.connection.lastHeard = now;
        }
        if ((flags & TcpFrame.RST) != 0)
        {
            counters.rstsReceived.increment();
            drop(f);
        }
        else if ((flags & TcpFrame.SYN) != 0)
        {
            // A retransmitted SYN: our SYN/ACK was lost; send it again (RFC 9293 §3.10.7.4).
            if (f.state == Flow.SYN_RECEIVED && p.seq == f.irs)
            {
                synAck(f);
            }
        }
        else if (f.state == Flow.SYN_RECEIVED)
        {
            onThirdAck(s, f, now);
        }
        else
        {
            data.onSegment(s, p, f, now);
        }
        return true;
    }

    /**
     * Sets the port id each address is on, once the ports are open (config indices become DPDK port ids).
     *
     * @param portIds port id per address, in the order of the addresses.
     */
    void bindPorts(final int[] portIds)
    {
        System.arraycopy(portIds, 0, localPorts, 0, localPorts.length);
    }

    int addressId(final int address, final int port)
    {
        for (int i = 0; i < localIps.length; i++)
        {
            // Weak host model (RFC 1122 §3.3.4.2), as Linux: an address is served on every port, so a join
            // routed out of another path still reaches its connection.
            if (localIps[i] == address)
            {
                return i;
            }
        }
        return -1;
    }

    private void resetUnknown(final MemorySegment s, final int port, final int flags)
    {
        if ((flags & TcpFrame.RST) != 0)
        {
            return;
        }
        tuple(scratch, s, port);
        out.rstFor(scratch, p.seq, p.ack, flags, p.payloadLength);
    }

    private void tuple(final Flow f, final MemorySegment s, final int port)
    {
        f.port = port;
        long mac = 0;
        for (int i = 6; i < 12; i++)
        {
            mac = mac << 8 | (s.get(java.lang.foreign.ValueLayout.JAVA_BYTE, i) & 0xFF);
        }
        f.peerMac = mac;
        f.localIp = p.dstV4;
        f.remoteIp = p.srcV4;
        f.localPort = p.dstPort;
        f.remotePort = p.srcPort;
    }

    private Flow newFlow()
    {
        for (final Flow f : flows)
        {
            if (f.state == Flow.FREE)
            {
                f.reset();
                return f;
            }
        }
        return null;
    }

    private Connection newConnection()
    {
        for (final Connection c : connections)
        {
            if (!c.used)
            {
                c.reset();
                c.used = true;
                return c;
            }
        }
        return null;
    }

    private int optionsOffset()
    {
        return p.l4Offset + TcpFrame.TCP_LENGTH;
    }

    private int optionsLength()
    {
        return p.tcpHeaderLength - TcpFrame.TCP_LENGTH;
    }

    /** RFC 8684 §3.1 (MP_CAPABLE SYN) and §3.2 (MP_JOIN SYN); anything else is not served. */
    private void onSyn(final MemorySegment s, final int port, final long now)
    {
        counters.synsReceived.increment();
        final boolean capable = p.mptcp.has(Mptcp.MP_CAPABLE) && p.mptcp.mpcVersion == 1 &&
            p.mptcp.mpcLength == Mptcp.MPC_SYN_V1_LENGTH;
        final boolean join = p.mptcp.has(Mptcp.MP_JOIN) && p.mptcp.joinLength == Mptcp.JOIN_SYN_LENGTH;
        if (!capable && !join)
        {
            counters.rejectedNotMptcp.increment();
            resetUnknown(s, port, p.tcpFlags);
            return;
        }
        if (capable && (p.mptcp.mpcFlags & Mptcp.MPC_FLAG_A) != 0)
        {
            // The peer requires DSS checksums, which this responder does not compute.
            counters.rejectedChecksum.increment();
            resetUnknown(s, port, p.tcpFlags);
            return;
        }
        Connection joined = null;
        if (join)
        {
            joined = byToken(p.mptcp.joinToken);
            if (joined == null)
            {
                counters.joinRejectedToken.increment();
                resetUnknown(s, port, p.tcpFlags);
                return;
            }
        }
        final Flow f = newFlow();
        final Connection c = capable ? newConnection() : joined;
        if (f == null || c == null || !c.add(f))
        {
            if (capable && c != null)
            {
                c.used = false;
            }
            counters.rejectedFull.increment();
            resetUnknown(s, port, p.tcpFlags);
            return;
        }
        tuple(f, s, port);
        f.addressId = addressId(p.dstV4, port);
        f.state = Flow.SYN_RECEIVED;
        f.irs = p.seq;
        f.rcvNxt = p.seq + 1;
        f.iss = random.nextInt();
        f.sndUna = f.iss;
        f.sndNxt = f.iss + 1;
        f.peerWindow = p.window;
        f.lastHeard = now;
        f.rtoNanos = INITIAL_RTO_NANOS;
        f.deadline = now + f.rtoNanos;
        c.lastHeard = now;
        if (capable)
        {
            f.kind = Flow.KIND_CAPABLE;
            c.keyB = random.nextLong();
            keys.deriveV1(c.keyB);
            c.tokenB = keys.token();
            c.idsnB = keys.idsn();
            view.wrap(s.address(), (int)Math.min(s.byteSize(), Integer.MAX_VALUE));
            final int en = EsimOption.find(view, optionsOffset(), optionsLength(), subtypes.enable());
            if (en >= 0 && EsimOption.checkEnable(view, en, optionsOffset() + optionsLength() - en,
                subtypes.enable(), p.tcpFlags) == EsimOption.OK)
            {
                final int slot = esim.open(c.keyB);
                if (slot >= 0)
                {
                    f.esim = true;
                    c.esim = true;
                    c.esimSlot = slot;
                    byEsimSlot[slot] = c;
                }
            }
        }
        else
        {
            f.kind = Flow.KIND_JOIN;
            f.nonceA = p.mptcp.joinNonce;
            f.nonceB = random.nextInt();
            f.backup = p.mptcp.joinBackup;
        }
        synAck(f);
    }

    private Connection byToken(final int token)
    {
        for (final Connection c : connections)
        {
            if (c.used && c.established && c.tokenB == token)
            {
                return c;
            }
        }
        return null;
    }

    void synAck(final Flow f)
    {
        if (f.kind == Flow.KIND_CAPABLE)
        {
            out.synAckCapable(f, f.connection.keyB);
        }
        else
        {
            out.synAckJoin(f, f.connection, f.addressId);
        }
    }

    /** The ACK completing a passive open: MP_CAPABLE keys, MP_JOIN HMAC, or (eSIM) MP_JOIN_CAP. */
    private void onThirdAck(final MemorySegment s, final Flow f, final long now)
    {
        if ((p.tcpFlags & TcpFrame.ACK) == 0 || p.ack != f.iss + 1)
        {
            return;
        }
        final Connection c = f.connection;
        if (f.kind == Flow.KIND_JOIN)
        {
            if (p.mptcp.has(Mptcp.MP_JOIN) && p.mptcp.joinLength == Mptcp.JOIN_ACK_LENGTH &&
                out.verifyJoinAck(f, c, s, p.mptcp.joinHmacOffset))
            {
                counters.joinsOk.increment();
                established(f);
                // RFC 8684 §3.2: the responder acknowledges the third ACK, which makes the join reliable.
                out.ack(f, c, data.window(c));
                data.onSegment(s, p, f, now);
            }
            else
            {
                counters.joinRejectedHmac.increment();
                out.rst(f);
                drop(f);
            }
            return;
        }
        if (p.mptcp.has(Mptcp.MP_CAPABLE) && p.mptcp.mpcHasReceiverKey)
        {
            if (p.mptcp.mpcReceiverKey != c.keyB || c.established && p.mptcp.mpcSenderKey != c.keyA)
            {
                counters.rejectedBadKey.increment();
                out.rst(f);
                drop(f);
                return;
            }
            establishConnection(c, p.mptcp.mpcSenderKey);
            established(f);
            data.onSegment(s, p, f, now);
            return;
        }
        if (f.esim)
        {
            view.wrap(s.address(), (int)Math.min(s.byteSize(), Integer.MAX_VALUE));
            final int at = EsimOption.find(view, optionsOffset(), optionsLength(), subtypes.joinCap());
            if (at >= 0)
            {
                onJoinCap(f, at);
                return;
            }
        }
        // RFC 8684 §3.7 would fall back to TCP here; this server serves MPTCP only.
        counters.rejectedBadKey.increment();
        out.rst(f);
        drop(f);
    }

    /** Draft RobE_eSIM, MP_JOIN_CAP on the third ACK of a flow whose own SYN/ACK carried Key-B'. */
    private void onJoinCap(final Flow f, final int at)
    {
        final Connection own = f.connection;
        if (EsimOption.checkJoinCap(view, at, optionsOffset() + optionsLength() - at, subtypes.joinCap(),
            p.tcpFlags) != EsimOption.OK)
        {
            counters.joinCapRejectedMalformed.increment();
            out.rst(f);
            drop(f);
            return;
        }
        final int slot = esim.match(view, at, own.keyB, own.esimSlot);
        if (slot < 0)
        {
            (slot == EsimTable.HMAC_MISMATCH ? counters.joinCapRejectedHmac : counters.joinCapRejectedNoConnection)
                .increment();
            out.rst(f);
            drop(f);
            return;
        }
        final Connection target = byEsimSlot[slot];
        if (target.flowCount == Connection.MAX_FLOWS)
        {
            counters.rejectedFull.increment();
            out.rst(f);
            drop(f);
            return;
        }
        if (!target.established)
        {
            // Case 2: the HMAC proves the initiator saw this connection's SYN/ACK, so its initial flow is
            // established although its third ACK has not arrived.
            counters.joinCapAcceptedEarly.increment();
            establishConnection(target, EsimOption.joinCapKeyA(view, at));
            for (int i = 0; i < target.flowCount; i++)
            {
                if (target.flows[i].state == Flow.SYN_RECEIVED && target.flows[i].kind == Flow.KIND_CAPABLE)
                {
                    established(target.flows[i]);
                }
            }
        }
        counters.joinCapAccepted.increment();
        own.remove(f);
        release(own);
        f.kind = Flow.KIND_JOIN;
        f.addressId = EsimOption.joinCapAddrId(view, at);
        target.add(f);
        established(f);
        out.ack(f, target, data.window(target));
    }

    private void establishConnection(final Connection c, final long keyA)
    {
        if (c.established)
        {
            return;
        }
        c.keyA = keyA;
        keys.deriveV1(keyA);
        c.idsnA = keys.idsn();
        c.established = true;
        counters.mpcEstablished.increment();
        if (c.esim)
        {
            counters.esimNegotiated.increment();
            esim.establish(c.esimSlot, keyA);
        }
    }

    private static void established(final Flow f)
    {
        f.state = Flow.ESTABLISHED;
        f.sndUna = f.iss + 1;
        f.retries = 0;
        f.deadline = Long.MAX_VALUE;
    }

    /** Frees a flow, and its connection with its last flow. */
    void drop(final Flow f)
    {
        final Connection c = f.connection;
        f.reset();
        if (c != null)
        {
            c.remove(f);
            if (c.flowCount == 0)
            {
                release(c);
            }
        }
    }

    private void release(final Connection c)
    {
        if (!c.used)
        {
            return;
        }
        if (c.esimSlot >= 0)
        {
            esim.close(c.esimSlot);
            byEsimSlot[c.esimSlot] = null;
        }
        if (c.established)
        {
            counters.connectionsClosed.increment();
        }
        c.reset();
    }

    /**
     * Timers: SYN/ACK and data retransmission, idle connections.
     *
     * @param now {@link System#nanoTime()}.
     * @return work done.
     */
    int doWork(final long now)
    {
        int work = 0;
        for (final Flow f : flows)
        {
            if (f.state == Flow.FREE || now < f.deadline)
            {
                continue;
            }
            work++;
            if (f.state == Flow.SYN_RECEIVED)
            {
                if (++f.retries > SYN_ACK_RETRIES)
                {
                    drop(f);
                    continue;
                }
                counters.synAckRetransmits.increment();
                f.rtoNanos *= 2;
                f.deadline = now + f.rtoNanos;
                synAck(f);
            }
            else
            {
                data.onTimeout(f, now);
            }
        }
        for (final Connection c : connections)
        {
            if (c.used)
            {
                work += data.onConnectionTimer(c, now);
            }
            if (c.used && now - c.lastHeard > IDLE_NANOS)
            {
                counters.connectionsTimedOut.increment();
                while (c.flowCount > 0)
                {
                    final Flow f = c.flows[0];
                    out.rst(f);
                    drop(f);
                }
                release(c);
                work++;
            }
        }
        return work;
    }

    /** @return connections in use. */
    int connectionsInUse()
    {
        int n = 0;
        for (final Connection c : connections)
        {
            n += c.used ? 1 : 0;
        }
        return n;
    }
}
