package org.mpdp.dataplane.wire;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.mpdp.dataplane.capture.PcapReader;
import org.mpdp.dataplane.crypto.AddAddrHmac;
import org.mpdp.dataplane.crypto.CryptoResult;
import org.mpdp.dataplane.crypto.DssChecksum;
import org.mpdp.dataplane.crypto.HmacSha1Keys;
import org.mpdp.dataplane.crypto.HmacSha256Keys;
import org.mpdp.dataplane.crypto.JoinHmac;
import org.mpdp.dataplane.crypto.KeyDerivation;

/**
 * Recomputes, from the keys a capture's MP_CAPABLE handshakes carry, every token, MP_JOIN HMAC,
 * ADD_ADDR HMAC and DSS checksum on the wire, with mpdp's crypto, and counts what verified.
 * A deliberately small connection model for tests: subflows by 4-tuple, connections by keys.
 */
final class WireCryptoCheck
{
    /** What verified and what did not. */
    record Result(int connections, int joinTokens, int unknownTokens, int synAckOk, int synAckBad, int ackOk,
        int ackBad, int addAddrOk, int addAddrBad, int checksumOk, int checksumBad, int checksumSkipped,
        List<String> failures)
    {
    }

    private static final class Connection
    {
        final int version;
        final long keyA;
        final long keyB;
        final int index;

        Connection(final int version, final long keyA, final long keyB, final int index)
        {
            this.version = version;
            this.keyA = keyA;
            this.keyB = keyB;
            this.index = index;
        }
    }

    /** A subflow, client to server as first seen; {@code initiatorIsA}: its initiator holds Key-A. */
    private record Subflow(Connection connection, String clientToServer, boolean initiatorIsA, int[] nonces)
    {
    }

    private final Map<String, Subflow> subflows = new HashMap<>();
    private final Map<String, Long> v1ServerKeys = new HashMap<>();
    private final List<Connection> connections = new ArrayList<>();
    private final HmacSha256Keys keys256 = new HmacSha256Keys(1024);
    private final HmacSha1Keys keys160 = new HmacSha1Keys(1024);
    private final KeyDerivation derive = new KeyDerivation();
    private final JoinHmac joinHmac = new JoinHmac();
    private final AddAddrHmac addAddrHmac = new AddAddrHmac();
    private final List<String> failures = new ArrayList<>();
    private int joinTokens;
    private int unknownTokens;
    private int synAckOk;
    private int synAckBad;
    private int ackOk;
    private int ackBad;
    private int addAddrOk;
    private int addAddrBad;
    private int checksumOk;
    private int checksumBad;
    private int checksumSkipped;

    static Result check(final Path pcap) throws IOException
    {
        final WireCryptoCheck check = new WireCryptoCheck();
        final PacketParser parser = new PacketParser();
        final ParsedPacket p = new ParsedPacket();
        try (PcapReader reader = new PcapReader(pcap); Arena arena = Arena.ofConfined())
        {
            final MemorySegment scratch = arena.allocate(16);
            int frame = 0;
            while (reader.next())
            {
                frame++;
                LinkLayer.parse(parser, reader.linkType(), reader.segment(), reader.frameOffset(),
                    reader.capturedLength(), p);
                if (p.isMptcp() && p.firstMalformed() == Malformed.NONE)
                {
                    check.onSegment(frame, reader.segment(), reader.frameOffset(), p, scratch);
                }
            }
        }
        return new Result(check.connections.size(), check.joinTokens, check.unknownTokens, check.synAckOk,
            check.synAckBad, check.ackOk, check.ackBad, check.addAddrOk, check.addAddrBad, check.checksumOk,
            check.checksumBad, check.checksumSkipped, check.failures);
    }

    private static String endpoint(final ParsedPacket p, final boolean source)
    {
        final String address = p.ipVersion == 4 ? TcpdumpText.ipv4(source ? p.srcV4 : p.dstV4) :
            TcpdumpText.ipv6(source ? p.srcV6High : p.dstV6High, source ? p.srcV6Low : p.dstV6Low);
        return address + "." + (source ? p.srcPort : p.dstPort);
    }

    private void onSegment(final int frame, final MemorySegment s, final long base, final ParsedPacket p,
        final MemorySegment scratch)
    {
        final String forward = endpoint(p, true) + ">" + endpoint(p, false);
        final String reverse = endpoint(p, false) + ">" + endpoint(p, true);
        final MptcpOptions m = p.mptcp;
        final boolean syn = (p.tcpFlags & Mptcp.TCP_SYN) != 0;
        final boolean ack = (p.tcpFlags & Mptcp.TCP_ACK) != 0;
        if (m.has(Mptcp.MP_CAPABLE))
        {
            onMpCapable(forward, syn, ack, m);
        }
        if (m.has(Mptcp.MP_JOIN))
        {
            onMpJoin(frame, s, base, forward, reverse, syn, ack, m);
        }
        final Subflow sub = subflows.containsKey(forward) ? subflows.get(forward) : subflows.get(reverse);
        if (sub == null)
        {
            return;
        }
        // Which side sent this segment: the one holding Key-A or Key-B.
        final boolean fromInitiator = sub.clientToServer.equals(forward);
        final boolean senderIsA = fromInitiator == sub.initiatorIsA;
        if (m.has(Mptcp.ADD_ADDR) && m.addAddrHasHmac && sub.connection.version == 1)
        {
            onAddAddr(frame, sub.connection, senderIsA, m, scratch);
        }
        if (m.has(Mptcp.DSS) && m.dssHasChecksum)
        {
            onChecksum(frame, s, base, p, sub.connection, senderIsA, m.dsn, m.dssFlags, m.ssn, m.dataLevelLength,
                m.dssChecksum);
        }
        if (m.has(Mptcp.MP_CAPABLE) && m.mpcHasChecksum)
        {
            // MP_CAPABLE with data: DSN = sender's IDSN + 1, SSN 1, 64-bit (RFC 8684 3.1, Linux mpc_map).
            onChecksum(frame, s, base, p, sub.connection, senderIsA, 0, -1, 1, m.mpcDataLength, m.mpcChecksum);
        }
    }

    private void onMpCapable(final String forward, final boolean syn, final boolean ack, final MptcpOptions m)
    {
        if (syn && ack && m.mpcHasSenderKey)
        {
            v1ServerKeys.put(forward, m.mpcSenderKey);
            return;
        }
        if (!syn && m.mpcHasReceiverKey && !subflows.containsKey(forward))
        {
            final Connection c = new Connection(m.mpcVersion, m.mpcSenderKey, m.mpcReceiverKey, connections.size());
            connections.add(c);
            keys256.setKey(2 * c.index, c.keyA, c.keyB);
            keys256.setKey(2 * c.index + 1, c.keyB, c.keyA);
            keys160.setKey(2 * c.index, c.keyA, c.keyB);
            keys160.setKey(2 * c.index + 1, c.keyB, c.keyA);
            subflows.put(forward, new Subflow(c, forward, true, new int[2]));
        }
    }

    private void onMpJoin(final int frame, final MemorySegment s, final long base, final String forward,
        final String reverse, final boolean syn, final boolean ack, final MptcpOptions m)
    {
        if (syn && !ack)
        {
            joinTokens++;
            for (final Connection c : connections)
            {
                final boolean toB = token(c, c.keyB) == m.joinToken;
                if (toB || token(c, c.keyA) == m.joinToken)
                {
                    final Subflow sub = new Subflow(c, forward, toB, new int[2]);
                    sub.nonces[0] = m.joinNonce;
                    subflows.put(forward, sub);
                    return;
                }
            }
            unknownTokens++;
            failures.add("frame " + frame + ": MP_JOIN token 0x" + Integer.toHexString(m.joinToken) + " matches no key");
            return;
        }
        if (syn)
        {
            final Subflow sub = subflows.get(reverse);
            if (sub == null)
            {
                return;
            }
            sub.nonces[1] = m.joinNonce;
            // Responder's key first: B||A when the initiator holds A.
            final int slotResponderFirst = 2 * sub.connection.index + (sub.initiatorIsA ? 1 : 0);
            final int result = sub.connection.version == 1 ?
                joinHmac.verifySynAck(keys256, slotResponderFirst, m.joinNonce, sub.nonces[0], m.joinTruncatedHmac) :
                joinHmac.verifySynAckV0(keys160, slotResponderFirst, m.joinNonce, sub.nonces[0], m.joinTruncatedHmac);
            if (result == CryptoResult.VALID)
            {
                synAckOk++;
            }
            else
            {
                synAckBad++;
                failures.add("frame " + frame + ": MP_JOIN SYN/ACK truncated HMAC does not verify");
            }
            return;
        }
        final Subflow sub = subflows.get(forward);
        if (sub == null || m.joinLength != Mptcp.JOIN_ACK_LENGTH)
        {
            return;
        }
        final int slotInitiatorFirst = 2 * sub.connection.index + (sub.initiatorIsA ? 0 : 1);
        final int result = sub.connection.version == 1 ?
            joinHmac.verifyAck(keys256, slotInitiatorFirst, sub.nonces[0], sub.nonces[1], s, base + m.joinHmacOffset) :
            joinHmac.verifyAckV0(keys160, slotInitiatorFirst, sub.nonces[0], sub.nonces[1], s, base + m.joinHmacOffset);
        if (result == CryptoResult.VALID)
        {
            ackOk++;
        }
        else
        {
            ackBad++;
            failures.add("frame " + frame + ": MP_JOIN third-ACK HMAC does not verify");
        }
    }

    private int token(final Connection c, final long key)
    {
        return c.version == 1 ? derive.tokenV1(key) : derive.tokenV0(key);
    }

    private void onAddAddr(final int frame, final Connection c, final boolean senderIsA, final MptcpOptions m,
        final MemorySegment scratch)
    {
        final int length;
        if (m.addAddrIpVersion == 4)
        {
            Bytes.put32(scratch, 0, m.addAddrV4);
            length = AddAddrHmac.IPV4_LENGTH;
        }
        else
        {
            Bytes.put64(scratch, 0, m.addAddrV6High);
            Bytes.put64(scratch, 8, m.addAddrV6Low);
            length = AddAddrHmac.IPV6_LENGTH;
        }
        // Sender's key first (RFC 8684 3.4.1).
        final int slot = 2 * c.index + (senderIsA ? 0 : 1);
        final int port = m.addAddrHasPort ? m.addAddrPort : AddAddrHmac.NO_PORT;
        if (addAddrHmac.verify(keys256, slot, m.addAddrId, scratch, 0, length, port, m.addAddrHmac) ==
            CryptoResult.VALID)
        {
            addAddrOk++;
        }
        else
        {
            addAddrBad++;
            failures.add("frame " + frame + ": ADD_ADDR HMAC does not verify (rightmost 64 bits, RFC 8684)");
        }
    }

    private void onChecksum(final int frame, final MemorySegment s, final long base, final ParsedPacket p,
        final Connection c, final boolean senderIsA, final long wireDsn, final int dssFlags, final int ssn,
        final int dll, final int checksum)
    {
        final long key = senderIsA ? c.keyA : c.keyB;
        final long idsn = c.version == 1 ? derive.idsnV1(key) : derive.idsnV0(key);
        final long dsn;
        if (dssFlags < 0)
        {
            dsn = idsn + 1;
        }
        else if ((dssFlags & Mptcp.DSS_FLAG_DSN64) != 0)
        {
            dsn = wireDsn;
        }
        else
        {
            // 32-bit DSN: take the candidate nearest the IDSN (enough for captures shorter than 2^31 bytes).
            final long candidate = (idsn & 0xFFFFFFFF00000000L) | wireDsn;
            dsn = Math.abs(candidate - idsn) <= 1L << 31 ? candidate :
                candidate < idsn ? candidate + (1L << 32) : candidate - (1L << 32);
        }
        final boolean dataFin = dssFlags > 0 && (dssFlags & Mptcp.DSS_FLAG_DATA_FIN) != 0;
        final int payload = dll - (dataFin ? 1 : 0);
        if (payload != p.payloadLength)
        {
            checksumSkipped++; // the mapping spans several segments
            return;
        }
        if (DssChecksum.verify(dsn, ssn, dll, checksum, s, base + p.payloadOffset, payload) == CryptoResult.VALID)
        {
            checksumOk++;
        }
        else
        {
            checksumBad++;
            failures.add("frame " + frame + ": DSS checksum 0x" + Integer.toHexString(checksum) + " does not verify");
        }
    }
}
