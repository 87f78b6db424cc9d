package org.mpdp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mpdp.dataplane.counters.CounterType;
import org.mpdp.dataplane.testing.ChildJvm;
import org.mpdp.dataplane.testing.Cmd;

/**
 * A real {@code mpdp forward} on a net_null pair publishing into a counters file, read by a real
 * {@code mpdp stat} in another JVM while it forwards; on SIGINT the forwarder deletes the file.
 */
final class StatForwardIT
{
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void shouldReadARunningForwarder() throws Exception
    {
        final Path counters = dir.resolve("mpdp/fwd/counters.dat");
        try (Cmd.Background forward = Cmd.Background.start(Map.of(), ChildJvm.command(MpdpCommand.class, "forward",
            "--vdev", "net_null0", "--vdev", "net_null1", "--hugepages", "off", "--memory", "256", "--idle", "yield",
            "--stats-interval", "0", "--duration", "60", "--counters", counters.toString())))
        {
            final long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
            while (!Files.exists(counters) && forward.alive() && System.nanoTime() < deadline)
            {
                Thread.sleep(100);
            }
            assertTrue(Files.exists(counters), "no counters file from mpdp forward:\n" + forward.stdout() + forward.stderr());
            Thread.sleep(1500);

            final Cmd.Result r = ChildJvm.run(Duration.ofSeconds(60), MpdpCommand.class, "stat", "--file",
                counters.toString(), "--json", "--watch", "1", "--count", "3").ok();
            final List<String> docs = r.stdout().lines().filter(l -> l.startsWith("{")).toList();
            assertEquals(3, docs.size(), r.stdout());
            final JsonNode last = JSON.readTree(docs.get(2));
            assertEquals(forward.pid(), last.get("pid").asLong());
            assertFalse(last.get("stale").asBoolean(), docs.get(2));
            int portQueueRx = 0;
            int portIpackets = 0;
            for (final JsonNode c : last.get("counters"))
            {
                if (c.get("typeId").asInt() == CounterType.PORT_QUEUE.id() && c.get("name").asText().equals("rx"))
                {
                    portQueueRx++;
                    assertTrue(c.get("ratePerSecond").asDouble() > 0, "rx rate of a forwarding queue: " + c);
                    assertEquals(0, c.get("queue").asInt(), c.toString());
                }
                if (c.get("typeId").asInt() == CounterType.PORT.id() && c.get("name").asText().equals("ipackets"))
                {
                    portIpackets++;
                    assertTrue(c.get("value").asLong() > 0, "driver counters are published: " + c);
                }
            }
            assertEquals(2, portQueueRx, docs.get(2));
            assertEquals(2, portIpackets, docs.get(2));

            final Cmd.Result text = ChildJvm.run(Duration.ofSeconds(60), MpdpCommand.class, "stat", "--file",
                counters.toString(), "--filter", "imissed").ok();
            assertTrue(text.stdout().contains("== port") && text.stdout().contains("port 1 net_null1 imissed"),
                text.stdout());

            forward.signal("INT");
            assertEquals(0, forward.waitFor(Duration.ofSeconds(30)), forward.stdout() + forward.stderr());
            assertFalse(Files.exists(counters), "a clean exit deletes the counters file");
        }
    }
}
