package org.mpdp.robe;

import java.util.List;
import java.util.SplittableRandom;

import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.concurrent.UnsafeBuffer;
import org.mpdp.dataplane.control.ControlPlane;
import org.mpdp.dataplane.control.ControlResponder;
import org.mpdp.dataplane.control.Injector;
import org.mpdp.dataplane.counters.CounterType;
import org.mpdp.dataplane.counters.Counters;
import org.mpdp.dataplane.counters.CountersFileDescriptor;
import org.mpdp.dataplane.port.Mbuf;
import org.mpdp.dataplane.port.Port;
import org.mpdp.dataplane.steer.ControlTraffic;
import org.mpdp.robe.mode.PathHistory;
import org.mpdp.robe.net.Frames;
import org.mpdp.robe.net.Neighbours;
import org.mpdp.robe.net.Options;
import org.mpdp.robe.net.Segment;
import org.mpdp.robe.net.Wire;
import org.mpdp.robe.session.Host;
import org.mpdp.robe.tcp.SegmentOut;
import org.mpdp.robe.tcp.Subflow;
import org.mpdp.robe.tcp.SubflowOwner;

/**
 * The RobE control plane: the data plane's control thread runs it ({@code new Pipeline(config, counters, clock,
 * report, plane)}). It claims the path addresses, so their packets and ARP arrive here; ARP replies and
 * requests from next hops fill the neighbour table; TCP segments go to their subflow by 4-tuple (or to the
 * driver when no subflow owns them, else RST); ARP requests and pings for our addresses go to the built-in
 * {@link ControlResponder}. Frames leave through {@link Injector#send}. Every received mbuf is freed here or
 * handed to the responder (which sends or frees it), once.
 *
 * <p>Control thread only, except {@link #bind} (before the pipeline starts).
 */
public final class RobePlane implements ControlPlane, Host, SegmentOut, Wire
{
    private static final int FIRST_EPHEMERAL = 32768;
    private static final int LAST_EPHEMERAL = 60999;

    private final RobeConfig config;
    private final org.mpdp.robe.esim.EsimSubtypes esimSubtypes;
    private final Counters rawCounters;
    private final RobeCounters counters;
    private final PathHistory history;
    private final SplittableRandom random;
    private final Segment segment = new Segment();
    private final Frames frames = new Frames();
    private final Options noOptions = new Options();
    private final UnsafeBuffer out = new UnsafeBuffer(0, 0);
    private final Long2ObjectHashMap<Subflow> subflows = new Long2ObjectHashMap<>();
    private final boolean[] portInUse = new boolean[65536];
    private final org.mpdp.robe.tcp.ResetRepeats resetRepeats = new org.mpdp.robe.tcp.ResetRepeats(4096);
    private final java.util.function.Consumer<Subflow> repeatsDone = this::repeatsDone;
    private final org.mpdp.robe.tcp.StrayResets strayResets = new org.mpdp.robe.tcp.StrayResets(1024);
    private final org.mpdp.robe.tcp.StrayResets.Sender strayReset = this::sendReset;
    private int nextPort = FIRST_EPHEMERAL;
    private final org.mpdp.robe.tcp.InitialSequence isns = org.mpdp.robe.tcp.InitialSequence.forThisBoot();
    private int[] pathPortId;
    private Neighbours neighbours;
    private ControlResponder responder;
    private Driver driver;
    private Injector injector;
    private long now;
    private long timeWaitUntil;

    /**
     * @param config   the {@code robe:} section.
     * @param counters where the counters go (the run's counters file).
     * @param seed     random seed (keys, nonces, the first port; ISNs come from {@link org.mpdp.robe.tcp.InitialSequence}).
     */
    public RobePlane(final RobeConfig config, final Counters counters, final long seed)
    {
        this.config = config;
        this.esimSubtypes = org.mpdp.robe.esim.EsimSubtypes.of(config.esim());
        this.rawCounters = counters;
        this.counters = new RobeCounters(counters);
        this.history = new PathHistory(config.paths().size());
        this.random = new SplittableRandom(seed);
        nextPort = FIRST_EPHEMERAL + random.nextInt(LAST_EPHEMERAL - FIRST_EPHEMERAL);
    }

    /**
     * Learns the port ids once the pipeline has opened its ports (before it starts).
     *
     * @param ports  the pipeline's ports, in config order.
     * @param driver what runs on the control thread.
     */
    public void bind(final List<Port> ports, final Driver driver)
    {
        final int n = config.paths().size();
        pathPortId = new int[n];
        final int[] local = new int[n];
        final int[] gateway = new int[n];
        for (int i = 0; i < n; i++)
        {
            final RobeConfig.PathSpec p = config.paths().get(i);
            pathPortId[i] = ports.get(p.port()).id();
            local[i] = p.address();
            gateway[i] = p.gateway();
        }
        neighbours = new Neighbours(pathPortId, local, gateway);
        responder = new ControlResponder(pathPortId, local, new int[0], new long[0], new long[0],
            counter("arp-replies"), counter("icmp-echo-replies"), counter("control-ignored"));
        this.driver = driver;
    }

    private org.agrona.concurrent.status.AtomicCounter counter(final String name)
    {
        return rawCounters.newCounter(CounterType.CONTROL, 0, CountersFileDescriptor.NULL_KEY, "robe-" + name,
            "robe " + name);
    }

    @Override
    public void claim(final ControlTraffic traffic)
    {
        for (final RobeConfig.PathSpec p : config.paths())
        {
            traffic.localV4(p.address());
        }
    }

    @Override
    public void receive(final long mbuf, final int port, final int queue, final Injector injector)
    {
        this.injector = injector;
        now = System.nanoTime();
        final int type = Mbuf.segments(mbuf) == 1 ? segment.wrap(Mbuf.dataAddress(mbuf), Mbuf.dataLength(mbuf)) :
            Segment.OTHER;
        if (type == Segment.ARP_REQUEST || type == Segment.ARP_REPLY)
        {
            neighbours.learn(port, segment.arpSender(), segment.arpSenderMac());
            counters.arpLearnt.incrementRelease();
            if (type == Segment.ARP_REQUEST)
            {
                responder.receive(mbuf, port, queue, injector); // answers for our addresses, frees the rest
            }
            else
            {
                injector.free(mbuf);
            }
            return;
        }
        final int path = type == Segment.TCP ? pathOf(port, segment.dst()) : -1;
        if (path < 0)
        {
            responder.receive(mbuf, port, queue, injector); // pings for our addresses; frees the rest
            return;
        }
        counters.segmentsRx.incrementRelease();
        try
        {
            final Subflow s = subflows.get(key(segment.dport(), segment.sport(), segment.src()));
            if (s != null && s.local() == segment.dst())
            {
                s.onSegment(segment, now);
            }
            else if (driver == null || !driver.unclaimed(segment, path, now, this))
            {
                counters.segmentsUnknown.incrementRelease();
                resetUnknown(port);
            }
        }
        catch (final RuntimeException ex)
        {
            error(ex);
        }
        injector.free(mbuf); // the payload was copied out: the frame is done with
    }

    /** A bug, not traffic: counted, the first few printed; the packet is still freed by the caller. */
    private void error(final RuntimeException ex)
    {
        if (counters.errors.getAndAddRelease(1) < 5)
        {
            System.err.println("robe: internal error on the control thread (counted as robe errors): " + ex);
            ex.printStackTrace();
        }
    }

    /** RFC 9293 §3.10.7.1: a segment for no connection gets a RST (none for a RST). */
    private void resetUnknown(final int port)
    {
        if (segment.has(Frames.RST))
        {
            return;
        }
        final boolean ack = segment.has(Frames.ACK);
        if (segment.has(Frames.SYN) && ack)
        {
            counters.lateSynAcks.incrementRelease();
        }
        final int seq = ack ? segment.ack() : 0;
        final int ackNumber = ack ? 0 : segment.seq() + segment.payloadLength() + (segment.has(Frames.SYN) ? 1 : 0) +
            (segment.has(Frames.FIN) ? 1 : 0);
        final int flags = ack ? Frames.RST : Frames.RST | Frames.ACK;
        sendReset(port, segment.srcMac(), segment.dst(), segment.src(), segment.dport(), segment.sport(), seq,
            ackNumber, flags);
        counters.rstsSent.incrementRelease();
        if (!strayResets.add(port, segment.srcMac(), segment.dst(), segment.src(), segment.dport(), segment.sport(), seq,
            ackNumber, flags, org.mpdp.robe.tcp.StrayResets.RST_REPEATS, now))
        {
            counters.rstsNotRepeated.incrementRelease();
        }
    }

    private void sendReset(final int port, final long dstMac, final int src, final int dst, final int sport,
        final int dport, final int seq, final int ack, final int flags)
    {
        final int length = frames.tcp(mac(port), dstMac, src, dst, sport, dport, seq, ack, flags, 0, noOptions.bytes(),
            0, null, 0, 0);
        send(port, frames.bytes(), length);
    }

    private int pathOf(final int port, final int address)
    {
        for (int i = 0; i < pathPortId.length; i++)
        {
            if (pathPortId[i] == port && config.paths().get(i).address() == address)
            {
                return i;
            }
        }
        return -1;
    }

    private static long key(final int localPort, final int remotePort, final int remote)
    {
        return (long)localPort << 48 | (long)remotePort << 32 | (remote & 0xFFFF_FFFFL);
    }

    @Override
    public int doWork(final long nowNanos, final Injector injector)
    {
        this.injector = injector;
        now = nowNanos;
        try
        {
            final int repeats = resetRepeats.poll(nowNanos, repeatsDone) + strayResets.poll(nowNanos, strayReset);
            if (repeats > 0)
            {
                counters.rstRepeats.getAndAddRelease(repeats);
            }
            return repeats + (driver == null ? 0 : driver.poll(nowNanos, this));
        }
        catch (final RuntimeException ex)
        {
            error(ex);
            return 1;
        }
    }

    /**
     * @param path path index.
     * @return whether its next hop's MAC is known (asks for it when not).
     */
    public boolean resolved(final int path)
    {
        return neighbours.resolve(path, now, this) >= 0;
    }

    @Override
    public org.mpdp.robe.esim.EsimSubtypes esimSubtypes()
    {
        return esimSubtypes;
    }

    /** @return the {@code robe:} section. */
    public RobeConfig config()
    {
        return config;
    }

    /**
     * Registers a subflow for demux (a responder's passive subflows; {@link #open} does it for active ones).
     *
     * @param s the subflow.
     */
    public void register(final Subflow s)
    {
        subflows.put(key(s.localPort(), s.remotePort(), s.remote()), s);
    }

    @Override
    public int paths()
    {
        return config.paths().size();
    }

    @Override
    public Subflow open(final SubflowOwner owner, final int path, final int remotePort)
    {
        for (int tries = 0; tries <= LAST_EPHEMERAL - FIRST_EPHEMERAL; tries++)
        {
            final int port = nextPort;
            nextPort = nextPort == LAST_EPHEMERAL ? FIRST_EPHEMERAL : nextPort + 1;
            if (!portInUse[port])
            {
                portInUse[port] = true;
                final RobeConfig.PathSpec p = config.paths().get(path);
                // RFC 6528 ISN, not a random one: a server's TIME-WAIT on a reused tuple takes it (InitialSequence).
                final Subflow s = new Subflow(owner, this, path, p.address(), port, p.remote(), remotePort,
                    isns.isn(p.address(), port, p.remote(), remotePort, System.nanoTime()));
                register(s);
                return s;
            }
        }
        return null;
    }

    @Override
    public void release(final Subflow subflow)
    {
        if (subflows.remove(key(subflow.localPort(), subflow.remotePort(), subflow.remote())) != null &&
            !resetRepeats.contains(subflow))
        {
            freePort(subflow.localPort());
        }
    }

    private void freePort(final int port)
    {
        if (port >= FIRST_EPHEMERAL && port <= LAST_EPHEMERAL)
        {
            portInUse[port] = false;
        }
    }

    /**
     * How long a run keeps answering after a lossy active close ({@link #holdTimeWait}): a server in LAST-ACK
     * whose FIN was not acknowledged retransmits it after about 0.2, 0.6, 1.4, 3.0 and 6.2 s (RTO 200 ms,
     * doubling; 3, 9, 21 s after a retransmitted SYN/ACK), so 4 s give it a round even then.
     */
    public static final long TIME_WAIT_NANOS = 4_000_000_000L;

    @Override
    public void holdTimeWait(final Subflow subflow, final long now)
    {
        timeWaitUntil = Math.max(timeWaitUntil, now + TIME_WAIT_NANOS);
        // The last ACK (of the server's FIN) went just now; its copies follow (StrayResets).
        final long mac = neighbours.resolve(subflow.path(), now, this);
        if (mac < 0 || !strayResets.add(pathPortId[subflow.path()], mac, subflow.local(), subflow.remote(),
            subflow.localPort(), subflow.remotePort(), subflow.sndNxt(), subflow.rcvNxt(), Frames.ACK,
            org.mpdp.robe.tcp.StrayResets.LAST_ACK_REPEATS, now))
        {
            counters.rstsNotRepeated.incrementRelease();
        }
    }

    /** @return until when a lossy active close wants the run to keep answering (nanoTime; 0: none). */
    public long timeWaitUntil()
    {
        return timeWaitUntil;
    }

    @Override
    public void repeatReset(final Subflow subflow)
    {
        if (!resetRepeats.contains(subflow) && !resetRepeats.add(subflow, now))
        {
            counters.rstsNotRepeated.incrementRelease();
        }
    }

    /** A subflow sent its last repeated RST: its port is free once its session has released it too. */
    private void repeatsDone(final Subflow subflow)
    {
        if (subflows.get(key(subflow.localPort(), subflow.remotePort(), subflow.remote())) != subflow)
        {
            freePort(subflow.localPort());
        }
    }

    /** @return subflows whose RST is still being repeated (a run lingers until none is left). */
    public int resetsRepeating()
    {
        return resetRepeats.size() + strayResets.size();
    }

    @Override
    public RobeCounters counters()
    {
        return counters;
    }

    @Override
    public PathHistory history()
    {
        return history;
    }

    @Override
    public long random()
    {
        return random.nextLong();
    }

    @Override
    public void send(final Subflow s, final int flags, final int seq, final int ack, final Options options,
        final byte[] payload, final int offset, final int length)
    {
        final int path = s.path();
        final long mac = neighbours.resolve(path, now, this);
        if (mac < 0)
        {
            counters.txNoNeighbour.incrementRelease();
            return;
        }
        final int port = pathPortId[path];
        final int n = frames.tcp(mac(port), mac, s.local(), s.remote(), s.localPort(), s.remotePort(), seq, ack, flags,
            Subflow.WINDOW, options.bytes(), options.length(), payload, offset, length);
        send(port, frames.bytes(), n);
    }

    @Override
    public boolean send(final int port, final byte[] frame, final int length)
    {
        final long mbuf = injector == null ? 0 : injector.allocate(port);
        if (mbuf == 0)
        {
            counters.txNoMbuf.incrementRelease();
            return false;
        }
        if (Mbuf.tailroomFromData(mbuf) < length)
        {
            injector.free(mbuf);
            counters.txNoMbuf.incrementRelease();
            return false;
        }
        out.wrap(Mbuf.dataAddress(mbuf), length);
        out.putBytes(0, frame, 0, length);
        Mbuf.setLength(mbuf, length);
        counters.framesTx.incrementRelease();
        return injector.send(port, mbuf);
    }

    @Override
    public long mac(final int port)
    {
        return injector == null ? 0 : injector.mac(port);
    }
}
