package org.mpdp.dataplane.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.agrona.concurrent.status.AtomicCounter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mpdp.dataplane.counters.CounterType;
import org.mpdp.dataplane.counters.Counters;
import org.mpdp.dataplane.counters.CountersFileDescriptor;
import org.mpdp.dataplane.testing.ChildJvm;
import org.mpdp.dataplane.testing.Cmd;
import org.mpdp.dpdk.Eal;
import org.mpdp.dpdk.EalOptions;
import org.mpdp.dpdk.Telemetry;
import org.mpdp.dpdk.TelemetryData;
import org.mpdp.dpdk.ffi.shim_h;

/**
 * A child JVM starts EAL with telemetry on, registers its counters with {@link MpdpTelemetry} and keeps
 * incrementing them on a thread of its own; DPDK's own client, {@code /usr/bin/dpdk-telemetry.py}, queries it.
 */
final class TelemetryIT
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path CLIENT = Path.of("/usr/bin/dpdk-telemetry.py");
    /** Counters the child allocates after the busy ones, so the full listing overflows a reply. */
    private static final int FILLER = 400;

    @TempDir
    Path dir;

    @Test
    void shouldListMpdpCountersBesideEthdevAndServeGrowingValues() throws Exception
    {
        final String prefix = "mpdp-tele-" + ProcessHandle.current().pid();
        try (Cmd.Background child = Cmd.Background.start(Map.of(), ChildJvm.command(Child.class, prefix)))
        {
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!child.stdout().contains(ChildJvm.REPORT + "ready") && child.alive() && System.nanoTime() < deadline)
            {
                Thread.sleep(100);
            }
            final Map<String, String> reports = ChildJvm.reports(child.stdout());
            assertTrue(reports.containsKey("ready"), "child did not start:\n" + child.stdout() + child.stderr());
            final int total = Integer.parseInt(reports.get("counters"));

            final List<JsonNode> first = query(prefix, "/", "/mpdp/counters", "/mpdp/counters,port_queue",
                "/mpdp/counters,port_queue,1", "/mpdp/counters,worker", "/mpdp/counters,other", "/mpdp/info",
                "/mpdp/counters,nosuch", "/mpdp/counters,port,x", "/mpdp_test/throw", "/mpdp_test/thread",
                "/mpdp_test/thread", "/help,/mpdp/counters");
            Thread.sleep(300);
            final List<JsonNode> second = query(prefix, "/mpdp/counters,port_queue", "/mpdp_test/thread", "/mpdp/info");

            // The reply buffer Telemetry.MAX_REPLY_LENGTH budgets for is what the server announces on connect.
            final JsonNode hello = hello(prefix);
            assertEquals(Telemetry.MAX_REPLY_LENGTH, hello.get("max_output_len").asInt(), hello.toString());
            assertEquals(child.pid(), hello.get("pid").asLong());

            final List<String> commands = new ArrayList<>();
            first.get(0).get("/").forEach(c -> commands.add(c.asText()));
            assertTrue(commands.contains("/mpdp/counters") && commands.contains("/mpdp/info") &&
                commands.contains("/ethdev/stats"), commands.toString());

            // The whole listing: id order, cut before DPDK's limits, with the count of what was left out.
            final JsonNode all = first.get(1).get("/mpdp/counters");
            assertTrue(all.has(MpdpTelemetry.TRUNCATED_KEY), all.toString());
            assertTrue(all.size() <= Telemetry.MAX_DICT_ENTRIES, "entries " + all.size());
            assertEquals(total, all.size() - 1 + all.get(MpdpTelemetry.TRUNCATED_KEY).asInt(),
                "listed + truncated = every counter, so DPDK dropped nothing silently");
            assertTrue(all.has("port_queue/0/0/rx") && all.has("port_queue/1/1/tx_dropped") && all.has("port/0/ipackets"),
                all.toString());

            final JsonNode portQueue = first.get(2).get("/mpdp/counters");
            assertEquals(12, portQueue.size(), portQueue.toString());
            final JsonNode queue1 = first.get(3).get("/mpdp/counters");
            assertEquals(6, queue1.size(), queue1.toString());
            queue1.fieldNames().forEachRemaining(k -> assertTrue(k.startsWith("port_queue/1/"), k));
            final JsonNode workers = first.get(4).get("/mpdp/counters");
            assertTrue(workers.has(MpdpTelemetry.TRUNCATED_KEY), "400 workers overflow one reply: " + workers.size());
            assertEquals(FILLER, workers.size() - 1 + workers.get(MpdpTelemetry.TRUNCATED_KEY).asInt());

            // Label-only counters: sanitised, long ones cut to the key limit with the id appended, duplicates too.
            final JsonNode other = first.get(5).get("/mpdp/counters");
            assertEquals(4, other.size(), other.toString());
            assertTrue(other.has("other/weird_label__x_y_z"), other.toString());
            other.fieldNames().forEachRemaining(k -> assertTrue(k.length() <= Telemetry.MAX_KEY_LENGTH, k));
            assertTrue(other.has("other/dup") && other.has("other/dup_" + reports.get("dupId")), other.toString());

            final JsonNode info = first.get(6).get("/mpdp/info");
            assertEquals(child.pid(), info.get("pid").asLong(), info.toString());
            assertEquals(MpdpTelemetry.MPDP_VERSION, info.get("version").asText());
            assertEquals(total, info.get("counters").asInt());
            assertTrue(info.get("start_time_ms").asLong() > 0 && info.get("start_time").asText().endsWith("Z"));

            for (int i = 7; i <= 9; i++)
            {
                assertTrue(first.get(i).elements().next().isNull(), "error replies are null: " + first.get(i));
            }
            assertEquals(1, second.get(2).get("/mpdp/info").get("telemetry_failures").asInt(),
                "the throwing handler was counted, and the process lived on");

            // Upcalls arrive on DPDK's per-connection telemetry thread: not an EAL lcore, attached to the JVM once.
            final JsonNode thread1 = first.get(10).get("/mpdp_test/thread");
            assertEquals(thread1, first.get(11).get("/mpdp_test/thread"), "one connection, one thread");
            assertNotEquals(thread1.get("thread_id"), second.get(1).get("/mpdp_test/thread").get("thread_id"),
                "another connection, another thread");
            assertEquals(Integer.toUnsignedLong(-1), thread1.get("lcore_id").asLong(), "LCORE_ID_ANY: a non-EAL thread");
            assertFalse(thread1.get("name").asText().startsWith("main"), thread1.toString());

            assertTrue(first.get(12).get("/help").get("/mpdp/counters").asText().contains("port_queue"),
                first.get(12).toString());

            final JsonNode later = second.get(0).get("/mpdp/counters");
            for (final String key : List.of("port_queue/0/0/rx", "port_queue/1/1/tx"))
            {
                assertTrue(later.get(key).asLong() > portQueue.get(key).asLong(),
                    key + " grows: " + portQueue.get(key) + " then " + later.get(key));
            }
        }
        finally
        {
            // EAL leaves its runtime directory (the socket's) behind when the child is killed.
            Cmd.run(Duration.ofSeconds(10), "rm", "-rf", "/var/run/dpdk/" + prefix);
        }
    }

    /** The greeting a client reads on connect: {"version":..., "pid":..., "max_output_len":...}. */
    private static JsonNode hello(final String prefix) throws IOException
    {
        final String script = "import socket,sys\n" +
            "s=socket.socket(socket.AF_UNIX,socket.SOCK_SEQPACKET)\n" +
            "s.connect('/var/run/dpdk/" + prefix + "/dpdk_telemetry.v2')\n" +
            "print(s.recv(1024).decode())\n";
        final Cmd.Result r = Cmd.run(Duration.ofSeconds(20), "python3", "-c", script).ok();
        return JSON.readTree(r.stdout().trim());
    }

    /** One connection, the commands in order, one JSON reply each. */
    private List<JsonNode> query(final String prefix, final String... commands) throws IOException, InterruptedException
    {
        final Path in = Files.createTempFile(dir, "telemetry", ".in");
        Files.writeString(in, String.join("\n", commands) + "\n");
        final Path out = dir.resolve("telemetry.out");
        final Process p = new ProcessBuilder("python3", CLIENT.toString(), "-f", prefix).redirectInput(in.toFile())
            .redirectOutput(out.toFile()).redirectErrorStream(true).start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "dpdk-telemetry.py did not finish");
        final String text = Files.readString(out, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), text);
        final List<JsonNode> replies = new ArrayList<>();
        for (final String line : text.lines().filter(l -> l.startsWith("{")).toList())
        {
            replies.add(JSON.readTree(line));
        }
        assertEquals(commands.length, replies.size(), text);
        return replies;
    }

    /**
     * The data plane stand-in: EAL with telemetry, counters of every type, a thread incrementing them.
     */
    public static final class Child
    {
        private Child()
        {
        }

        /**
         * @param args the EAL file prefix.
         */
        public static void main(final String[] args) throws Exception
        {
            final Eal eal = Eal.start(EalOptions.defaults(List.of()).withMemoryMb(128)
                .withHugepages(EalOptions.Hugepages.OFF).withFilePrefix(args[0]).withTelemetry(true));
            final Counters counters = new Counters(1024);
            final List<AtomicCounter> busy = new ArrayList<>();
            for (int port = 0; port < 2; port++)
            {
                for (int queue = 0; queue < 2; queue++)
                {
                    for (final String name : List.of("rx", "tx", "tx-dropped"))
                    {
                        busy.add(counters.newCounter(CounterType.PORT_QUEUE, port, queue, name,
                            "port " + port + " q" + queue + " " + name));
                    }
                }
                busy.add(counters.newCounter(CounterType.PORT, port, CountersFileDescriptor.NULL_KEY, "ipackets",
                    "port " + port + " ipackets"));
            }
            busy.add(counters.newCounter(CounterType.RING, 0, 1, "enqueued", "ring 0 to worker 1 enqueued"));
            busy.add(counters.newCounter(CounterType.REASON, 3, CountersFileDescriptor.NULL_KEY, "packets", "reason 3"));
            busy.add(counters.newCounter(CounterType.TABLE, 0, 0, "connections", "table connections"));
            busy.add(counters.newCounter(CounterType.CRYPTO, 1, 0, "join-hmac-failed", "crypto"));
            busy.add(counters.newCounter(CounterType.PROCESS, CountersFileDescriptor.NULL_KEY,
                CountersFileDescriptor.NULL_KEY, "heartbeats", "heartbeats"));
            counters.newCounter("weird label: x-y.z");
            counters.newCounter("long " + "l".repeat(300));
            counters.newCounter("dup");
            final AtomicCounter dup = counters.newCounter("dup");
            for (int i = 0; i < FILLER; i++)
            {
                counters.newCounter(CounterType.WORKER, i, CountersFileDescriptor.NULL_KEY, "idle-passes-with-a-long-name",
                    "worker " + i).setRelease(1_000_000_000_000L + i);
            }
            MpdpTelemetry.register(counters.reader());
            Telemetry.register("/mpdp_test/throw", "throws", (c, p, out) ->
            {
                throw new IllegalStateException("thrown on purpose");
            });
            Telemetry.register("/mpdp_test/thread", "the thread a handler runs on", Child::thread);

            final Thread writer = new Thread(() ->
            {
                while (true)
                {
                    for (final AtomicCounter c : busy)
                    {
                        c.incrementRelease();
                    }
                    Thread.onSpinWait();
                }
            }, "counter-writer");
            writer.setDaemon(true);
            writer.start();
            final int[] count = new int[1];
            counters.reader().forEach((id, label) -> count[0]++);
            ChildJvm.report("counters", count[0]);
            ChildJvm.report("dupId", dup.id());
            ChildJvm.report("ready", "");
            Thread.sleep(120_000);
            eal.close();
        }

        private static int thread(final String command, final String params, final TelemetryData out)
        {
            final Thread t = Thread.currentThread();
            out.startDict();
            out.addString("name", t.getName().isEmpty() ? "unnamed" : t.getName().replaceAll("[^A-Za-z0-9_ -]", "_"));
            out.addU64("thread_id", t.threadId());
            out.addU64("lcore_id", Integer.toUnsignedLong(shim_h.mpdp_lcore_id()));
            out.addU64("daemon", t.isDaemon() ? 1 : 0);
            return 0;
        }
    }
}
