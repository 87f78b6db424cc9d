package org.mpdp.dataplane.steer;

import org.mpdp.dataplane.wire.ParsedPacket;

/**
 * Which packets are for the box itself rather than for a worker: a small set of local IPv4 and IPv6
 * addresses (any packet to one of them), EtherTypes (ARP 0x0806 by default), and IPv6 neighbour
 * discovery (ICMPv6 to a link-local multicast address, ff02::/16, on by default). Configure before the
 * steering threads start; afterwards it is only read. At most {@link #MAX_ENTRIES} of each kind, scanned
 * linearly (a few compares).
 */
public final class ControlTraffic
{
    /** Most addresses of each family and most EtherTypes. */
    public static final int MAX_ENTRIES = 16;
    /** ARP (RFC 826). */
    public static final int ETHERTYPE_ARP = 0x0806;
    private static final int PROTO_ICMPV6 = 58;
    private static final long LINK_LOCAL_MULTICAST_MASK = 0xFFFF_0000_0000_0000L;
    private static final long LINK_LOCAL_MULTICAST = 0xFF02_0000_0000_0000L;

    private final int[] etherTypes = new int[MAX_ENTRIES];
    private final int[] v4 = new int[MAX_ENTRIES];
    private final long[] v6High = new long[MAX_ENTRIES];
    private final long[] v6Low = new long[MAX_ENTRIES];
    private int etherTypeCount;
    private int v4Count;
    private int v6Count;
    private boolean neighbourDiscovery = true;

    /** ARP and IPv6 neighbour discovery go to CONTROL; no local addresses yet. */
    public ControlTraffic()
    {
        etherType(ETHERTYPE_ARP);
    }

    /** Adds an EtherType whose frames go to CONTROL. */
    public ControlTraffic etherType(final int etherType)
    {
        etherTypes[checkRoom(etherTypeCount, "etherType")] = etherType;
        etherTypeCount++;
        return this;
    }

    /** Adds a local IPv4 address (host order, as {@link ParsedPacket#dstV4}). */
    public ControlTraffic localV4(final int address)
    {
        v4[checkRoom(v4Count, "localV4")] = address;
        v4Count++;
        return this;
    }

    /** Adds a local IPv6 address (as {@link ParsedPacket#dstV6High} / {@link ParsedPacket#dstV6Low}). */
    public ControlTraffic localV6(final long high, final long low)
    {
        final int i = checkRoom(v6Count, "localV6");
        v6High[i] = high;
        v6Low[i] = low;
        v6Count++;
        return this;
    }

    /** Whether ICMPv6 to ff02::/16 (neighbour and router discovery, MLD) goes to CONTROL. */
    public ControlTraffic neighbourDiscovery(final boolean toControl)
    {
        neighbourDiscovery = toControl;
        return this;
    }

    private static int checkRoom(final int count, final String what)
    {
        if (count >= MAX_ENTRIES)
        {
            throw new IllegalStateException(what + ": at most " + MAX_ENTRIES + " entries");
        }
        return count;
    }

    /**
     * @return whether the packet is for the box itself.
     */
    public boolean isControl(final ParsedPacket p)
    {
        for (int i = 0; i < etherTypeCount; i++)
        {
            if (etherTypes[i] == p.etherType)
            {
                return true;
            }
        }
        if (p.ipVersion == 4)
        {
            for (int i = 0; i < v4Count; i++)
            {
                if (v4[i] == p.dstV4)
                {
                    return true;
                }
            }
        }
        else if (p.ipVersion == 6)
        {
            if (neighbourDiscovery && p.ipProtocol == PROTO_ICMPV6 &&
                (p.dstV6High & LINK_LOCAL_MULTICAST_MASK) == LINK_LOCAL_MULTICAST)
            {
                return true;
            }
            for (int i = 0; i < v6Count; i++)
            {
                if (v6High[i] == p.dstV6High && v6Low[i] == p.dstV6Low)
                {
                    return true;
                }
            }
        }
        return false;
    }
}
