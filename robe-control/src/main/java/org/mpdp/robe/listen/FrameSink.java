package org.mpdp.robe.listen;

import java.lang.foreign.MemorySegment;

/**
 * Where the responder's frames go: {@link #open} hands out room for one frame on a port, {@link #send} sends
 * it. Live, an mbuf from the port's pool sent through the data plane's injector ({@link InjectorSink}); in
 * tests, memory the test reads back.
 */
interface FrameSink
{
    /** Room every frame gets. */
    int FRAME_ROOM = 1600;

    /**
     * @param port port id.
     * @return writable memory of at least {@link #FRAME_ROOM} bytes, or null when there is none (counted).
     */
    MemorySegment open(int port);

    /**
     * Sends the frame last opened on {@code port}.
     *
     * @param port   port id.
     * @param length the frame's length.
     */
    void send(int port, int length);
}
