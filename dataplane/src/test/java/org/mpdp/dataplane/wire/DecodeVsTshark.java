package org.mpdp.dataplane.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.mpdp.dataplane.capture.PcapReader;
import org.mpdp.dataplane.testing.Tshark;

/**
 * Compares, frame by frame, every MPTCP field mpdp decodes with what tshark's MPTCP dissector shows
 * for the same capture. Values are compared per field as sorted lists (tshark's value lists do not
 * line up with its subtype list when one segment carries several MPTCP options).
 *
 * <p>One known tshark 4.0 defect is accounted for, not hidden: its DSS dissector never shows the
 * checksum field (a length check off by two), so DSS checksums are checked separately, by
 * recomputing them over the payload (see DssChecksumOnTheWireTest and KernelMptcpCaptureIT).
 */
final class DecodeVsTshark
{
    /** Fields compared, mpdp's value list for each built by {@link #ours}. */
    static final List<String> COMPARED = List.of("tcp.options.mptcp.subtype", "tcp.options.mptcp.version",
        "tcp.options.mptcp.sendkey", "tcp.options.mptcp.recvkey", "tcp.options.mptcp.recvtok",
        "tcp.options.mptcp.sendrand", "tcp.options.mptcp.sendtrunchmac", "tcp.options.mptcp.sendhmac",
        "tcp.options.mptcp.ipv4", "tcp.options.mptcp.ipv6", "tcp.options.mptcp.port",
        "tcp.options.mptcp.addaddrtrunchmac", "tcp.options.mptcp.rawdataack", "tcp.options.mptcp.rawdataseqno",
        "tcp.options.mptcp.subflowseqno", "tcp.options.mptcp.rst_reason");

    /** What was compared, for the test's own assertions and reports. */
    record Summary(int frames, int mptcpFrames, int fieldsCompared, int dssWithChecksum)
    {
    }

    private DecodeVsTshark()
    {
    }

    static Summary assertAgree(final Path pcap, final String... tsharkOptions) throws IOException
    {
        final List<Tshark.Frame> theirs = Tshark.read(pcap, tsharkOptions);
        final PacketParser parser = new PacketParser();
        final ParsedPacket p = new ParsedPacket();
        int index = 0;
        int mptcpFrames = 0;
        int compared = 0;
        int checksums = 0;
        try (PcapReader reader = new PcapReader(pcap))
        {
            while (reader.next())
            {
                final Tshark.Frame frame = theirs.get(index);
                index++;
                LinkLayer.parse(parser, reader.linkType(), reader.segment(), reader.frameOffset(),
                    reader.capturedLength(), p);
                if (p.status != ParsedPacket.TCP || p.mptcp.optionCount == 0)
                {
                    assertTrue(frame.values("tcp.options.mptcp.subtype").isEmpty() || p.status != ParsedPacket.TCP,
                        pcap + " frame " + index + ": tshark sees MPTCP options, mpdp none");
                    continue;
                }
                if (p.firstMalformed() != Malformed.NONE)
                {
                    continue; // the two decoders need not agree on how much of a broken option to show
                }
                mptcpFrames++;
                final List<MptcpOptions> options = options(reader.segment(), reader.frameOffset(), p);
                final Map<String, List<String>> ours = ours(reader.segment(), reader.frameOffset(), options);
                for (final String field : COMPARED)
                {
                    final List<String> mine = sorted(ours.getOrDefault(field, List.of()));
                    final List<String> tshark = sorted(frame.values(field).stream().map(DecodeVsTshark::normalise)
                        .toList());
                    assertEquals(tshark, mine, pcap.getFileName() + " frame " + index + " field " + field);
                    compared += mine.size();
                }
                for (final MptcpOptions m : options)
                {
                    checksums += m.has(Mptcp.DSS) && m.dssHasChecksum ? 1 : 0;
                }
            }
        }
        assertEquals(theirs.size(), index, "frames tshark read vs frames mpdp read in " + pcap);
        return new Summary(index, mptcpFrames, compared, checksums);
    }

    /** Each MPTCP option of the segment parsed on its own, in order. */
    static List<MptcpOptions> options(final MemorySegment s, final long frame, final ParsedPacket p)
    {
        return OptionWalk.mptcp(s, frame, p).stream().map(OptionWalk.Option::fields).toList();
    }

    private static Map<String, List<String>> ours(final MemorySegment s, final long frame,
        final List<MptcpOptions> options)
    {
        final Map<String, List<String>> v = new TreeMap<>();
        for (final MptcpOptions m : options)
        {
            final int subtype = Integer.numberOfTrailingZeros(m.present);
            add(v, "tcp.options.mptcp.subtype", subtype);
            switch (subtype)
            {
                case Mptcp.MP_CAPABLE ->
                {
                    add(v, "tcp.options.mptcp.version", m.mpcVersion);
                    if (m.mpcHasSenderKey)
                    {
                        add(v, "tcp.options.mptcp.sendkey", m.mpcSenderKey);
                    }
                    if (m.mpcHasReceiverKey)
                    {
                        add(v, "tcp.options.mptcp.recvkey", m.mpcReceiverKey);
                    }
                }
                case Mptcp.MP_JOIN ->
                {
                    switch (m.joinLength)
                    {
                        case Mptcp.JOIN_SYN_LENGTH ->
                        {
                            add(v, "tcp.options.mptcp.recvtok", Integer.toUnsignedLong(m.joinToken));
                            add(v, "tcp.options.mptcp.sendrand", Integer.toUnsignedLong(m.joinNonce));
                        }
                        case Mptcp.JOIN_SYNACK_LENGTH ->
                        {
                            add(v, "tcp.options.mptcp.sendtrunchmac", m.joinTruncatedHmac);
                            add(v, "tcp.options.mptcp.sendrand", Integer.toUnsignedLong(m.joinNonce));
                        }
                        default -> v.computeIfAbsent("tcp.options.mptcp.sendhmac", k -> new ArrayList<>()).add(
                            HexFormat.of().formatHex(s.asSlice(frame + m.joinHmacOffset, Mptcp.JOIN_HMAC_LENGTH)
                                .toArray(java.lang.foreign.ValueLayout.JAVA_BYTE)));
                    }
                }
                case Mptcp.DSS ->
                {
                    if ((m.dssFlags & Mptcp.DSS_FLAG_ACK) != 0)
                    {
                        add(v, "tcp.options.mptcp.rawdataack", m.dataAck);
                    }
                    if ((m.dssFlags & Mptcp.DSS_FLAG_MAP) != 0)
                    {
                        add(v, "tcp.options.mptcp.rawdataseqno", m.dsn);
                        add(v, "tcp.options.mptcp.subflowseqno", Integer.toUnsignedLong(m.ssn));
                    }
                }
                case Mptcp.ADD_ADDR ->
                {
                    if (m.addAddrIpVersion == 4)
                    {
                        v.computeIfAbsent("tcp.options.mptcp.ipv4", k -> new ArrayList<>()).add(
                            TcpdumpText.ipv4(m.addAddrV4));
                    }
                    else
                    {
                        v.computeIfAbsent("tcp.options.mptcp.ipv6", k -> new ArrayList<>()).add(
                            canonicalIpv6(m.addAddrV6High, m.addAddrV6Low));
                    }
                    if (m.addAddrHasPort)
                    {
                        add(v, "tcp.options.mptcp.port", m.addAddrPort);
                    }
                    if (m.addAddrHasHmac)
                    {
                        add(v, "tcp.options.mptcp.addaddrtrunchmac", m.addAddrHmac);
                    }
                }
                case Mptcp.MP_FASTCLOSE -> add(v, "tcp.options.mptcp.recvkey", m.fastcloseKey);
                case Mptcp.MP_TCPRST -> add(v, "tcp.options.mptcp.rst_reason", m.tcprstReason);
                default ->
                {
                }
            }
        }
        return v;
    }

    private static void add(final Map<String, List<String>> v, final String field, final long value)
    {
        v.computeIfAbsent(field, k -> new ArrayList<>()).add(Long.toUnsignedString(value));
    }

    /** tshark prints hex fields as 0x..., bytes as hex (maybe with colons), IPv6 in its own form. */
    private static String normalise(final String value)
    {
        if (value.startsWith("0x"))
        {
            return Long.toUnsignedString(Long.parseUnsignedLong(value.substring(2), 16));
        }
        if (value.contains(":") && value.length() == 59)
        {
            return value.replace(":", "").toLowerCase();
        }
        if (value.contains(":"))
        {
            try
            {
                final InetAddress address = InetAddress.getByName(value);
                final ByteBuffer b = ByteBuffer.wrap(address.getAddress());
                return canonicalIpv6(b.getLong(), b.getLong());
            }
            catch (final IOException ex)
            {
                return value;
            }
        }
        return value;
    }

    private static String canonicalIpv6(final long high, final long low)
    {
        return TcpdumpText.ipv6(high, low);
    }

    private static List<String> sorted(final List<String> values)
    {
        final List<String> copy = new ArrayList<>(values);
        copy.sort(null);
        return copy;
    }
}
