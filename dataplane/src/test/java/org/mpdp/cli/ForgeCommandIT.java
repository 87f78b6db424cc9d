package org.mpdp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mpdp.dataplane.testing.Tshark;

import picocli.CommandLine;

/**
 * {@code mpdp forge} writes what each attack says, as tshark (the oracle) decodes it: the MPTCP
 * option and its fields, valid IP and TCP checksums, the MACs asked for and the 0xA77A mark.
 */
final class ForgeCommandIT
{
    private static final List<String> FIELDS = List.of("ip.src", "ip.dst", "ip.id", "ip.checksum.status",
        "tcp.srcport", "tcp.dstport", "tcp.flags", "tcp.window_size_value", "tcp.checksum.status", "tcp.seq_raw",
        "eth.src", "eth.dst", "tcp.options.mptcp.subtype", "tcp.options.mptcp.recvtok", "tcp.options.mptcp.sendhmac",
        "tcp.options.mptcp.ipv4", "tcp.options.mptcp.addrid", "tcp.options.mptcp.addaddrtrunchmac",
        "tcp.options.mptcp.recvkey");
    private static final List<String> CHECKSUMS = List.of("-o", "ip.check_checksum:TRUE", "-o",
        "tcp.check_checksum:TRUE", "-o", "tcp.relative_sequence_numbers:FALSE");

    @TempDir
    Path dir;

    private List<Tshark.Frame> forge(final String... args) throws Exception
    {
        final Path out = dir.resolve(args[1] + ".pcap");
        final String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--out";
        all[args.length + 1] = out.toString();
        all[args.length + 2] = "--src-mac";
        all[args.length + 3] = "02:aa:00:00:00:66";
        assertEquals(0, new CommandLine(new ForgeCommand()).execute(all), String.join(" ", all));
        assertTrue(Files.size(out) > 24);
        final List<Tshark.Frame> frames = Tshark.read(out, FIELDS, CHECKSUMS);
        for (final Tshark.Frame f : frames)
        {
            assertEquals("02:aa:00:00:00:66", f.first("eth.src"));
            assertEquals("02:00:00:00:00:02", f.first("eth.dst"));
            assertEquals(0xA77A, f.firstLong("ip.id", -1));
            assertEquals(0xA77A, f.firstLong("tcp.window_size_value", -1));
            assertEquals("1", f.first("ip.checksum.status"), "good IP checksum (1: tshark's PROTO_CHECKSUM_E_GOOD)");
            assertEquals("1", f.first("tcp.checksum.status"), "good TCP checksum");
        }
        return frames;
    }

    @Test
    void shouldWriteEachAttackAsItsOptionSays() throws Exception
    {
        final List<Tshark.Frame> joins = forge("--attack", "join-random-token", "--src", "198.18.2.66:2000",
            "--dst", "198.18.2.2:5201", "--count", "50", "--token", "0x01020304");
        assertEquals(50, joins.size());
        for (int i = 0; i < joins.size(); i++)
        {
            final Tshark.Frame f = joins.get(i);
            assertEquals(2000 + i, f.firstLong("tcp.srcport", -1));
            assertEquals("0x0002", f.first("tcp.flags"));
            assertEquals(List.of(1L), f.longs("tcp.options.mptcp.subtype"), "MP_JOIN");
            assertNotEquals(0x01020304L, f.firstLong("tcp.options.mptcp.recvtok", -1), "never the real token");
        }
        assertEquals(50, joins.stream().map(f -> f.first("tcp.options.mptcp.recvtok")).distinct().count());

        final List<Tshark.Frame> bad = forge("--attack", "join-bad-hmac", "--src", "198.18.2.66:2100", "--dst",
            "198.18.2.2:5201", "--token", "0x01020304");
        assertEquals(2, bad.size());
        assertEquals(0x01020304L, bad.get(0).firstLong("tcp.options.mptcp.recvtok", -1));
        assertEquals("0x0010", bad.get(1).first("tcp.flags"));
        assertEquals(bad.get(0).firstLong("tcp.seq_raw", 0) + 1, bad.get(1).firstLong("tcp.seq_raw", 0));
        final String hmac = "00112233445566778899aabbccddeeff01234567";
        final List<Tshark.Frame> replay = forge("--attack", "join-replay", "--src", "198.18.2.66:2101", "--dst",
            "198.18.2.2:5201", "--token", "0x01020304", "--hmac", hmac);
        assertEquals(hmac, replay.get(1).first("tcp.options.mptcp.sendhmac").replace(":", ""));

        final Tshark.Frame addAddr = forge("--attack", "add-addr-bad-hmac", "--src", "198.18.2.1:40000", "--dst",
            "198.18.2.2:5201", "--seq", "123456", "--ack", "654321").get(0);
        assertEquals(List.of(3L), addAddr.longs("tcp.options.mptcp.subtype"), "ADD_ADDR");
        assertEquals("198.18.3.99", addAddr.first("tcp.options.mptcp.ipv4"));
        assertEquals(99, addAddr.firstLong("tcp.options.mptcp.addrid", -1));
        assertTrue(addAddr.has("tcp.options.mptcp.addaddrtrunchmac"));
        assertEquals(123456, addAddr.firstLong("tcp.seq_raw", -1));

        final Tshark.Frame fastclose = forge("--attack", "fastclose-bad-key", "--src", "198.18.2.1:40000", "--dst",
            "198.18.2.2:5201").get(0);
        assertEquals(List.of(7L), fastclose.longs("tcp.options.mptcp.subtype"), "MP_FASTCLOSE");
        assertEquals("198.18.2.1", fastclose.first("ip.src"));

        final List<Tshark.Frame> flood = forge("--attack", "mpc-syn-flood", "--dst", "198.18.2.2:5201", "--count",
            "2000", "--spoof", "198.19.0.0/16");
        assertEquals(2000, flood.size());
        for (final Tshark.Frame f : flood)
        {
            assertTrue(f.first("ip.src").startsWith("198.19."), f.first("ip.src"));
            assertEquals(List.of(0L), f.longs("tcp.options.mptcp.subtype"), "MP_CAPABLE");
        }
        assertTrue(flood.stream().map(f -> f.first("ip.src")).distinct().count() > 1900, "spread sources");
    }

    @Test
    void shouldRefuseMissingOrBadArguments()
    {
        final CommandLine cli = new CommandLine(new ForgeCommand());
        final Path out = dir.resolve("x.pcap");
        assertNotEquals(0, cli.execute("--attack", "join-bad-hmac", "--src", "198.18.2.66:1", "--dst",
            "198.18.2.2:5201", "--out", out.toString()), "no --token");
        assertNotEquals(0, cli.execute("--attack", "nope", "--dst", "198.18.2.2:5201", "--out", out.toString()));
        assertNotEquals(0, cli.execute("--attack", "join-replay", "--src", "198.18.2.66:1", "--dst", "198.18.2.2:5201",
            "--token", "1", "--hmac", "abcd", "--out", out.toString()), "short --hmac");
        assertNotEquals(0, cli.execute("--attack", "fastclose-bad-key", "--src", "198.18.2:1", "--dst", "198.18.2.2:5201",
            "--out", out.toString()), "a three-part IPv4 address");
    }
}
