package org.mpdp.robe.listen;

import java.lang.foreign.MemorySegment;

import org.mpdp.dataplane.control.ControlPlane;
import org.mpdp.dataplane.control.ControlResponder;
import org.mpdp.dataplane.control.Injector;
import org.mpdp.dataplane.port.Mbuf;
import org.mpdp.dataplane.steer.ControlTraffic;

/**
 * The control plane of {@code mpdp robe listen}: TCP for the listen addresses goes to the {@link Responder};
 * everything else for the box (ARP, ICMP echo) to the built-in {@link ControlResponder}, which answers or frees
 * it. Every mbuf received is freed here or handed on exactly once.
 */
final class ListenPlane implements ControlPlane
{
    private final Responder responder;
    private final ControlResponder basics;
    private final InjectorSink sink;
    private final long[] macByPort;
    private boolean macsKnown;

    ListenPlane(final Responder responder, final ControlResponder basics, final InjectorSink sink,
        final long[] macByPort)
    {
        this.responder = responder;
        this.basics = basics;
        this.sink = sink;
        this.macByPort = macByPort;
    }

    @Override
    public void claim(final ControlTraffic traffic)
    {
        basics.claim(traffic);
        for (final int address : responder.localIps)
        {
            traffic.localV4(address);
        }
    }

    private void use(final Injector injector)
    {
        sink.use(injector);
        if (!macsKnown)
        {
            for (int i = 0; i < macByPort.length; i++)
            {
                macByPort[i] = injector.mac(i);
            }
            macsKnown = true;
        }
    }

    @Override
    public void receive(final long mbuf, final int port, final int queue, final Injector injector)
    {
        use(injector);
        final int length = Mbuf.dataLength(mbuf);
        final MemorySegment frame = MemorySegment.ofAddress(Mbuf.dataAddress(mbuf)).reinterpret(length);
        if (responder.onFrame(frame, length, port, System.nanoTime()))
        {
            injector.free(mbuf);
        }
        else
        {
            basics.receive(mbuf, port, queue, injector);
        }
    }

    @Override
    public int doWork(final long nowNanos, final Injector injector)
    {
        use(injector);
        return responder.doWork(nowNanos);
    }
}
