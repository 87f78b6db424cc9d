package org.mpdp.dataplane.control;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;

import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;
import org.mpdp.dataplane.crypto.InternetChecksum;
import org.mpdp.dataplane.port.Mbuf;
import org.mpdp.dataplane.steer.ControlTraffic;

/**
 * The built-in control plane: answers ARP requests (RFC 826) for its IPv4 addresses and ICMP echo
 * requests (RFC 792) to them, and for its IPv6 addresses neighbour solicitations (RFC 4861 §7.2.4) and
 * ICMPv6 echo requests (RFC 4443 §4.1), each on the port the address is configured on, by rewriting
 * the request in place and sending it back out of the same port. Everything else for the box (other
 * ARP and neighbour discovery, other traffic to its addresses) is freed and counted as ignored.
 *
 * <pre>
 *  ARP in Ethernet (offsets from the frame start)       IPv4 + ICMP echo
 *  12 EtherType 0x0806                                  14 version/IHL   22 TTL   23 protocol (1)
 *  14 htype (1)  16 ptype (0x0800)  18 hlen 6  19 plen 4   24 header checksum  26 source  30 destination
 *  20 oper (1 request, 2 reply)                         14 + IHL: type (8 request, 0 reply), code, checksum
 *  22 sender MAC  28 sender IP  32 target MAC  38 target IP
 * </pre>
 */
public final class ControlResponder implements ControlPlane
{
    private static final ByteOrder NET = ByteOrder.BIG_ENDIAN;
    private static final int ETHERTYPE_OFFSET = 12;
    private static final int ETH_LENGTH = 14;
    private static final int ETHERTYPE_IPV4 = 0x0800;
    private static final int ARP_LENGTH = 28;
    private static final int ARP_OPER_OFFSET = ETH_LENGTH + 6;
    private static final int ARP_SHA_OFFSET = ETH_LENGTH + 8;
    private static final int ARP_SPA_OFFSET = ETH_LENGTH + 14;
    private static final int ARP_THA_OFFSET = ETH_LENGTH + 18;
    private static final int ARP_TPA_OFFSET = ETH_LENGTH + 24;
    private static final int ARP_REQUEST = 1;
    private static final int ARP_REPLY = 2;
    private static final int IP_TOTAL_LENGTH_OFFSET = ETH_LENGTH + 2;
    private static final int IP_FRAGMENT_OFFSET = ETH_LENGTH + 6;
    private static final int IP_TTL_OFFSET = ETH_LENGTH + 8;
    private static final int IP_PROTOCOL_OFFSET = ETH_LENGTH + 9;
    private static final int IP_CHECKSUM_OFFSET = ETH_LENGTH + 10;
    private static final int IP_SOURCE_OFFSET = ETH_LENGTH + 12;
    private static final int IP_DESTINATION_OFFSET = ETH_LENGTH + 16;
    private static final int PROTO_ICMP = 1;
    private static final int ICMP_ECHO_REQUEST = 8;
    private static final int ICMP_ECHO_REPLY = 0;
    private static final int ICMP_HEADER_LENGTH = 8;
    /** RFC 1700's default TTL, as Linux's net.ipv4.ip_default_ttl. */
    private static final int REPLY_TTL = 64;

    private static final int ETHERTYPE_IPV6 = 0x86DD;
    private static final int IP6_LENGTH = 40;
    private static final int IP6_PAYLOAD_LENGTH_OFFSET = ETH_LENGTH + 4;
    private static final int IP6_NEXT_HEADER_OFFSET = ETH_LENGTH + 6;
    private static final int IP6_HOP_LIMIT_OFFSET = ETH_LENGTH + 7;
    private static final int IP6_SOURCE_OFFSET = ETH_LENGTH + 8;
    private static final int IP6_DESTINATION_OFFSET = ETH_LENGTH + 24;
    private static final int ICMP6 = ETH_LENGTH + IP6_LENGTH;
    private static final int PROTO_ICMPV6 = 58;
    private static final int ICMPV6_ECHO_REQUEST = 128;
    private static final int ICMPV6_ECHO_REPLY = 129;
    private static final int ND_NEIGHBOR_SOLICIT = 135;
    private static final int ND_NEIGHBOR_ADVERT = 136;
    /** Solicited and Override set, Router clear (RFC 4861 §4.4). */
    private static final int NA_FLAGS = 0x6000_0000;
    private static final int ND_OPT_TARGET_LINKADDR = 2;
    /** ICMPv6 header, flags, target, one target link-layer address option. */
    private static final int NA_LENGTH = 4 + 4 + 16 + 8;
    /** Neighbour discovery is only valid with hop limit 255: it cannot have crossed a router (§7.1.1). */
    private static final int ND_HOP_LIMIT = 255;

    private final int[] portIds;
    private final int[] addresses;
    private final int[] portIds6;
    private final long[] high6;
    private final long[] low6;
    private final AtomicCounter arpReplies;
    private final AtomicCounter echoReplies;
    private final AtomicCounter ignored;
    /** All of memory: frames are summed by absolute address, as the tracker sums payloads. */
    private static final MemorySegment MEMORY = MemorySegment.NULL.reinterpret(Long.MAX_VALUE);

    private final UnsafeBuffer frame = new UnsafeBuffer(0, 0);

    /**
     * @param portIds     port id of each IPv4 address.
     * @param addresses   the IPv4 addresses, host order, one per entry of {@code portIds}.
     * @param portIds6    port id of each IPv6 address.
     * @param high6       the IPv6 addresses' first 8 bytes, big-endian, one per entry of {@code portIds6}.
     * @param low6        their last 8 bytes.
     * @param arpReplies  counts ARP replies and neighbour advertisements sent.
     * @param echoReplies counts ICMP and ICMPv6 echo replies sent.
     * @param ignored     counts packets for the box this responder does not answer (freed).
     */
    public ControlResponder(final int[] portIds, final int[] addresses, final int[] portIds6, final long[] high6,
        final long[] low6, final AtomicCounter arpReplies, final AtomicCounter echoReplies, final AtomicCounter ignored)
    {
        if (portIds.length != addresses.length || portIds6.length != high6.length || high6.length != low6.length)
        {
            throw new IllegalArgumentException("portIds=" + portIds.length + " addresses=" + addresses.length +
                " portIds6=" + portIds6.length + " high6=" + high6.length + " low6=" + low6.length);
        }
        this.portIds = portIds.clone();
        this.addresses = addresses.clone();
        this.portIds6 = portIds6.clone();
        this.high6 = high6.clone();
        this.low6 = low6.clone();
        this.arpReplies = arpReplies;
        this.echoReplies = echoReplies;
        this.ignored = ignored;
    }

    @Override
    public void claim(final ControlTraffic traffic)
    {
        for (final int address : addresses)
        {
            traffic.localV4(address);
        }
        for (int i = 0; i < high6.length; i++)
        {
            traffic.localV6(high6[i], low6[i]);
        }
    }

    @Override
    public void receive(final long mbuf, final int port, final int queue, final Injector injector)
    {
        // Headers must be in the first segment; a reply is only built for single-segment frames.
        final int length = Mbuf.segments(mbuf) == 1 ? Mbuf.dataLength(mbuf) : 0;
        boolean replied = false;
        if (length >= ETH_LENGTH + ARP_LENGTH)
        {
            frame.wrap(Mbuf.dataAddress(mbuf), length);
            final int etherType = frame.getShort(ETHERTYPE_OFFSET, NET) & 0xFFFF;
            if (etherType == ControlTraffic.ETHERTYPE_ARP)
            {
                replied = arp(mbuf, port, injector);
            }
            else if (etherType == ETHERTYPE_IPV4)
            {
                replied = echo(mbuf, port, length, injector);
            }
            else if (etherType == ETHERTYPE_IPV6 && length >= ICMP6 + 8)
            {
                replied = icmp6(mbuf, port, length, injector);
            }
        }
        if (!replied)
        {
            ignored.incrementRelease();
            injector.free(mbuf);
        }
    }

    private boolean ours(final int port, final int address)
    {
        for (int i = 0; i < addresses.length; i++)
        {
            if (addresses[i] == address && portIds[i] == port)
            {
                return true;
            }
        }
        return false;
    }

    /** An Ethernet/IPv4 ARP request for one of our addresses becomes its reply (RFC 826, "Packet Reception"). */
    private boolean arp(final long mbuf, final int port, final Injector injector)
    {
        if ((frame.getShort(ETH_LENGTH, NET) & 0xFFFF) != 1 ||
            (frame.getShort(ETH_LENGTH + 2, NET) & 0xFFFF) != ETHERTYPE_IPV4 ||
            frame.getByte(ETH_LENGTH + 4) != 6 || frame.getByte(ETH_LENGTH + 5) != 4 ||
            (frame.getShort(ARP_OPER_OFFSET, NET) & 0xFFFF) != ARP_REQUEST)
        {
            return false;
        }
        final int target = frame.getInt(ARP_TPA_OFFSET, NET);
        if (!ours(port, target))
        {
            return false;
        }
        final long mac = injector.mac(port);
        final long requesterMac = mac(ARP_SHA_OFFSET);
        final int requesterIp = frame.getInt(ARP_SPA_OFFSET, NET);
        putMac(0, requesterMac);
        putMac(6, mac);
        frame.putShort(ARP_OPER_OFFSET, (short)ARP_REPLY, NET);
        putMac(ARP_SHA_OFFSET, mac);
        frame.putInt(ARP_SPA_OFFSET, target, NET);
        putMac(ARP_THA_OFFSET, requesterMac);
        frame.putInt(ARP_TPA_OFFSET, requesterIp, NET);
        injector.send(port, mbuf);
        arpReplies.incrementRelease();
        return true;
    }

    /** An unfragmented ICMP echo request to one of our addresses, both checksums good, becomes its reply. */
    private boolean echo(final long mbuf, final int port, final int length, final Injector injector)
    {
        final int versionIhl = frame.getByte(ETH_LENGTH) & 0xFF;
        final int ihl = (versionIhl & 0x0F) * 4;
        final int total = frame.getShort(IP_TOTAL_LENGTH_OFFSET, NET) & 0xFFFF;
        if (versionIhl >> 4 != 4 || ihl < 20 || total < ihl + ICMP_HEADER_LENGTH || ETH_LENGTH + total > length ||
            (frame.getShort(IP_FRAGMENT_OFFSET, NET) & 0x3FFF) != 0 ||
            (frame.getByte(IP_PROTOCOL_OFFSET) & 0xFF) != PROTO_ICMP)
        {
            return false;
        }
        final int destination = frame.getInt(IP_DESTINATION_OFFSET, NET);
        final int icmp = ETH_LENGTH + ihl;
        if (!ours(port, destination) || (frame.getByte(icmp) & 0xFF) != ICMP_ECHO_REQUEST ||
            frame.getByte(icmp + 1) != 0 || checksum(ETH_LENGTH, ihl) != 0 || checksum(icmp, total - ihl) != 0)
        {
            return false;
        }
        final long requesterMac = mac(6);
        putMac(0, requesterMac);
        putMac(6, injector.mac(port));
        frame.putInt(IP_DESTINATION_OFFSET, frame.getInt(IP_SOURCE_OFFSET, NET), NET);
        frame.putInt(IP_SOURCE_OFFSET, destination, NET);
        frame.putByte(IP_TTL_OFFSET, (byte)REPLY_TTL);
        frame.putShort(IP_CHECKSUM_OFFSET, (short)0);
        frame.putShort(IP_CHECKSUM_OFFSET, (short)checksum(ETH_LENGTH, ihl), NET);
        // Identifier, sequence number and data are echoed unchanged (RFC 792, "Echo or Echo Reply Message").
        frame.putByte(icmp, (byte)ICMP_ECHO_REPLY);
        frame.putShort(icmp + 2, (short)0);
        frame.putShort(icmp + 2, (short)checksum(icmp, total - ihl), NET);
        // Drop any Ethernet padding after the IP packet: the reply is exactly as long as the request's IP.
        Mbuf.setLength(mbuf, ETH_LENGTH + total);
        injector.send(port, mbuf);
        echoReplies.incrementRelease();
        return true;
    }

    private boolean ours6(final int port, final int offset)
    {
        final long high = frame.getLong(offset, NET);
        final long low = frame.getLong(offset + 8, NET);
        for (int i = 0; i < high6.length; i++)
        {
            if (high6[i] == high && low6[i] == low && portIds6[i] == port)
            {
                return true;
            }
        }
        return false;
    }

    /**
     * ICMPv6 without extension headers, checksum good: a neighbour solicitation for one of our addresses
     * becomes a solicited advertisement with our MAC; an echo request to one of them becomes its reply.
     */
    private boolean icmp6(final long mbuf, final int port, final int length, final Injector injector)
    {
        final int payload = frame.getShort(IP6_PAYLOAD_LENGTH_OFFSET, NET) & 0xFFFF;
        if ((frame.getByte(ETH_LENGTH) & 0xF0) != 0x60 || (frame.getByte(IP6_NEXT_HEADER_OFFSET) & 0xFF) != PROTO_ICMPV6 ||
            payload < 8 || ICMP6 + payload > length || frame.getByte(ICMP6 + 1) != 0 ||
            checksum6(payload) != 0)
        {
            return false;
        }
        final int type = frame.getByte(ICMP6) & 0xFF;
        final long requesterMac = mac(6);
        if (type == ND_NEIGHBOR_SOLICIT && payload >= 24 &&
            (frame.getByte(IP6_HOP_LIMIT_OFFSET) & 0xFF) == ND_HOP_LIMIT && ours6(port, ICMP6 + 8) &&
            (frame.getLong(IP6_SOURCE_OFFSET, NET) != 0 || frame.getLong(IP6_SOURCE_OFFSET + 8, NET) != 0) &&
            ICMP6 + NA_LENGTH <= Mbuf.tailroomFromData(mbuf))
        {
            // Not DAD (source ::): answered to the solicitor, from the target address (RFC 4861 §7.2.4).
            frame.wrap(Mbuf.dataAddress(mbuf), ICMP6 + NA_LENGTH);
            putMac(0, requesterMac);
            putMac(6, injector.mac(port));
            frame.putBytes(IP6_DESTINATION_OFFSET, frame, IP6_SOURCE_OFFSET, 16);
            frame.putBytes(IP6_SOURCE_OFFSET, frame, ICMP6 + 8, 16);
            frame.putShort(IP6_PAYLOAD_LENGTH_OFFSET, (short)NA_LENGTH, NET);
            frame.putByte(IP6_HOP_LIMIT_OFFSET, (byte)ND_HOP_LIMIT);
            frame.putByte(ICMP6, (byte)ND_NEIGHBOR_ADVERT);
            frame.putInt(ICMP6 + 4, NA_FLAGS, NET);
            frame.putByte(ICMP6 + 24, (byte)ND_OPT_TARGET_LINKADDR);
            frame.putByte(ICMP6 + 25, (byte)1);
            putMac(ICMP6 + 26, injector.mac(port));
            finish6(mbuf, NA_LENGTH);
            injector.send(port, mbuf);
            arpReplies.incrementRelease();
            return true;
        }
        if (type == ICMPV6_ECHO_REQUEST && ours6(port, IP6_DESTINATION_OFFSET))
        {
            putMac(0, requesterMac);
            putMac(6, injector.mac(port));
            final long high = frame.getLong(IP6_DESTINATION_OFFSET, NET);
            final long low = frame.getLong(IP6_DESTINATION_OFFSET + 8, NET);
            frame.putBytes(IP6_DESTINATION_OFFSET, frame, IP6_SOURCE_OFFSET, 16);
            frame.putLong(IP6_SOURCE_OFFSET, high, NET);
            frame.putLong(IP6_SOURCE_OFFSET + 8, low, NET);
            frame.putByte(IP6_HOP_LIMIT_OFFSET, (byte)REPLY_TTL);
            frame.putByte(ICMP6, (byte)ICMPV6_ECHO_REPLY);
            finish6(mbuf, payload);
            injector.send(port, mbuf);
            echoReplies.incrementRelease();
            return true;
        }
        return false;
    }

    /** The ICMPv6 checksum over the pseudo-header (RFC 8200 §8.1), the frame's length trimmed to the packet. */
    private void finish6(final long mbuf, final int payload)
    {
        frame.putShort(ICMP6 + 2, (short)0);
        frame.putShort(ICMP6 + 2, (short)checksum6(payload), NET);
        Mbuf.setLength(mbuf, ICMP6 + payload);
    }

    /** RFC 8200 §8.1: source, destination, upper-layer length, next header, then the ICMPv6 message. */
    private int checksum6(final int payload)
    {
        final long sum = (long)sum(IP6_SOURCE_OFFSET, 32) + sum(ICMP6, payload) + (payload >>> 16) +
            (payload & 0xFFFF) + PROTO_ICMPV6;
        return InternetChecksum.complement(InternetChecksum.fold(sum));
    }

    /**
     * The Internet checksum (RFC 1071) of {@code length} bytes at {@code offset}: 0 when the bytes hold a
     * correct checksum, otherwise the value to store in a checksum field that was zeroed.
     */
    int checksum(final int offset, final int length)
    {
        return InternetChecksum.complement(sum(offset, length));
    }

    /** The folded one's-complement sum of {@code length} bytes at {@code offset} of the frame. */
    private int sum(final int offset, final int length)
    {
        return InternetChecksum.sum(MEMORY, frame.addressOffset() + offset, length);
    }

    private long mac(final int offset)
    {
        return (long)(frame.getShort(offset, NET) & 0xFFFF) << 32 | frame.getInt(offset + 2, NET) & 0xFFFF_FFFFL;
    }

    private void putMac(final int offset, final long mac)
    {
        frame.putShort(offset, (short)(mac >>> 32), NET);
        frame.putInt(offset + 2, (int)mac, NET);
    }
}
