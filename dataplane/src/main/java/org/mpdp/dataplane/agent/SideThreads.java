package org.mpdp.dataplane.agent;

import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.List;

import org.mpdp.dataplane.config.RunConfig;
import org.mpdp.dataplane.control.ControlPlane;
import org.mpdp.dataplane.control.ControlResponder;
import org.mpdp.dataplane.control.Injector;
import org.mpdp.dataplane.counters.CounterType;
import org.mpdp.dataplane.counters.Counters;
import org.mpdp.dataplane.counters.CountersFileDescriptor;
import org.mpdp.dataplane.mirror.MirrorRing;
import org.mpdp.dataplane.mirror.MirrorTap;
import org.mpdp.dataplane.mirror.MirrorWriter;
import org.mpdp.dataplane.port.Port;
import org.mpdp.dataplane.steer.BurstRing;
import org.mpdp.dataplane.steer.ControlTraffic;
import org.mpdp.dataplane.steer.Wakeup;
import org.mpdp.dataplane.track.VerdictPolicy;
import org.mpdp.dpdk.EthDev;

/**
 * How {@link Pipeline} builds the threads beside the packet threads and wires them to the workers: the
 * control thread (control ring, injection rings, the built-in responder) and the mirror writer (the
 * shared ring and a tap per worker). Built once, before any thread starts.
 */
final class SideThreads
{
    private SideThreads()
    {
    }

    /** The built-in responder for {@code control.responder}, or null when it lists no address. */
    static ControlPlane responder(final RunConfig.Control control, final int[] portIds, final Counters counters)
    {
        if (!control.enabled())
        {
            return null;
        }
        final List<RunConfig.ResponderAddress> v4 = control.responder().stream().filter(a -> a.ipv4Text() != null)
            .toList();
        final List<RunConfig.ResponderAddress> v6 = control.responder().stream().filter(a -> a.ipv6Text() != null)
            .toList();
        final int[] ports = new int[v4.size()];
        final int[] addresses = new int[v4.size()];
        for (int i = 0; i < v4.size(); i++)
        {
            ports[i] = portIds[v4.get(i).port()];
            addresses[i] = v4.get(i).ipv4();
        }
        final int[] ports6 = new int[v6.size()];
        final long[] high = new long[v6.size()];
        final long[] low = new long[v6.size()];
        for (int i = 0; i < v6.size(); i++)
        {
            ports6[i] = portIds[v6.get(i).port()];
            high[i] = v6.get(i).ipv6High();
            low[i] = v6.get(i).ipv6Low();
        }
        final int none = CountersFileDescriptor.NULL_KEY;
        return new ControlResponder(ports, addresses, ports6, high, low,
            counters.newCounter(CounterType.CONTROL, none, none, "arp-replies",
                "control ARP replies and neighbour advertisements"),
            counters.newCounter(CounterType.CONTROL, none, none, "icmp-echo-replies", "control ICMP echo replies " +
                "(v4 and v6)"),
            counters.newCounter(CounterType.CONTROL, none, none, "control-ignored",
                "control packets not answered (freed)"));
    }

    /** ARP and IPv6 ND always go to CONTROL; the plane adds its addresses. */
    static ControlTraffic controlTraffic(final ControlPlane plane)
    {
        final ControlTraffic traffic = new ControlTraffic();
        if (plane != null)
        {
            plane.claim(traffic);
        }
        return traffic;
    }

    /**
     * The control ring (every steering thread to the control thread), one injection ring per worker
     * (control thread to that worker's TX queues; see {@link Injector} for why not a TX queue of its own),
     * and the control agent.
     */
    static ControlAgent attachControl(final ControlPlane plane, final List<WorkerAgent> workers,
        final List<RxAgent> rxAgents, final List<Port> ports, final int[] portIds, final int ringBytes,
        final PipelineSettings settings, final Counters counters, final Arena arena)
    {
        final int none = CountersFileDescriptor.NULL_KEY;
        final BurstRing controlRing = new BurstRing(ringBytes, settings.burst());
        final Wakeup controlWakeup = new Wakeup();
        final BurstRing[] inject = new BurstRing[workers.size()];
        for (int w = 0; w < workers.size(); w++)
        {
            inject[w] = new BurstRing(ringBytes, settings.burst());
            workers.get(w).control(controlRing, controlWakeup, inject[w]);
        }
        for (int r = 0; r < rxAgents.size(); r++)
        {
            rxAgents.get(r).control(controlRing, controlWakeup, counters.newCounter(CounterType.RING, r, 3,
                "rx-control-ring-full", "rx " + r + " freed: control ring full"));
        }
        final int slots = EthDev.count();
        final BurstRing[] ringByPort = new BurstRing[slots];
        final Wakeup[] wakeByPort = new Wakeup[slots];
        final long[] poolByPort = new long[slots];
        final long[] macByPort = new long[slots];
        for (int i = 0; i < portIds.length; i++)
        {
            ringByPort[portIds[i]] = inject[i % inject.length];
            wakeByPort[portIds[i]] = workers.get(i % inject.length).wakeup();
            poolByPort[portIds[i]] = ports.get(i).pool().address();
            macByPort[portIds[i]] = ports.get(i).mac();
        }
        final Injector injector = new Injector(ringByPort, wakeByPort, poolByPort, macByPort,
            counters.newCounter(CounterType.CONTROL, none, none, "control-tx", "control frames injected for TX"),
            counters.newCounter(CounterType.CONTROL, none, none, "control-tx-refused",
                "control frames refused (no such port or injection ring full; freed)"), arena);
        return new ControlAgent(controlRing, plane, injector,
            counters.newCounter(CounterType.CONTROL, none, none, "control-rx", "control packets received"),
            settings.drainLimit(), controlWakeup);
    }

    /**
     * One shared ring from the workers to the mirror writer, and a tap per worker with its share of the
     * rate. Sized for at least 16 full records and 4 MiB: about 14,000 packets of 256 bytes, 14 s at the
     * default 1,000 per second should the writer stall.
     */
    static MirrorWriter attachMirror(final RunConfig.Mirror mirror, final VerdictPolicy policy,
        final List<WorkerAgent> workers, final int[] portIds, final Counters counters)
    {
        final int bytes = Integer.highestOneBit(Math.max(4 << 20, 16 * (mirror.snaplen() + 64)) - 1) << 1;
        final MirrorRing ring = new MirrorRing(bytes, mirror.snaplen());
        final int share = Math.max(1, mirror.maxPacketsPerSecond() / workers.size());
        for (int w = 0; w < workers.size(); w++)
        {
            final String n = "worker " + w + " ";
            workers.get(w).mirror(new MirrorTap(ring, policy, share,
                counters.newCounter(CounterType.WORKER, w, CountersFileDescriptor.NULL_KEY, "mirrored",
                    n + "mirrored (copied for the mirror file)"),
                counters.newCounter(CounterType.WORKER, w, CountersFileDescriptor.NULL_KEY, "mirror-rate-limited",
                    n + "not mirrored: over the rate limit"),
                counters.newCounter(CounterType.WORKER, w, CountersFileDescriptor.NULL_KEY, "mirror-ring-full",
                    n + "not mirrored: mirror ring full")));
        }
        final List<String> names = new ArrayList<>();
        for (int id = 0; id < EthDev.count(); id++)
        {
            names.add(null);
        }
        for (final int id : portIds)
        {
            names.set(id, EthDev.name(id));
        }
        final int none = CountersFileDescriptor.NULL_KEY;
        return new MirrorWriter(ring, mirror.pcap(), names,
            counters.newCounter(CounterType.PROCESS, none, none, "mirror-written", "mirror packets written to " +
                mirror.pcap().getFileName()),
            counters.newCounter(CounterType.PROCESS, none, none, "mirror-errors", "mirror write errors"));
    }
}
