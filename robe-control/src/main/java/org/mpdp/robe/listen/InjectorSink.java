package org.mpdp.robe.listen;

import java.lang.foreign.MemorySegment;

import org.mpdp.dataplane.control.Injector;
import org.mpdp.dataplane.port.Mbuf;

/**
 * {@link FrameSink} on the data plane: a fresh mbuf from the port's pool per frame, handed to
 * {@link Injector#send} (which owns it from then on, freeing and counting it if its ring is full).
 */
final class InjectorSink implements FrameSink
{
    private Injector injector;
    private long mbuf;

    InjectorSink use(final Injector injector)
    {
        this.injector = injector;
        return this;
    }

    @Override
    public MemorySegment open(final int port)
    {
        if (mbuf != 0)
        {
            injector.free(mbuf);
        }
        mbuf = injector == null ? 0 : injector.allocate(port);
        if (mbuf == 0 || Mbuf.tailroomFromData(mbuf) < FRAME_ROOM)
        {
            if (mbuf != 0)
            {
                injector.free(mbuf);
                mbuf = 0;
            }
            return null;
        }
        return MemorySegment.ofAddress(Mbuf.dataAddress(mbuf)).reinterpret(FRAME_ROOM);
    }

    @Override
    public void send(final int port, final int length)
    {
        final long m = mbuf;
        mbuf = 0;
        Mbuf.setLength(m, length);
        injector.send(port, m);
    }
}
