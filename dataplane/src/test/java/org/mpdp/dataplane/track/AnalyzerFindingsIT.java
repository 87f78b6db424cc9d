package org.mpdp.dataplane.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mpdp.cli.MpdpCommand;
import org.mpdp.dataplane.mirror.PcapWriter;
import org.mpdp.dataplane.testing.ChildJvm;
import org.mpdp.dataplane.testing.Cmd;
import org.mpdp.dataplane.wire.Mptcp;
import org.mpdp.dataplane.wire.MptcpOptionWriter;
import org.mpdp.dataplane.wire.TcpFrames;

/**
 * What {@code mpdp analyze} shows a user, through the real command in a child JVM on captures built
 * with the project's encoders: verdict reasons for the capture and per connection, packets that belong
 * to no connection counted by reason with examples, each join's state, per-connection flags,
 * subflows picked up mid-stream, and one event per flagged packet.
 */
final class AnalyzerFindingsIT
{
    private static final int CLIENT = 0xC6120101;
    private static final long KEY_A = 0x0123_4567_89AB_CDEFL;
    private static final long KEY_B = 0x7EDC_BA98_7654_3210L;
    private static final int S = TrackerRig.SERVER;
    private static final int SP = TrackerRig.SERVER_PORT;

    @TempDir
    Path dir;

    private static Cmd.Result analyze(final String... args)
    {
        return ChildJvm.run(Duration.ofMinutes(2), MpdpCommand.class, args);
    }

    private Path write(final String name, final List<byte[]> frames) throws IOException
    {
        final Path file = dir.resolve(name);
        try (PcapWriter w = new PcapWriter(file, 65535))
        {
            long micros = 1_700_000_000_000_000L;
            for (final byte[] f : frames)
            {
                w.write(f, micros);
                micros += 100;
            }
        }
        return file;
    }

    @Test
    void shouldCountTenThousandUnknownTokenJoinsWithExamples() throws IOException
    {
        final List<byte[]> frames = new ArrayList<>();
        for (int i = 0; i < 10_000; i++)
        {
            final int token = 0x5000_0000 + i;
            frames.add(TcpFrames.ipv4(0xC6130000 + i, 20000 + i % 30000, S, SP, Mptcp.TCP_SYN, 1, 0,
                o -> MptcpOptionWriter.mpJoinSyn(o, 0, false, 1, token, 7)));
        }
        final Path pcap = write("joins.pcap", frames);
        final Cmd.Result table = analyze("analyze", pcap.toString()).ok();
        assertTrue(table.stdout().contains("verdict reasons: join-unknown-token 10,000"), table.stdout());
        assertTrue(table.stdout().contains("packets in no connection: join-unknown-token 10,000"), table.stdout());
        assertTrue(table.stdout().contains("  frame 1  1700000000.000000  198.19.0.0:20000 -> 198.18.0.2:5201  " +
            "join-unknown-token"), table.stdout());
        final JsonNode json = new ObjectMapper().readTree(analyze("analyze", "--json", pcap.toString()).ok().stdout());
        assertEquals(10_000, json.get("reasons").get("join-unknown-token").longValue());
        assertEquals(10_000, json.get("unattached").get("reasons").get("join-unknown-token").longValue());
        assertEquals(10, json.get("unattached").get("examples").size(), "examples are capped");
        assertEquals(2, json.get("unattached").get("examples").get(1).get("frame").longValue());
    }

    @Test
    void shouldShowJoinStatesFlagsMidStreamSubflowsAndEvents() throws IOException
    {
        final Tracker scratch = new Tracker(8, 32);
        final TrackerRig rig = new TrackerRig(scratch);
        final List<byte[]> f = new ArrayList<>();
        // The handshake, with a third ACK that echoes another server key: key_mismatch.
        f.add(TcpFrames.ipv4(CLIENT, 40000, S, SP, Mptcp.TCP_SYN, 100, 0, o -> MptcpOptionWriter.mpCapable(o, 0,
            Mptcp.MPC_SYN_V1_LENGTH, 1, Mptcp.MPC_FLAG_H, 0, 0, 0, 0)));
        f.add(TcpFrames.ipv4(S, SP, CLIENT, 40000, Mptcp.TCP_SYN | Mptcp.TCP_ACK, 500, 0, o ->
            MptcpOptionWriter.mpCapable(o, 0, Mptcp.MPC_ONE_KEY_LENGTH, 1, Mptcp.MPC_FLAG_H, KEY_B, 0, 0, 0)));
        f.add(TcpFrames.ipv4(CLIENT, 40000, S, SP, Mptcp.TCP_ACK, 101, 0, o -> MptcpOptionWriter.mpCapable(o, 0,
            Mptcp.MPC_ACK_LENGTH, 1, Mptcp.MPC_FLAG_H, KEY_A, KEY_B + 1, 0, 0)));
        final byte[][] ok = rig.join(CLIENT + 1, 41001, KEY_A, KEY_B, 1, 2);
        f.addAll(List.of(ok));                                           // established
        final byte[][] bad = rig.join(CLIENT + 2, 41002, KEY_A, KEY_B, 3, 4);
        bad[2][bad[2].length - 1] ^= 1;                                   // third-ACK HMAC broken
        f.addAll(List.of(bad));                                          // hmac_failed
        f.add(rig.join(CLIENT + 3, 41003, KEY_A, KEY_B, 5, 6)[0]);       // unanswered
        f.add(rig.join(CLIENT + 4, 41004, KEY_A, KEY_B, 7, 8)[0]);       // refused: the server resets
        f.add(TcpFrames.ipv4(S, SP, CLIENT + 4, 41004, Mptcp.TCP_RST | Mptcp.TCP_ACK, 0, 0, o -> 0));
        final byte[][] reset = rig.join(CLIENT + 5, 41005, KEY_A, KEY_B, 9, 10);
        f.add(reset[0]);
        f.add(reset[1]);
        f.add(TcpFrames.ipv4(CLIENT + 5, 41005, S, SP, Mptcp.TCP_RST, 7001, 0, o -> 0)); // reset before the ACK
        // FASTCLOSE with a wrong key.
        f.add(TcpFrames.ipv4(CLIENT, 40000, S, SP, Mptcp.TCP_ACK, 101, 0, o -> MptcpOptionWriter.mpFastclose(o, 0, 99)));
        // A subflow whose handshake is not in the capture: DSS data only.
        f.add(TcpFrames.ipv4(0xC6120909, 45000, S, SP, Mptcp.TCP_ACK | Mptcp.TCP_PSH, 1000, 100, o ->
            MptcpOptionWriter.dss(o, 0, Mptcp.DSS_FLAG_MAP | Mptcp.DSS_FLAG_DSN64, 0, 5000, 1, 100, false, 0)));
        final Path pcap = write("states.pcap", f);

        final JsonNode json = new ObjectMapper().readTree(analyze("analyze", "--json", "--events", pcap.toString())
            .ok().stdout());
        final JsonNode c = json.get("connections").get(0);
        final Map<String, String> states = new HashMap<>();
        for (final JsonNode s : c.get("subflows"))
        {
            if (s.get("role").textValue().equals("join"))
            {
                states.put(s.get("client").textValue(), s.get("state").textValue());
            }
        }
        assertEquals(Map.of("198.18.1.2:41001", "established", "198.18.1.3:41002", "hmac_failed",
            "198.18.1.4:41003", "unanswered", "198.18.1.5:41004", "refused", "198.18.1.6:41005", "reset"), states);
        for (final JsonNode s : c.get("subflows"))
        {
            final String state = s.get("state").isNull() ? "" : s.get("state").textValue();
            assertEquals(state.equals("established") || state.equals("hmac_failed") ? "" : "null",
                s.get("join_hmac_ok").isNull() ? "null" : "", "join_hmac_ok null unless both HMACs seen: " + s);
        }
        final List<String> flags = new ArrayList<>();
        c.get("flags").forEach(n -> flags.add(n.textValue()));
        assertEquals(List.of("key_mismatch", "fastclose_bad_key"), flags);
        assertEquals(1, c.get("reasons").get("join-bad-ack-hmac").longValue());
        assertEquals(1, c.get("reasons").get("key-mismatch").longValue());
        assertEquals(1, json.get("mid_stream_subflows").size());
        assertEquals("198.18.9.9:45000", json.get("mid_stream_subflows").get(0).get("client").textValue());
        // Events: the key mismatch (frame 3), the bad HMAC (frame 9), the FASTCLOSE, the mid-stream packet.
        final List<Long> frames = new ArrayList<>();
        json.get("events").forEach(e -> frames.add(e.get("frame").longValue()));
        assertEquals(List.of(3L, 9L, (long)f.size() - 1, (long)f.size()), frames);
        assertTrue(json.get("events").get(3).get("connection").isNull());
        assertEquals(1, json.get("events").get(0).get("connection").intValue());

        final String table = analyze("analyze", "--events", pcap.toString()).ok().stdout();
        assertTrue(table.contains("FLAGS: key_mismatch, fastclose_bad_key"), table);
        assertTrue(table.contains("join established"), table);
        assertTrue(table.contains("1 subflows picked up mid-stream"), table);
        assertTrue(table.contains("4 flagged packets:"), table);
        assertFalse(table.contains("join HMAC FAILED"), table);
    }
}
