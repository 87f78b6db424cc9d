package org.mpdp.dataplane.counters;

import static org.mpdp.dataplane.counters.CountersFileDescriptor.HEADER_LENGTH;
import static org.mpdp.dataplane.counters.CountersFileDescriptor.KEY_FIRST_OFFSET;
import static org.mpdp.dataplane.counters.CountersFileDescriptor.KEY_NAME_LENGTH_OFFSET;
import static org.mpdp.dataplane.counters.CountersFileDescriptor.KEY_NAME_MAX_LENGTH;
import static org.mpdp.dataplane.counters.CountersFileDescriptor.KEY_NAME_OFFSET;
import static org.mpdp.dataplane.counters.CountersFileDescriptor.KEY_SECOND_OFFSET;
import static org.mpdp.dataplane.counters.CountersFileDescriptor.NULL_KEY;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.CountersReader;

/**
 * A counters file mapped read-only: the header fields and a {@link CountersReader} over the regions.
 * Every value is read with a volatile load, so a reader in another process sees the writer's release stores.
 */
public final class CountersFileReader implements AutoCloseable
{
    private final Path path;
    private final MappedByteBuffer mapping;
    private final UnsafeBuffer header;
    private final CountersReader reader;
    private final Object fileKey;
    private boolean closed;

    private CountersFileReader(final Path path, final MappedByteBuffer mapping, final UnsafeBuffer header,
        final CountersReader reader, final Object fileKey)
    {
        this.path = path;
        this.mapping = mapping;
        this.header = header;
        this.reader = reader;
        this.fileKey = fileKey;
    }

    /**
     * Maps the file read-only after checking, in this order: it exists, it is at least a header long,
     * the version has been written (else the writer has not finished creating it), the magic, the version,
     * and that the regions fit in the file.
     *
     * @param path the file.
     * @return the reader.
     * @throws IllegalArgumentException naming what is wrong.
     */
    public static CountersFileReader open(final Path path)
    {
        if (!Files.exists(path))
        {
            throw new IllegalArgumentException("no counters file at " + path +
                " (is the data plane running, and with this --prefix/--file?)");
        }
        final long length;
        final Object fileKey;
        try
        {
            length = Files.size(path);
            fileKey = Files.readAttributes(path, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException("cannot read counters file " + path + ": " + ex.getMessage());
        }
        if (length == 0)
        {
            throw new IllegalArgumentException("counters file " + path +
                " is not complete: empty (its writer is still creating it, or died doing so)");
        }
        if (length < HEADER_LENGTH)
        {
            throw new IllegalArgumentException(path + " is not an mpdp counters file: " + length +
                " bytes, shorter than the " + HEADER_LENGTH + "-byte header");
        }
        final MappedByteBuffer mapping;
        try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "r"))
        {
            mapping = file.getChannel().map(FileChannel.MapMode.READ_ONLY, 0, length);
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException("cannot map counters file " + path + ": " + ex.getMessage());
        }
        try
        {
            final UnsafeBuffer header = new UnsafeBuffer(mapping, 0, HEADER_LENGTH);
            check(path, header, length);
            final int metadataOffset = header.getInt(CountersFileDescriptor.METADATA_OFFSET_OFFSET);
            final int metadataLength = header.getInt(CountersFileDescriptor.METADATA_LENGTH_OFFSET);
            final int valuesOffset = header.getInt(CountersFileDescriptor.VALUES_OFFSET_OFFSET);
            final int valuesLength = header.getInt(CountersFileDescriptor.VALUES_LENGTH_OFFSET);
            final CountersReader reader = new CountersReader(new UnsafeBuffer(mapping, metadataOffset, metadataLength),
                new UnsafeBuffer(mapping, valuesOffset, valuesLength));
            return new CountersFileReader(path, mapping, header, reader, fileKey);
        }
        catch (final RuntimeException ex)
        {
            IoUtil.unmap(mapping);
            throw ex;
        }
    }

    private static void check(final Path path, final UnsafeBuffer header, final long length)
    {
        // Acquire: pairs with the writer's release store of the version, written after every other header field.
        final int version = header.getIntVolatile(CountersFileDescriptor.VERSION_OFFSET);
        final int magic = header.getInt(CountersFileDescriptor.MAGIC_OFFSET);
        if (magic != CountersFileDescriptor.MAGIC && !(magic == 0 && version == CountersFileDescriptor.NULL_VERSION))
        {
            throw new IllegalArgumentException(path + " is not an mpdp counters file: magic=0x" +
                Integer.toHexString(magic) + ", expected 0x" + Integer.toHexString(CountersFileDescriptor.MAGIC));
        }
        if (version == CountersFileDescriptor.NULL_VERSION)
        {
            throw new IllegalArgumentException("counters file " + path + " is not complete: version=0 " +
                "(its writer is still creating it, or died doing so)");
        }
        if (version != CountersFileDescriptor.VERSION)
        {
            throw new IllegalArgumentException("counters file " + path + " has layout version=" + version +
                ", this mpdp reads version " + CountersFileDescriptor.VERSION + " (use the mpdp that wrote it)");
        }
        final long metadataEnd = (long)header.getInt(CountersFileDescriptor.METADATA_OFFSET_OFFSET) +
            header.getInt(CountersFileDescriptor.METADATA_LENGTH_OFFSET);
        final long valuesEnd = (long)header.getInt(CountersFileDescriptor.VALUES_OFFSET_OFFSET) +
            header.getInt(CountersFileDescriptor.VALUES_LENGTH_OFFSET);
        if (header.getInt(CountersFileDescriptor.METADATA_OFFSET_OFFSET) < HEADER_LENGTH ||
            metadataEnd > length || valuesEnd > length ||
            header.getInt(CountersFileDescriptor.METADATA_LENGTH_OFFSET) <
            2 * header.getInt(CountersFileDescriptor.VALUES_LENGTH_OFFSET))
        {
            throw new IllegalArgumentException("counters file " + path + " is corrupt: regions metadata end=" +
                metadataEnd + ", values end=" + valuesEnd + " do not fit its " + length + " bytes");
        }
    }

    /**
     * @return the file's path.
     */
    public Path path()
    {
        return path;
    }

    /**
     * @return the writer's pid.
     */
    public long pid()
    {
        return header.getLong(CountersFileDescriptor.PID_OFFSET);
    }

    /**
     * @return when the writer created the file, epoch ms.
     */
    public long startTimeMs()
    {
        return header.getLong(CountersFileDescriptor.START_TIME_OFFSET);
    }

    /**
     * @return the writer's last heartbeat, epoch ms (volatile read).
     */
    public long heartbeatMs()
    {
        return header.getLongVolatile(CountersFileDescriptor.HEARTBEAT_OFFSET);
    }

    /**
     * @return counters the file has room for.
     */
    public int maxCounters()
    {
        return header.getInt(CountersFileDescriptor.MAX_COUNTERS_OFFSET);
    }

    /**
     * @return whether the writer's process is still alive (a pid reused since is not told apart).
     */
    public boolean writerAlive()
    {
        return ProcessHandle.of(pid()).map(ProcessHandle::isAlive).orElse(false);
    }

    /**
     * @return whether the path now names another file, or none: the writer closed or replaced it.
     */
    public boolean replaced()
    {
        try
        {
            return !Files.exists(path) ||
                !fileKey.equals(Files.readAttributes(path, java.nio.file.attribute.BasicFileAttributes.class).fileKey());
        }
        catch (final IOException ex)
        {
            return true;
        }
    }

    /**
     * @return the Agrona reader over the file's counters.
     */
    public CountersReader reader()
    {
        return reader;
    }

    /**
     * @return every allocated counter, in id order, values read with volatile loads.
     */
    public List<CounterRecord> snapshot()
    {
        return snapshot(reader);
    }

    /**
     * Decodes every allocated counter of any reader (a mapped file's, or an in-process {@link Counters#reader()}).
     *
     * @param reader the counters.
     * @return every allocated counter, in id order, values read with volatile loads.
     */
    public static List<CounterRecord> snapshot(final CountersReader reader)
    {
        final List<CounterRecord> records = new ArrayList<>();
        final byte[] name = new byte[KEY_NAME_MAX_LENGTH];
        reader.forEach((id, typeId, key, label) ->
        {
            int first = NULL_KEY;
            int second = NULL_KEY;
            String metric = "";
            if (typeId != CounterType.OTHER.id())
            {
                first = key.getInt(KEY_FIRST_OFFSET);
                second = key.getInt(KEY_SECOND_OFFSET);
                final int nameLength = Math.min(Math.max(0, key.getInt(KEY_NAME_LENGTH_OFFSET)), KEY_NAME_MAX_LENGTH);
                key.getBytes(KEY_NAME_OFFSET, name, 0, nameLength);
                metric = new String(name, 0, nameLength, StandardCharsets.US_ASCII);
            }
            records.add(new CounterRecord(id, typeId, CounterType.of(typeId), first, second, metric, label,
                reader.getCounterValue(id)));
        });
        return records;
    }

    /**
     * Unmaps the file.
     */
    @Override
    public void close()
    {
        if (!closed)
        {
            closed = true;
            IoUtil.unmap(mapping);
        }
    }
}
