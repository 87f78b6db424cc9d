package org.mpdp.dataplane.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.mpdp.dataplane.capture.PcapReader;

/**
 * mpdp's decode of every MPTCP option in tcpdump's test captures equals tcpdump's own decode in the
 * .out files, packet by packet: every field tcpdump prints (keys, tokens, nonces, HMACs, DSNs, SSNs,
 * lengths, checksums, address IDs, addresses, flags, reasons) and the malformed DSS it flags.
 */
final class TcpdumpDecodeTest
{
    private static final Path CAPTURES = Path.of(System.getProperty("mpdp.captures", "../shared/captures"))
        .toAbsolutePath().normalize();
    /** A packet line of a .out file starts with its number (tcpdump -#). */
    private static final Pattern PACKET_LINE = Pattern.compile("^(\\s*\\d+\\s+\\d{4}-\\d\\d-\\d\\d |\\d\\d:\\d\\d:).*");

    private static List<Path> captures() throws IOException
    {
        final List<Path> files = new ArrayList<>();
        try (Stream<Path> list = Files.list(CAPTURES.resolve("tcpdump")))
        {
            list.filter(p -> p.toString().endsWith(".pcap")).sorted().forEach(files::add);
        }
        return files;
    }

    @TestFactory
    Stream<DynamicTest> shouldDecodeEveryMptcpOptionAsTcpdumpDoes() throws IOException
    {
        if (!Files.isDirectory(CAPTURES.resolve("tcpdump")))
        {
            return Stream.of(dynamicTest("tcpdump captures", () -> assumeTrue(false, "no captures at " + CAPTURES +
                "/tcpdump (set -Dmpdp.captures=DIR): tcpdump decode comparison not run")));
        }
        final Stream<DynamicTest> tcpdump = captures().stream().map(pcap -> dynamicTest(
            pcap.getFileName().toString(), () -> compare(pcap, Path.of(pcap.toString().replace(".pcap", ".out")))));
        // ptcpdump's decode (tcpdump's printer, one line per packet, no packet numbers).
        final Path ptcpdump = CAPTURES.resolve("ptcpdump/mptcp.pcap");
        return Files.isRegularFile(ptcpdump) ? Stream.concat(tcpdump, Stream.of(dynamicTest("ptcpdump/mptcp.pcap",
            () -> compare(ptcpdump, CAPTURES.resolve("ptcpdump/mptcp.pcap.out.txt"))))) : tcpdump;
    }

    private static void compare(final Path pcap, final Path out) throws IOException
    {
        final List<String> lines = packetLines(Files.readAllLines(out));
        final PacketParser parser = new PacketParser();
        final ParsedPacket p = new ParsedPacket();
        int index = 0;
        int mptcpOptions = 0;
        try (PcapReader reader = new PcapReader(pcap))
        {
            assertTrue(LinkLayer.supported(reader.linkType()), "link type " + reader.linkType());
            while (reader.next())
            {
                LinkLayer.parse(parser, reader.linkType(), reader.segment(), reader.frameOffset(),
                    reader.capturedLength(), p);
                final List<String> expected = TcpdumpText.fromTcpdumpLine(lines.get(index));
                final List<String> actual = p.status == ParsedPacket.TCP ?
                    TcpdumpText.render(reader.segment(), reader.frameOffset(), p) : List.of();
                assertEquals(expected, actual, pcap.getFileName() + " packet " + (index + 1) + ": " + lines.get(index));
                mptcpOptions += actual.size();
                index++;
            }
        }
        assertEquals(lines.size(), index, "packets in " + pcap.getFileName() + " vs lines in " + out.getFileName());
        assertTrue(mptcpOptions > 0, "no MPTCP option compared in " + pcap);
    }

    /** Joins continuation lines (tcpdump -v prints the TCP part on a second, indented line). */
    private static List<String> packetLines(final List<String> raw)
    {
        final List<String> lines = new ArrayList<>();
        for (final String line : raw)
        {
            if (PACKET_LINE.matcher(line).matches() || lines.isEmpty())
            {
                lines.add(line);
            }
            else
            {
                lines.set(lines.size() - 1, lines.get(lines.size() - 1) + " " + line.trim());
            }
        }
        return lines;
    }

    @Test
    void shouldReportTheOutOfBoundsDssAsMalformedNotCrash() throws IOException
    {
        final Path pcap = CAPTURES.resolve("tcpdump/mptcp-dss-oobr.pcap");
        assumeTrue(Files.isRegularFile(pcap), "no " + pcap + ": the dss-oobr capture is not replayed");
        final PacketParser parser = new PacketParser();
        final ParsedPacket p = new ParsedPacket();
        try (PcapReader reader = new PcapReader(pcap))
        {
            assertTrue(reader.next());
            parser.parseEthernet(reader.segment(), reader.frameOffset(), reader.capturedLength(), p);
        }
        assertEquals(ParsedPacket.TCP, p.status);
        assertEquals(Malformed.DSS_BAD_LENGTH, p.mptcp.malformed);
        assertEquals(Malformed.DSS_BAD_LENGTH, p.firstMalformed());
        assertTrue(!p.mptcp.has(Mptcp.DSS));
        assertEquals(1, parser.malformedCount(Malformed.DSS_BAD_LENGTH));
    }
}
