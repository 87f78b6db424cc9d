package org.mpdp.robe.net;

/**
 * Next-hop MACs of the configured paths, learnt by ARP (RFC 826): a request is broadcast when a frame needs a
 * next hop that is not known yet, at most every {@link #RETRY_NANOS}; replies and requests from a next hop fill
 * the entry. Control thread only.
 */
public final class Neighbours
{
    /** Least time between two requests for one next hop. */
    public static final long RETRY_NANOS = 200_000_000L;

    private final int[] port;
    private final int[] local;
    private final int[] nextHop;
    private final long[] mac;
    private final long[] askedAt;
    private final Frames frames = new Frames();
    private long requests;

    /**
     * @param port    port id of each path.
     * @param local   the box's address on each path (host order).
     * @param nextHop the gateway of each path.
     */
    public Neighbours(final int[] port, final int[] local, final int[] nextHop)
    {
        this.port = port.clone();
        this.local = local.clone();
        this.nextHop = nextHop.clone();
        mac = new long[port.length];
        askedAt = new long[port.length];
        java.util.Arrays.fill(askedAt, Long.MIN_VALUE / 2);
    }

    /**
     * @param path  path index.
     * @param now   nanoTime.
     * @param wire  where an ARP request goes when the MAC is not known.
     * @return the next hop's MAC, or -1 while unknown.
     */
    public long resolve(final int path, final long now, final Wire wire)
    {
        if (mac[path] != 0)
        {
            return mac[path];
        }
        if (now - askedAt[path] >= RETRY_NANOS)
        {
            askedAt[path] = now;
            requests++;
            final int length = frames.arpRequest(wire.mac(port[path]), local[path], nextHop[path]);
            wire.send(port[path], frames.bytes(), length);
        }
        return -1;
    }

    /**
     * Learns from an ARP reply or request.
     *
     * @param onPort port it came in on.
     * @param sender sender address.
     * @param senderMac sender MAC.
     */
    public void learn(final int onPort, final int sender, final long senderMac)
    {
        for (int i = 0; i < port.length; i++)
        {
            if (port[i] == onPort && nextHop[i] == sender && senderMac != 0)
            {
                mac[i] = senderMac;
            }
        }
    }

    /**
     * @param path path index.
     * @return whether its next hop is known.
     */
    public boolean known(final int path)
    {
        return mac[path] != 0;
    }

    /** @return ARP requests sent. */
    public long requests()
    {
        return requests;
    }
}
