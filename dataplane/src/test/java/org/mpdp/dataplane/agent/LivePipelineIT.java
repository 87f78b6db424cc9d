package org.mpdp.dataplane.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mpdp.cli.MpdpCommand;
import org.mpdp.dataplane.analyze.OfflineAnalyzer;
import org.mpdp.dataplane.analyze.TraceGenerator;
import org.mpdp.dataplane.capture.PcapReader;
import org.mpdp.dataplane.mirror.PcapWriter;
import org.mpdp.dataplane.testing.ChildJvm;
import org.mpdp.dataplane.testing.Cmd;
import org.mpdp.dataplane.wire.PacketParser;
import org.mpdp.dataplane.wire.ParsedPacket;

/**
 * Live equals offline: a generated MPTCP trace (v4 and v6, several joins per connection) replayed
 * through the real {@code mpdp run} on net_pcap vdevs into net_null gives, at exit, the same
 * connections, keys, subflows, data bytes and verdict reasons as {@code mpdp analyze --json} on the
 * same file. With two RX queues the trace is split by a symmetric 4-tuple hash, as RSS would, so the
 * subflows of one connection arrive on different queues and workers: joins must reach the owner of
 * their token, parked until it is published when the replay outruns the owner.
 */
final class LivePipelineIT
{
    @TempDir
    Path dir;

    private Path trace() throws IOException
    {
        final Path trace = dir.resolve("trace.pcap");
        TraceGenerator.generate(TraceGenerator.Config.of(300, 3, 20_000, 11, 0.3), trace);
        return trace;
    }

    private static JsonNode offline(final Path trace) throws IOException
    {
        final OfflineAnalyzer analyzer = new OfflineAnalyzer(4096, 16384);
        final OfflineAnalyzer.Totals totals = analyzer.analyze(trace);
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        analyzer.printJson(totals, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return new ObjectMapper().readTree(bytes.toString(StandardCharsets.UTF_8));
    }

    /** Splits a capture into {@code n} files by a symmetric hash of the 4-tuple. */
    private Path[] split(final Path trace, final int n) throws IOException
    {
        return splitBy(trace, n, p ->
        {
            final long a = p.ipVersion == 4 ? p.srcV4 : p.srcV6Low;
            final long b = p.ipVersion == 4 ? p.dstV4 : p.dstV6Low;
            final long h = (a ^ b) * 0x9E3779B97F4A7C15L + (p.srcPort ^ p.dstPort) * 0xC2B2AE3D27D4EB4FL;
            return (int)Long.remainderUnsigned(h ^ h >>> 31, n);
        });
    }

    private Path[] splitBy(final Path trace, final int n, final java.util.function.ToIntFunction<ParsedPacket> queue)
        throws IOException
    {
        final Path[] out = new Path[n];
        final PcapWriter[] writers = new PcapWriter[n];
        for (int i = 0; i < n; i++)
        {
            out[i] = Files.createTempFile(dir, "queue" + i + "-", ".pcap");
            writers[i] = new PcapWriter(out[i], 65535);
        }
        final PacketParser parser = new PacketParser();
        final ParsedPacket p = new ParsedPacket();
        try (PcapReader reader = new PcapReader(trace))
        {
            while (reader.next())
            {
                parser.parseEthernet(reader.segment(), reader.frameOffset(), reader.capturedLength(), p);
                final byte[] frame = reader.segment().asSlice(reader.frameOffset(), reader.capturedLength())
                    .toArray(ValueLayout.JAVA_BYTE);
                writers[queue.applyAsInt(p)].write(frame, reader.timestampNanos() / 1000);
            }
        }
        for (final PcapWriter w : writers)
        {
            w.close();
        }
        return out;
    }

    private JsonNode live(final String rxPcaps, final int queues, final String layout) throws IOException
    {
        return live(rxPcaps, queues, layout, 1024);
    }

    private JsonNode live(final String rxPcaps, final int queues, final String layout, final int memoryMb)
        throws IOException
    {
        final String prefix = "mpdp-it-" + ThreadLocalRandom.current().nextInt(1 << 30);
        final Path config = dir.resolve(prefix + ".yaml");
        final Path report = dir.resolve(prefix + ".json");
        Files.writeString(config, String.join("\n",
            "eal:",
            "  file-prefix: " + prefix,
            "  in-memory: false",
            "  hugepages: off",
            "  memory-mb: " + memoryMb,
            "ports:",
            "  - vdev: net_pcap0," + rxPcaps,
            "    queues: " + queues,
            "  - vdev: net_null0,no-rx=1",
            layout,
            "  idle:",
            "    strategy: yield",
            "rings:",
            "  size: 65536",
            "tables:",
            "  max-connections: 4096",
            "  max-subflows: 16384",
            "counters:",
            "  path: " + dir.resolve(prefix + "-counters.dat"),
            ""));
        final Cmd.Result r = ChildJvm.run(Duration.ofMinutes(2), MpdpCommand.class, "run", "--config",
            config.toString(), "--duration", "90", "--stop-when-idle", "1", "--stats-interval", "0", "--report", report.toString());
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.stdout().contains("mbufs still in use after the ports closed 0"), r.stdout());
        return new ObjectMapper().readTree(Files.readString(report));
    }

    private static void assertSame(final JsonNode offline, final JsonNode live)
    {
        assertEquals(offline.get("packets").longValue(), live.get("packets").longValue(), "packets processed");
        assertEquals(offline.get("connections").size(), live.get("connections").size(), "connections");
        final Map<String, JsonNode> byKey = new HashMap<>();
        live.get("connections").forEach(c -> byKey.put(c.get("client_key").textValue(), c));
        for (final JsonNode o : offline.get("connections"))
        {
            final JsonNode l = byKey.get(o.get("client_key").textValue());
            assertTrue(l != null, "live report lacks " + o);
            for (final String field : new String[] {"version", "server_key", "client_token", "server_token",
                "client_idsn", "server_idsn", "checksum", "data_bytes_to_server", "data_bytes_to_client",
                "reinjected_bytes", "hmac_failures", "end", "mapping_anomalies", "announced", "flags", "reasons"})
            {
                assertEquals(o.get(field), l.get(field), field + " of " + o.get("client_key") + "\noffline " + o +
                    "\nlive    " + l);
            }
            assertEquals(o.get("subflows").size(), l.get("subflows").size(), "subflows of " + o.get("client_key"));
            final Map<String, JsonNode> subflows = new HashMap<>();
            l.get("subflows").forEach(s -> subflows.put(s.get("client").textValue(), s));
            for (final JsonNode s : o.get("subflows"))
            {
                final JsonNode ls = subflows.get(s.get("client").textValue());
                assertTrue(ls != null, "subflow " + s);
                for (final String field : new String[] {"server", "role", "backup", "join_hmac_ok", "state", "packets",
                    "payload_bytes"})
                {
                    assertEquals(s.get(field), ls.get(field), field + " of subflow " + s.get("client"));
                }
            }
        }
        assertEquals(offline.get("reasons"), live.get("reasons"), "verdict reasons");
    }

    @Test
    void shouldReportWhatTheAnalyzerReportsWithOneWorker() throws IOException
    {
        final Path trace = trace();
        assertSame(offline(trace), live("rx_pcap=" + trace, 1, "layout:\n  mode: run-to-completion\n  cores: [1]"));
    }

    /**
     * Two workers, each polling its own queue. The queues are split by connection (every subflow of a
     * connection on one queue, as causal as real traffic on it), but a connection's owner is the hash
     * of its first 4-tuple, so about half the packets cross to the other worker's ring, and joins reach
     * the owner of their token. (Two pcap files split by 4-tuple and read by two threads are not
     * causal: a join can be read long before its connection's third ACK on the other queue; the
     * pipelined test below covers that split with one RX thread.)
     */
    @Test
    void shouldKeepEveryConnectionWithItsOwnerAcrossTwoWorkers() throws IOException
    {
        final Path trace = trace();
        final JsonNode expected = offline(trace);
        final Map<String, Integer> connectionOf = new HashMap<>();
        for (int c = 0; c < expected.get("connections").size(); c++)
        {
            for (final JsonNode s : expected.get("connections").get(c).get("subflows"))
            {
                connectionOf.put(s.get("client").textValue() + " " + s.get("server").textValue(), c);
            }
        }
        final Path[] queues = splitBy(trace, 2, p ->
        {
            final String src = endpoint(p, true);
            final String dst = endpoint(p, false);
            final Integer c = connectionOf.getOrDefault(src + " " + dst, connectionOf.get(dst + " " + src));
            return c == null ? 0 : c & 1;
        });
        assertSame(expected, live("rx_pcap=" + queues[0] + ",rx_pcap=" + queues[1], 2,
            "layout:\n  mode: run-to-completion\n  cores: [0, 1]"));
    }

    private static String endpoint(final ParsedPacket p, final boolean source)
    {
        if (p.ipVersion == 4)
        {
            return org.mpdp.dataplane.track.SubflowView.endpoint(4, 0, Integer.toUnsignedLong(source ? p.srcV4 :
                p.dstV4), source ? p.srcPort : p.dstPort);
        }
        return org.mpdp.dataplane.track.SubflowView.endpoint(6, source ? p.srcV6High : p.dstV6High, source ?
            p.srcV6Low : p.dstV6Low, source ? p.srcPort : p.dstPort);
    }

    @Test
    void shouldReportWhatTheAnalyzerReportsPipelined() throws IOException
    {
        // One RX thread steering into one worker's ring: joins whose token is not yet published (the
        // replay outruns the worker) are parked until the worker has processed what came before them.
        final Path trace = trace();
        assertSame(offline(trace), live("rx_pcap=" + trace, 1,
            "layout:\n  mode: pipelined\n  rx-cores: [0]\n  worker-cores: [1]"));
    }

    @Test
    void shouldKeepEveryConnectionWithOneOwnerWhenSubflowsArriveOnTwoQueuesPipelined() throws IOException
    {
        // Split by 4-tuple as RSS would: one connection's subflows on both queues, read by one RX thread.
        final Path trace = trace();
        final Path[] queues = split(trace, 2);
        assertSame(offline(trace), live("rx_pcap=" + queues[0] + ",rx_pcap=" + queues[1], 2,
            "layout:\n  mode: pipelined\n  rx-cores: [0]\n  worker-cores: [1]"));
    }

    @Test
    void shouldKeepEveryConnectionWithOneOwnerAcrossFourWorkersPipelined() throws IOException
    {
        // Four workers (sharing the two CPUs: the yield idle strategy gives them up) behind one RX thread
        // reading four queues split by 4-tuple (net_pcap has as many TX queues as rx_pcap files, and every
        // worker has its own TX queue on every port): each connection's subflows and joins reach one owner.
        final Path trace = trace();
        final Path[] queues = split(trace, 4);
        assertSame(offline(trace), live("rx_pcap=" + queues[0] + ",rx_pcap=" + queues[1] + ",rx_pcap=" + queues[2] +
            ",rx_pcap=" + queues[3], 4, "layout:\n  mode: pipelined\n  rx-cores: [0]\n  worker-cores: [1, 1, 0, 1]",
            2048)); // four rings of 65,536
    }
}
