package org.mpdp.dataplane.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.mpdp.cli.ForgeCommand;
import org.mpdp.dataplane.capture.PcapReader;
import org.mpdp.dataplane.counters.CounterRecord;
import org.mpdp.dataplane.counters.CounterType;
import org.mpdp.dataplane.counters.CountersFileReader;
import org.mpdp.dataplane.inet.InetText;
import org.mpdp.dataplane.testing.Cmd;
import org.mpdp.dataplane.testing.LiveTestbed;
import org.mpdp.dataplane.testing.MptcpTraffic;
import org.mpdp.dataplane.testing.Tshark;
import org.mpdp.dataplane.wire.Mptcp;
import org.mpdp.dataplane.wire.PacketParser;
import org.mpdp.dataplane.wire.ParsedPacket;

import picocli.CommandLine;

/**
 * Forged MPTCP signalling from the attacker namespace of the live testbed ({@code scripts/testbed}:
 * Linux MPTCP client and server, two paths bridged by {@code mpdp run} on net_af_packet), injected with
 * {@code tcpreplay} on path 2, whose frames enter mpdp on the same port as the client's path-2 frames,
 * while kernel MPTCP connections run through both paths. mpdp runs with ingress source validation on
 * that port ({@code ports[2].sources=[198.18.2.0/24]}).
 *
 * <p>The attacker knows what it can see on path 2 (it sits on the client-side segment and sniffs it):
 * the token of the client's MP_JOIN SYN, the join's third-ACK HMAC, the subflow's 4-tuple and sequence
 * numbers; never the keys. Attacks: 1,000 MP_JOIN SYNs with random tokens; a join with the right token
 * and a random third-ACK HMAC; a join with the right token replaying the sniffed third-ACK HMAC (its
 * nonces differ); an ADD_ADDR with a guessed HMAC and an MP_FASTCLOSE with a guessed key on the live
 * path-2 subflow; 100,000 MP_CAPABLE SYNs from spoofed sources outside 198.18.2.0/24. A join SYN with
 * the right token carries no HMAC and is valid, so mpdp forwards it (and the server answers it): its
 * forged third ACK is what must not arrive.
 *
 * <p>Proves: at the server (tcpdump on both its interfaces, read by tshark) no forged frame arrives
 * except those two join SYNs; each attack is counted by mpdp under its own reason, exactly once per
 * forged frame; the legitimate connections complete byte-exact; a connection started during the flood
 * is established, and mpdp's report has it with its join verified; mpdp exits 0 with 0 mbufs out.
 * Prints the attack table (README "Attacks through the live testbed").
 */
final class TestbedAttacksIT
{
    private static final String NAME = "mpdp-atk";
    private static final Duration TIMEOUT = Duration.ofSeconds(240);
    private static final Duration SHORT = Duration.ofSeconds(60);
    private static final int PORT = 47100;
    private static final int FLOOD_PORT = 47101;
    private static final int CONNECTIONS = 2;
    /** Per connection: the first half is paced (8 KiB per 10 ms), so they run through every attack. */
    private static final int BYTES = 48 << 20;
    private static final int RANDOM_JOINS = 1000;
    private static final int FLOOD = 100_000;
    private static final int FLOOD_PPS = 10_000;
    private static final int ATTACKER_PORT = 2000;
    private static final int BAD_HMAC_PORT = 3000;
    private static final int REPLAY_PORT = 3001;
    private static final String ATTACKER_PREFIX = "198.18.2.0/24";

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void shouldStopEveryForgedSignalBeforeTheServerAndCountItUnderItsReason() throws Exception
    {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root (namespaces)");
        assumeTrue(Files.isRegularFile(script("testbed")) && Files.isExecutable(script("testbed")),
            "scripts/testbed (the live testbed) not found");
        assumeTrue(Cmd.run(SHORT, "which", "tcpreplay").exit() == 0, "needs tcpreplay (scripts/lib/deps.sh)");
        final Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target").toAbsolutePath()),
            "testbed-attacks");
        testbed("down");
        final List<Cmd.Background> running = new ArrayList<>();
        try
        {
            Cmd.run(TIMEOUT, env(), List.of("bash", script("testbed").toString(), "up", "--name", NAME,
                "--set", "ports[2].sources=[" + ATTACKER_PREFIX + "]")).ok();
            final JsonNode status = json.readTree(testbed("status", "--json").ok().stdout());
            final String client = status.at("/client/netns").asText();
            final String server = status.at("/server/netns").asText();
            final String attacker = status.at("/attacker/netns").asText();
            final String serverIp = status.at("/server/paths/0").asText();
            final String attackerIp = status.at("/attacker/address").asText();
            final String attackerMac = status.at("/attacker/mac").asText();
            final String serverMac = status.at("/attacker/server_mac").asText();
            final Path counters = Path.of(status.at("/mpdp/counters").asText());
            final Path report = Path.of(status.at("/mpdp/report").asText());
            final Path traffic = copyTrafficScript(dir);

            // The server's view: tcpdump on both interfaces. The attacker's: what it sniffs on path 2.
            final List<Dump> atServer = new ArrayList<>();
            for (final JsonNode dev : status.at("/server/interfaces"))
            {
                atServer.add(Dump.start(server, dev.asText(), dir.resolve("server-" + dev.asText() + ".pcap")));
            }
            // cl2: the attacker namespace's bridge port towards the client's path-2 interface.
            final Dump sniff = Dump.start(attacker, "cl2", dir.resolve("attacker-sniff.pcap"));
            final String attackerDev = status.at("/attacker/interface").asText();
            final String port2Dev = status.at("/mpdp/interfaces/2").asText();
            final Cmd.Background legitServer = background(running, server, "python3", traffic.toString(), "server",
                "4", serverIp, Integer.toString(PORT), Integer.toString(CONNECTIONS));
            assertTrue(legitServer.awaitStderr("listening", SHORT), legitServer.stderr());
            final Cmd.Background legit = background(running, client, "python3", traffic.toString(), "client", "4",
                serverIp, Integer.toString(PORT), Integer.toString(CONNECTIONS), Integer.toString(BYTES), "clean");
            final Sniffed seen = awaitJoin(sniff, client, status.at("/client/paths/1").asText());
            assertTrue(legit.alive(), "the legitimate connections run while the attacks start");
            final Map<String, Long> before = reasons(counters);

            final Map<String, Attack> attacks = new LinkedHashMap<>();
            // Where the client's join went (the server's first address; a join to its second one is refused).
            final String dst2 = seen.server;
            attacks.put("join-random-token", inject(dir, attacker, attackerDev, "join-random-token", RANDOM_JOINS, 2_000,
                "--src", attackerIp + ":" + ATTACKER_PORT, "--dst", dst2, "--count", Integer.toString(RANDOM_JOINS),
                "--token", "0x" + Integer.toHexString(seen.token), "--src-mac", attackerMac, "--dst-mac", serverMac));
            attacks.put("join-bad-hmac", inject(dir, attacker, attackerDev, "join-bad-hmac", 0, 0,
                "--src", attackerIp + ":" + BAD_HMAC_PORT, "--dst", dst2, "--token",
                "0x" + Integer.toHexString(seen.token), "--src-mac", attackerMac, "--dst-mac", serverMac));
            attacks.put("join-replay", inject(dir, attacker, attackerDev, "join-replay", 0, 0,
                "--src", attackerIp + ":" + REPLAY_PORT, "--dst", dst2, "--token", "0x" + Integer.toHexString(seen.token),
                "--hmac", HexFormat.of().formatHex(seen.ackHmac), "--src-mac", attackerMac, "--dst-mac", serverMac));
            attacks.put("add-addr-bad-hmac", inject(dir, attacker, attackerDev, "add-addr-bad-hmac", 0, 0,
                "--src", seen.client, "--dst", seen.server, "--seq", Integer.toUnsignedString(seen.seq), "--ack",
                Integer.toUnsignedString(seen.ack), "--src-mac", attackerMac, "--dst-mac", serverMac));
            attacks.put("fastclose-bad-key", inject(dir, attacker, attackerDev, "fastclose-bad-key", 0, 0,
                "--src", seen.client, "--dst", seen.server, "--seq", Integer.toUnsignedString(seen.seq), "--ack",
                Integer.toUnsignedString(seen.ack), "--src-mac", attackerMac, "--dst-mac", serverMac));

            // The flood, and a connection opened while it runs.
            final Path floodPcap = forge(dir, "mpc-syn-flood", "--dst", seen.server, "--count",
                Integer.toString(FLOOD), "--spoof", "198.19.0.0/16", "--src-mac", attackerMac, "--dst-mac", serverMac);
            final String mpdpNs = status.at("/mpdp/netns").asText();
            final long kernelBefore = LiveTestbed.kernelRx(mpdpNs, port2Dev);
            final long portBefore = LiveTestbed.portCounter(counters, 2, "ipackets");
            final Cmd.Background flood = background(running, attacker, "tcpreplay", "-i", attackerDev, "--pps",
                Integer.toString(FLOOD_PPS), floodPcap.toString());
            final Cmd.Background lateServer = background(running, server, "python3", traffic.toString(), "server", "4",
                serverIp, Integer.toString(FLOOD_PORT), "1");
            assertTrue(lateServer.awaitStderr("listening", SHORT), lateServer.stderr());
            Cmd.sleep(2000);
            assertTrue(flood.alive(), "the flood still runs when the late connection starts");
            final Cmd.Result late = Cmd.run(TIMEOUT, Map.of(), inNs(client, "python3", traffic.toString(), "client",
                "4", serverIp, Integer.toString(FLOOD_PORT), "1", Integer.toString(256 << 10), "clean"));
            final boolean lateDuringFlood = flood.alive();
            assertEquals(0, flood.waitFor(TIMEOUT), flood.stderr());
            // Their first half is paced for about 30 s: they are still running when the last attack ends.
            assertTrue(legit.alive(), "the legitimate connections ran through every attack");
            final long floodSent = sentBy(flood.stdout(), FLOOD);
            attacks.put("mpc-syn-flood", new Attack("source-not-allowed", floodSent, floodSent));
            assertTrue(late.stdout().contains("match=true"), "the connection started during the flood: " + late);

            assertEquals(0, legit.waitFor(TIMEOUT), legit.stderr());
            final long exact = legit.stdout().lines().filter(l -> l.contains("match=true")).count();
            assertEquals(CONNECTIONS, exact, "legitimate connections byte-exact:\n" + legit.stdout());
            legitServer.waitFor(SHORT);
            lateServer.waitFor(SHORT);

            // Counted by mpdp (the workers publish every millisecond; wait until they have).
            final Map<String, Long> counted = awaitCounts(counters, before, attacks);
            // Frames the kernel's veth took in but that never reached mpdp's RX burst: AF_PACKET ring
            // overflows while the two shared CPUs are busy (this DPDK's af_packet reports no imissed). Port
            // counters are published about once a second.
            Cmd.sleep(1500);
            final long lostBeforeMpdp = Math.max(0, LiveTestbed.kernelRx(mpdpNs, port2Dev) - kernelBefore -
                (LiveTestbed.portCounter(counters, 2, "ipackets") - portBefore));
            for (final Dump d : atServer)
            {
                d.stop();
            }
            final Map<String, String> arrived = arrivedAtServer(atServer, attackerIp, seen);
            testbed("down").ok();
            final String log = Files.readString(Path.of(status.at("/mpdp/log").asText()));
            assertTrue(log.contains("mbufs still in use after the ports closed 0\n"),
                "mpdp's last lines:\n" + log.lines().skip(Math.max(0, log.lines().count() - 30)).toList());

            System.out.println("attack | packets sent | mpdp's count (reason) | packets seen at the server");
            for (final Map.Entry<String, Attack> e : attacks.entrySet())
            {
                final Attack a = e.getValue();
                final boolean shared = a.reason.equals("join-bad-ack-hmac");
                System.out.printf("%s | %d | %s (%s) | %s%n", e.getKey(), a.sent, shared ? counted.get(a.reason) +
                    " for both right-token joins" : Long.toString(counted.get(a.reason)), a.reason,
                    arrived.get(e.getKey()));
            }
            System.out.println("frames lost before mpdp's RX (port 2, AF_PACKET ring full) while the flood ran: " +
                lostBeforeMpdp);
            System.out.println("late connection during the flood: " + (lateDuringFlood ? "finished while it ran" :
                "finished after it"));

            assertEquals(RANDOM_JOINS, counted.get("join-unknown-token"), "random-token joins");
            assertEquals(2, counted.get("join-bad-ack-hmac"), "a random and a replayed third-ACK HMAC");
            assertEquals(1, counted.get("add-addr-bad-hmac"));
            assertEquals(1, counted.get("fastclose-bad-key"));
            // Every spoofed SYN that reached mpdp is counted: the sent ones less those lost before it, at most.
            final long floodCounted = counted.get("source-not-allowed");
            assertTrue(floodCounted <= floodSent && floodCounted + lostBeforeMpdp >= floodSent,
                "spoofed SYNs: sent " + floodSent + ", counted " + floodCounted + ", lost before mpdp " + lostBeforeMpdp);
            assertEquals("0", arrived.get("join-random-token"));
            assertEquals("1 SYN, 0 third ACKs", arrived.get("join-bad-hmac"), "the SYN carries no HMAC: it passes");
            assertEquals("1 SYN, 0 third ACKs", arrived.get("join-replay"));
            assertEquals("0", arrived.get("add-addr-bad-hmac"));
            assertEquals("0", arrived.get("fastclose-bad-key"));
            assertEquals("0", arrived.get("mpc-syn-flood"));
            lateConnectionTracked(report, serverIp + ":" + FLOOD_PORT);
            attackedConnectionIntact(report, seen.token);
        }
        finally
        {
            running.forEach(Cmd.Background::close);
            testbed("down");
        }
    }

    /** What the attacker learned on path 2: the client's join to the server. */
    private record Sniffed(int token, byte[] ackHmac, String client, String server, int seq, int ack)
    {
    }

    /** An attack: frames tcpreplay sent, and how many of them mpdp must count under the reason. */
    private record Attack(String reason, long sent, long counted)
    {
    }

    /**
     * Waits until the client's path-2 subflow is established (ss in the client namespace), then stops the
     * sniffer and reads the join from what it captured.
     */
    private static Sniffed awaitJoin(final Dump sniff, final String client, final String clientIp2)
        throws IOException
    {
        final long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!Cmd.run(SHORT, Map.of(), inNs(client, "ss", "-tnH", "state", "established", "src", clientIp2)).stdout()
            .contains(clientIp2))
        {
            assertTrue(System.nanoTime() < deadline, "the client never joined path 2");
            Cmd.sleep(100);
        }
        Cmd.sleep(500);
        final Sniffed s = join(sniff.stop());
        assertNotNull(s, "the attacker saw the join SYN and third ACK on path 2");
        return s;
    }

    /** The first join of the capture whose third ACK was sent, with the last sequence numbers of its client. */
    private static Sniffed join(final Path pcap) throws IOException
    {
        final PacketParser parser = new PacketParser();
        final ParsedPacket p = new ParsedPacket();
        final Map<String, Integer> tokens = new LinkedHashMap<>();
        Sniffed found = null;
        try (PcapReader reader = new PcapReader(pcap))
        {
            while (reader.next())
            {
                parser.parseEthernet(reader.segment(), reader.frameOffset(), reader.capturedLength(), p);
                if (p.status != ParsedPacket.TCP || p.ipVersion != 4)
                {
                    continue;
                }
                final String from = InetText.ipv4(p.srcV4) + ":" + p.srcPort;
                final String to = InetText.ipv4(p.dstV4) + ":" + p.dstPort;
                if (p.mptcp.has(Mptcp.MP_JOIN) && (p.tcpFlags & (Mptcp.TCP_SYN | Mptcp.TCP_ACK)) == Mptcp.TCP_SYN)
                {
                    tokens.put(from + ">" + to, p.mptcp.joinToken);
                }
                else if (found == null && p.mptcp.has(Mptcp.MP_JOIN) && p.mptcp.joinLength == Mptcp.JOIN_ACK_LENGTH &&
                    tokens.containsKey(from + ">" + to))
                {
                    found = new Sniffed(tokens.get(from + ">" + to), reader.segment().asSlice(reader.frameOffset() +
                        p.mptcp.joinHmacOffset, 20).toArray(ValueLayout.JAVA_BYTE), from, to, p.seq, p.ack);
                }
                else if (found != null && from.equals(found.client) && to.equals(found.server))
                {
                    found = new Sniffed(found.token, found.ackHmac, from, to, p.seq, p.ack);
                }
            }
        }
        return found;
    }

    private static Attack inject(final Path dir, final String attacker, final String dev, final String name,
        final int count, final int pps, final String... forgeArgs) throws IOException
    {
        final Path pcap = forge(dir, name, forgeArgs);
        final List<String> replay = new ArrayList<>(List.of("tcpreplay", "-i", dev));
        if (pps > 0)
        {
            replay.addAll(List.of("--pps", Integer.toString(pps)));
        }
        replay.add(pcap.toString());
        final Cmd.Result r = Cmd.run(TIMEOUT, Map.of(), inNs(attacker, replay.toArray(String[]::new))).ok();
        final long frames = framesIn(pcap);
        final String reason = switch (name)
        {
            case "join-random-token" -> "join-unknown-token";
            case "join-bad-hmac", "join-replay" -> "join-bad-ack-hmac";
            default -> name;
        };
        final long sent = sentBy(r.stdout(), count > 0 ? count : frames);
        // A right-token join's SYN is valid (it carries no HMAC): only its third ACK is counted.
        return new Attack(reason, sent, reason.equals("join-bad-ack-hmac") ? sent - 1 : sent);
    }

    /** tcpreplay's "Actual: N packets" line; it must have sent all of them. */
    private static long sentBy(final String tcpreplayOut, final long expected)
    {
        final java.util.regex.Matcher m = java.util.regex.Pattern.compile("Actual: (\\d+) packets").matcher(tcpreplayOut);
        assertTrue(m.find(), tcpreplayOut);
        final long sent = Long.parseLong(m.group(1));
        assertEquals(expected, sent, tcpreplayOut);
        return sent;
    }

    private static long framesIn(final Path pcap) throws IOException
    {
        long n = 0;
        try (PcapReader reader = new PcapReader(pcap))
        {
            while (reader.next())
            {
                n++;
            }
        }
        return n;
    }

    private static Path forge(final Path dir, final String attack, final String... args)
    {
        final Path out = dir.resolve(attack + ".pcap");
        final List<String> all = new ArrayList<>(List.of("--attack", attack, "--out", out.toString()));
        all.addAll(List.of(args));
        assertEquals(0, new CommandLine(new ForgeCommand()).execute(all.toArray(String[]::new)),
            "mpdp forge " + String.join(" ", all));
        return out;
    }

    /** Reason counters summed over the workers, read from mpdp's counters file while it runs. */
    private static Map<String, Long> reasons(final Path counters)
    {
        final Map<String, Long> sums = new LinkedHashMap<>();
        try (CountersFileReader reader = CountersFileReader.open(counters))
        {
            for (final CounterRecord r : reader.snapshot())
            {
                if (r.type() == CounterType.REASON)
                {
                    sums.merge(r.name(), r.value(), Long::sum);
                }
            }
        }
        return sums;
    }

    private static Map<String, Long> awaitCounts(final Path counters, final Map<String, Long> before,
        final Map<String, Attack> attacks)
    {
        final Map<String, Long> expected = new LinkedHashMap<>();
        attacks.values().forEach(a -> expected.merge(a.reason, a.counted, Long::sum));
        final long deadline = System.nanoTime() + SHORT.toNanos();
        Map<String, Long> last = Map.of();
        int still = 0;
        while (true)
        {
            final Map<String, Long> now = reasons(counters);
            final Map<String, Long> delta = new LinkedHashMap<>();
            expected.keySet().forEach(k -> delta.put(k, now.getOrDefault(k, 0L) - before.getOrDefault(k, 0L)));
            // Done when every count is reached, or when they stopped moving (frames lost before mpdp).
            if (delta.equals(expected) || delta.equals(last) && ++still == 5 || System.nanoTime() > deadline)
            {
                return delta;
            }
            still = delta.equals(last) ? still : 0;
            last = delta;
            Cmd.sleep(400);
        }
    }

    /**
     * Marked frames (IP ID and window 0xA77A, see AttackTrace) the server's interfaces saw, per attack, read
     * by tshark.
     */
    private static Map<String, String> arrivedAtServer(final List<Dump> dumps, final String attackerIp,
        final Sniffed seen)
    {
        long random = 0;
        long flood = 0;
        long addAddr = 0;
        long fastclose = 0;
        final long[] synsAndAcks = new long[4];
        for (final Dump d : dumps)
        {
            for (final Tshark.Frame f : Tshark.read(d.file, List.of("ip.src", "tcp.srcport", "tcp.flags",
                "tcp.options.mptcp.subtype"), List.of("-Y", "ip.id == 0xa77a && tcp.window_size_value == 0xa77a")))
            {
                final String src = f.first("ip.src");
                final long port = f.firstLong("tcp.srcport", -1);
                final boolean syn = (f.firstLong("tcp.flags", 0) & Mptcp.TCP_SYN) != 0;
                final List<Long> subtypes = f.longs("tcp.options.mptcp.subtype");
                if (src.startsWith("198.19."))
                {
                    flood++;
                }
                else if (subtypes.contains((long)Mptcp.ADD_ADDR))
                {
                    addAddr++;
                }
                else if (subtypes.contains((long)Mptcp.MP_FASTCLOSE))
                {
                    fastclose++;
                }
                else if (src.equals(attackerIp) && port == BAD_HMAC_PORT)
                {
                    synsAndAcks[syn ? 0 : 1]++;
                }
                else if (src.equals(attackerIp) && port == REPLAY_PORT)
                {
                    synsAndAcks[syn ? 2 : 3]++;
                }
                else if (src.equals(attackerIp) && port >= ATTACKER_PORT && port < ATTACKER_PORT + RANDOM_JOINS)
                {
                    random++;
                }
                else
                {
                    throw new AssertionError("a marked frame the test did not forge: " + f);
                }
            }
        }
        final Map<String, String> out = new LinkedHashMap<>();
        out.put("join-random-token", Long.toString(random));
        out.put("join-bad-hmac", synsAndAcks[0] + " SYN, " + synsAndAcks[1] + " third ACKs");
        out.put("join-replay", synsAndAcks[2] + " SYN, " + synsAndAcks[3] + " third ACKs");
        out.put("add-addr-bad-hmac", Long.toString(addAddr));
        out.put("fastclose-bad-key", Long.toString(fastclose));
        out.put("mpc-syn-flood", Long.toString(flood));
        return out;
    }

    /** mpdp's report (written when it stopped) has the late connection, both subflows, its join verified. */
    private void lateConnectionTracked(final Path report, final String server) throws IOException
    {
        final JsonNode root = json.readTree(report.toFile());
        JsonNode found = null;
        for (final JsonNode c : root.path("connections"))
        {
            for (final JsonNode s : c.path("subflows"))
            {
                if (s.path("server").asText().equals(server) && "initial".equals(s.path("role").asText()))
                {
                    found = c;
                }
            }
        }
        assertNotNull(found, "mpdp tracked the connection started during the flood (server " + server + ")");
        int joins = 0;
        for (final JsonNode s : found.path("subflows"))
        {
            if ("join".equals(s.path("role").asText()))
            {
                joins++;
                assertTrue(s.path("join_hmac_ok").asBoolean(false), "its join verifies: " + s);
            }
        }
        assertTrue(joins >= 1, "it joined path 2: " + found);
        assertEquals(256 << 10, found.path("data_bytes_to_server").asLong(), found.toString());
    }

    /**
     * mpdp's report: the attacked connection (the sniffed token is its server token) counts three HMAC
     * failures (the two forged third ACKs, the ADD_ADDR), the others none; every legitimate connection
     * carried all its bytes and ended with DATA_FIN, not with the forged MP_FASTCLOSE.
     */
    private void attackedConnectionIntact(final Path report, final int token) throws IOException
    {
        final JsonNode root = json.readTree(report.toFile());
        int attacked = 0;
        int legitimate = 0;
        for (final JsonNode c : root.path("connections"))
        {
            final boolean target = c.path("server_token").asText().equals(String.format("0x%08x", token));
            attacked += target ? 1 : 0;
            assertEquals(target ? 3 : 0, c.path("hmac_failures").asInt(-1), c.toString());
            assertEquals("data_fin", c.path("end").asText(), c.toString());
            legitimate += c.path("data_bytes_to_server").asLong() == BYTES ? 1 : 0;
        }
        assertEquals(1, attacked, "the attacked connection is in the report");
        assertEquals(CONNECTIONS, legitimate, "both legitimate connections tracked with all their bytes");
    }

    private static Path copyTrafficScript(final Path dir) throws IOException
    {
        final Path out = dir.resolve(MptcpTraffic.SCRIPT);
        try (var in = MptcpTraffic.class.getResourceAsStream("/" + MptcpTraffic.SCRIPT))
        {
            assertNotNull(in, MptcpTraffic.SCRIPT + " on the test classpath");
            Files.write(out, in.readAllBytes());
        }
        return out;
    }

    private static Cmd.Background background(final List<Cmd.Background> running, final String ns,
        final String... command)
    {
        final Cmd.Background b = Cmd.Background.start(Map.of(), inNs(ns, command));
        running.add(b);
        return b;
    }

    private static List<String> inNs(final String ns, final String... command)
    {
        final List<String> all = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        all.addAll(List.of(command));
        return all;
    }

    /** {@code -Dmpdp.testbed=PATH} runs another checkout's testbed script (which uses its own scripts/mpdp). */
    private static Path script(final String name)
    {
        final String override = name.equals("testbed") ? System.getProperty("mpdp.testbed") : null;
        return override != null ? Path.of(override) : Path.of("..", "scripts", name).toAbsolutePath().normalize();
    }

    private static Map<String, String> env()
    {
        return Map.of("JAVA_HOME", System.getProperty("java.home"), "MPDP_CLASSPATH",
            System.getProperty("java.class.path"));
    }

    private static Cmd.Result testbed(final String... args)
    {
        final List<String> command = new ArrayList<>(List.of("bash", script("testbed").toString()));
        command.addAll(List.of(args));
        command.addAll(List.of("--name", NAME));
        return Cmd.run(TIMEOUT, env(), command);
    }

    /** tcpdump on one interface of a namespace, writing to its stdout (it drops privileges before -w FILE). */
    private record Dump(String ns, String dev, Path file, Cmd.Background process)
    {
        static Dump start(final String ns, final String dev, final Path file)
        {
            final Cmd.Background b = Cmd.Background.start(Map.of(), inNs(ns, "tcpdump", "-i", dev, "-nn",
                "--immediate-mode", "-U", "-s", "262144", "-B", "32768", "-w", "-"));
            if (!b.awaitStderr("listening on", SHORT))
            {
                b.close();
                throw new IllegalStateException("tcpdump on " + dev + " in " + ns + " did not start: " + b.stderr());
            }
            return new Dump(ns, dev, file, b);
        }

        Path stop() throws IOException
        {
            process.signal("INT");
            process.waitFor(SHORT);
            Files.write(file, process.stdoutBytes());
            return file;
        }
    }
}
