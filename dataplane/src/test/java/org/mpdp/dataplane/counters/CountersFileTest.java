package org.mpdp.dataplane.counters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.agrona.concurrent.status.AtomicCounter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The counters file on real mapped memory: what the writer publishes is what a separate read-only
 * mapping sees, and every malformed or unfinished file is refused with a message naming why.
 */
final class CountersFileTest
{
    @TempDir
    Path dir;

    @Test
    void shouldPublishHeaderAndTypedCountersToAReadOnlyMapping()
    {
        final Path path = dir.resolve("a/b/counters.dat");
        try (CountersFile file = CountersFile.create(path, 16))
        {
            final AtomicCounter rx = file.counters().newCounter(CounterType.PORT_QUEUE, 1, 3, "rx", "port 1 q3 rx");
            final AtomicCounter plain = file.counters().newCounter("something else");
            rx.incrementRelease();
            rx.getAndAddRelease(41);
            plain.setRelease(7);
            file.heartbeat(123_456L);
            try (CountersFileReader reader = CountersFile.openReadOnly(path))
            {
                assertEquals(ProcessHandle.current().pid(), reader.pid());
                assertEquals(123_456L, reader.heartbeatMs());
                assertEquals(16, reader.maxCounters());
                assertTrue(reader.writerAlive());
                assertTrue(Math.abs(System.currentTimeMillis() - reader.startTimeMs()) < 60_000);
                final List<CounterRecord> records = reader.snapshot();
                assertEquals(2, records.size());
                assertEquals(new CounterRecord(rx.id(), 1, CounterType.PORT_QUEUE, 1, 3, "rx", "port 1 q3 rx", 42),
                    records.get(0));
                assertEquals(new CounterRecord(plain.id(), 0, CounterType.OTHER, -1, -1, "", "something else", 7),
                    records.get(1));
                rx.incrementRelease();
                assertEquals(43, reader.snapshot().get(0).value(), "a second snapshot reads the live value");
                assertFalse(reader.replaced());
            }
        }
        assertFalse(Files.exists(path), "a clean close deletes the file");
    }

    @Test
    void shouldKeepTheFileWhenAsked()
    {
        final Path path = dir.resolve("counters.dat");
        try (CountersFile file = CountersFile.create(path, 4).keepOnClose(true))
        {
            file.counters().newCounter(CounterType.REASON, 5, -1, "drop", "reason 5 drop").setRelease(9);
        }
        try (CountersFileReader reader = CountersFile.openReadOnly(path))
        {
            assertEquals(9, reader.snapshot().get(0).value());
        }
    }

    @Test
    void shouldRefuseAFileWhoseVersionIsNotWrittenYet() throws Exception
    {
        final Path path = dir.resolve("counters.dat");
        try (CountersFile file = CountersFile.create(path, 4).keepOnClose(true))
        {
            file.heartbeat(1);
        }
        putInt(path, CountersFileDescriptor.VERSION_OFFSET, 0);
        assertMessage(path, "is not complete: version=0");
        putInt(path, CountersFileDescriptor.VERSION_OFFSET, 99);
        assertMessage(path, "has layout version=99, this mpdp reads version 1");
        putInt(path, CountersFileDescriptor.VERSION_OFFSET, 1);
        putInt(path, CountersFileDescriptor.MAGIC_OFFSET, 0x12345678);
        assertMessage(path, "is not an mpdp counters file: magic=0x12345678");
    }

    @Test
    void shouldRefuseMissingEmptyShortAndTruncatedFiles() throws Exception
    {
        assertMessage(dir.resolve("none.dat"), "no counters file at");
        final Path empty = Files.createFile(dir.resolve("empty.dat"));
        assertMessage(empty, "is not complete: empty");
        final Path text = Files.writeString(dir.resolve("text.dat"), "hello");
        assertMessage(text, "is not an mpdp counters file: 5 bytes");
        final Path path = dir.resolve("counters.dat");
        CountersFile.create(path, 8).keepOnClose(true).close();
        try (RandomAccessFile raf = new RandomAccessFile(path.toFile(), "rw"))
        {
            raf.setLength(CountersFileDescriptor.HEADER_LENGTH + 512);
        }
        assertMessage(path, "is corrupt");
    }

    private static void assertMessage(final Path path, final String text)
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> CountersFile.openReadOnly(path).close());
        assertTrue(ex.getMessage().contains(text), ex.getMessage());
    }

    private static void putInt(final Path path, final int offset, final int value) throws Exception
    {
        try (RandomAccessFile raf = new RandomAccessFile(path.toFile(), "rw"))
        {
            final java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0, value);
            raf.getChannel().write(b, offset);
        }
    }
}
