package org.mpdp.robe.net;

/**
 * Where built frames go: the plane copies them into a fresh mbuf and injects it into the port's TX
 * ({@code control.Injector}). Tests can capture them instead.
 */
public interface Wire
{
    /**
     * @param port   port id.
     * @param frame  frame bytes.
     * @param length its length.
     * @return whether it was queued (false: no mbuf or the injection ring was full; counted by the wire).
     */
    boolean send(int port, byte[] frame, int length);

    /**
     * @param port port id.
     * @return its MAC (wire order in the low 48 bits).
     */
    long mac(int port);
}
