package org.mpdp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.agrona.concurrent.status.AtomicCounter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mpdp.dataplane.counters.CounterType;
import org.mpdp.dataplane.counters.CountersFile;
import org.mpdp.dataplane.counters.CountersFileDescriptor;
import org.mpdp.dataplane.testing.ChildJvm;
import org.mpdp.dataplane.testing.Cmd;

/**
 * The real {@code mpdp stat} in a child JVM reading a counters file this JVM writes while it reads:
 * one writer thread increments counters and heartbeats, as a data plane's loop and conductor would.
 */
final class StatCommandIT
{
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path path;
    private CountersFile file;
    private AtomicCounter rx;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicBoolean beat = new AtomicBoolean(true);
    private Thread writer;

    @BeforeEach
    void startWriter()
    {
        path = dir.resolve("mpdp/test/counters.dat");
        file = CountersFile.create(path, 64);
        rx = file.counters().newCounter(CounterType.PORT_QUEUE, 0, 1, "rx", "port 0 net_null0 q1 -> port 1 rx");
        final AtomicCounter tx = file.counters().newCounter(CounterType.PORT_QUEUE, 0, 1, "tx", "port 0 net_null0 q1 -> port 1 tx");
        file.counters().newCounter(CounterType.PORT, 0, -1, "imissed", "port 0 net_null0 imissed").setRelease(5);
        file.counters().newCounter(CounterType.CRYPTO, 1, -1, "mp_join_hmac", "crypto MP_JOIN HMAC failures")
            .setRelease(2);
        file.counters().newCounter(CounterType.TABLE, 0, -1, "connections", "table connections occupancy")
            .setRelease(1000);
        writer = new Thread(() ->
        {
            long nextBeat = 0;
            while (!stop.get())
            {
                rx.incrementRelease();
                tx.incrementRelease();
                final long now = System.currentTimeMillis();
                if (beat.get() && now >= nextBeat)
                {
                    file.heartbeat(now);
                    nextBeat = now + 1000;
                }
                Thread.onSpinWait();
            }
        }, "counters-writer");
        writer.start();
    }

    @AfterEach
    void stopWriter() throws InterruptedException
    {
        stop.set(true);
        writer.join();
        file.close();
    }

    private static Cmd.Result stat(final String... args)
    {
        final String[] all = new String[args.length + 1];
        all[0] = "stat";
        System.arraycopy(args, 0, all, 1, args.length);
        return ChildJvm.run(TIMEOUT, MpdpCommand.class, all);
    }

    @Test
    void shouldPrintAHeaderAndCountersGroupedByType()
    {
        final Cmd.Result r = stat("--file", path.toString()).ok();
        final List<String> lines = r.stdout().lines().toList();
        assertTrue(lines.get(0).startsWith("mpdp stat " + path + ": pid " + ProcessHandle.current().pid() + ", started "),
            r.stdout());
        assertTrue(lines.get(0).contains("heartbeat") && !lines.get(0).contains("STALE"), r.stdout());
        assertEquals(List.of("== port queue", "== port", "== table", "== crypto"),
            lines.stream().filter(l -> l.startsWith("== ")).toList(), r.stdout());
        assertTrue(r.stdout().contains(":                    5 - port 0 net_null0 imissed"), r.stdout());
        assertTrue(r.stdout().contains(":                1,000 - table connections occupancy"), r.stdout());
        final String rxLine = lines.stream().filter(l -> l.endsWith("- port 0 net_null0 q1 -> port 1 rx")).findFirst()
            .orElseThrow();
        assertTrue(Long.parseLong(rxLine.split(":")[1].split("-")[0].trim().replace(",", "")) > 0, rxLine);
    }

    @Test
    void shouldFilterByLabel()
    {
        final Cmd.Result r = stat("--file", path.toString(), "--filter", "imissed|HMAC").ok();
        assertEquals(2, r.stdout().lines().filter(l -> l.matches("\\s*\\d+: .*")).count(), r.stdout());
        assertFalse(r.stdout().contains("q1 -> port 1 rx"), r.stdout());
        assertTrue(stat("--file", path.toString(), "--filter", "nothing-like-this").ok().stdout()
            .contains("(no counter label matches nothing-like-this)"));
    }

    @Test
    void shouldPrintJsonThatParsesBack() throws Exception
    {
        final JsonNode root = JSON.readTree(stat("--file", path.toString(), "--json").ok().stdout());
        assertEquals(ProcessHandle.current().pid(), root.get("pid").asLong());
        assertFalse(root.get("stale").asBoolean(), root.toString());
        assertEquals(5, root.get("counters").size(), root.toString());
        final JsonNode first = root.get("counters").get(0);
        assertEquals("port queue", first.get("type").asText());
        assertEquals(CounterType.PORT_QUEUE.id(), first.get("typeId").asInt());
        assertEquals(0, first.get("port").asInt());
        assertEquals(1, first.get("queue").asInt());
        assertEquals("rx", first.get("name").asText());
        assertTrue(first.get("value").asLong() > 0, first.toString());
        final JsonNode imissed = root.get("counters").get(2);
        assertEquals("imissed", imissed.get("name").asText());
        assertFalse(imissed.has("queue"), "a one-key type has no second key field: " + imissed);
    }

    @Test
    void shouldWatchWithRatesWhileTheCountersChange() throws Exception
    {
        final Cmd.Result r = stat("--file", path.toString(), "--json", "--watch", "0.5", "--count", "3").ok();
        final List<String> docs = r.stdout().lines().filter(l -> l.startsWith("{")).toList();
        assertEquals(3, docs.size(), r.stdout());
        long last = -1;
        for (int i = 0; i < docs.size(); i++)
        {
            final JsonNode rxNode = JSON.readTree(docs.get(i)).get("counters").get(0);
            assertTrue(rxNode.get("value").asLong() > last, "rx grows between reports: " + docs);
            last = rxNode.get("value").asLong();
            assertEquals(i > 0, rxNode.has("ratePerSecond"), "a rate from the second report on: " + docs.get(i));
            if (i > 0)
            {
                assertTrue(rxNode.get("ratePerSecond").asDouble() > 0, docs.get(i));
            }
            final JsonNode imissed = JSON.readTree(docs.get(i)).get("counters").get(2);
            assertEquals(i > 0 ? 0.0 : -1.0, imissed.has("ratePerSecond") ? imissed.get("ratePerSecond").asDouble() : -1.0);
        }
        final Cmd.Result text = stat("--file", path.toString(), "--watch", "0.5", "--count", "2", "--filter", " rx$").ok();
        final List<String> rxLines = text.stdout().lines().filter(l -> l.endsWith(" rx")).toList();
        assertEquals(2, rxLines.size(), text.stdout());
        assertTrue(rxLines.get(1).matches("\\s*0:\\s+[\\d,]+\\s+[\\d,]+\\.\\d/s - .*"), rxLines.get(1));
    }

    @Test
    void shouldSayStaleWhenTheHeartbeatIsOldOrThePidIsGone() throws Exception
    {
        beat.set(false);
        file.heartbeat(System.currentTimeMillis() - 10_000);
        final Cmd.Result old = stat("--file", path.toString()).ok();
        assertTrue(old.stdout().lines().findFirst().orElseThrow().contains("STALE: heartbeat older than 3 s"),
            old.stdout());
        assertTrue(JSON.readTree(stat("--file", path.toString(), "--json").ok().stdout()).get("stale").asBoolean());

        putLong(path, CountersFileDescriptor.PID_OFFSET, Integer.MAX_VALUE);
        file.heartbeat(System.currentTimeMillis());
        final Cmd.Result gone = stat("--file", path.toString()).ok();
        assertTrue(gone.stdout().contains("STALE: pid " + Integer.MAX_VALUE + " is gone"), gone.stdout());
    }

    @Test
    void shouldNameWhatIsWrongWithTheFile() throws Exception
    {
        assertFails(stat("--file", dir.resolve("nothing.dat").toString()), "no counters file at " + dir.resolve("nothing.dat"));
        assertFails(stat("--prefix", "no-such-dataplane-" + ProcessHandle.current().pid()),
            "no counters file at /dev/shm/mpdp/no-such-dataplane-");
        final Path text = Files.writeString(dir.resolve("text.dat"), "x".repeat(4096));
        assertFails(stat("--file", text.toString()), "is not an mpdp counters file: magic=0x78787878");
        final Path copy = dir.resolve("copy.dat");
        Files.copy(path, copy);
        putInt(copy, CountersFileDescriptor.VERSION_OFFSET, 0);
        assertFails(stat("--file", copy.toString()), "is not complete: version=0");
        putInt(copy, CountersFileDescriptor.VERSION_OFFSET, 7);
        assertFails(stat("--file", copy.toString()), "has layout version=7, this mpdp reads version 1");
        assertFails(stat("--file", path.toString(), "--filter", "(unclosed"), "filter=(unclosed is not a regular expression");
    }

    private static void assertFails(final Cmd.Result r, final String message)
    {
        final String all = r.stdout() + r.stderr();
        assertEquals(1, r.exit(), all);
        assertTrue(r.stderr().contains("mpdp: ") && all.contains(message), "expected '" + message + "' in:\n" + all);
        assertFalse(all.contains("\tat org.mpdp"), "a stack trace instead of a message:\n" + all);
    }

    private static void putInt(final Path path, final int offset, final int value) throws Exception
    {
        write(path, offset, ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0, value));
    }

    private static void putLong(final Path path, final int offset, final long value) throws Exception
    {
        write(path, offset, ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, value));
    }

    private static void write(final Path path, final int offset, final ByteBuffer bytes) throws Exception
    {
        try (RandomAccessFile raf = new RandomAccessFile(path.toFile(), "rw"))
        {
            raf.getChannel().write(bytes, offset);
        }
    }
}
