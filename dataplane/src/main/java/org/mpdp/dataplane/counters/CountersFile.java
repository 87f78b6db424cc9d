package org.mpdp.dataplane.counters;

import static org.mpdp.dataplane.counters.CountersFileDescriptor.HEADER_LENGTH;
import static org.mpdp.dataplane.counters.CountersFileDescriptor.HEARTBEAT_OFFSET;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.MappedByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.CountersManager;

/**
 * The writer's side of a counters file another process can read ({@code mpdp stat}): a memory-mapped
 * file laid out as {@link CountersFileDescriptor} says, with an Agrona {@link CountersManager} over its
 * metadata and values regions. The owner calls {@link #heartbeat(long)} about once a second so a reader
 * can tell a live file from one a dead process left behind.
 *
 * <p>Counters are allocated through {@link #counters()} (not on the packet path); each is then written
 * by one thread with {@code incrementRelease}/{@code setRelease}/{@code getAndAddRelease}, which
 * allocate nothing.
 */
public final class CountersFile implements AutoCloseable
{
    /** Where files go by default: one tmpfs directory per data plane name. */
    public static final Path DEFAULT_DIRECTORY = Path.of("/dev/shm/mpdp");
    /** The file's name inside a data plane's directory. */
    public static final String FILE_NAME = "counters.dat";

    private final Path path;
    private final MappedByteBuffer mapping;
    private final UnsafeBuffer header;
    private final Counters counters;
    private boolean keepOnClose;
    private boolean closed;

    private CountersFile(final Path path, final MappedByteBuffer mapping, final UnsafeBuffer header,
        final Counters counters)
    {
        this.path = path;
        this.mapping = mapping;
        this.header = header;
        this.counters = counters;
    }

    /**
     * @param name a data plane name, e.g. "default".
     * @return {@code /dev/shm/mpdp/NAME/counters.dat}.
     */
    public static Path pathFor(final String name)
    {
        if (name.isEmpty() || name.contains("/") || name.startsWith("."))
        {
            throw new IllegalArgumentException("prefix=" + name + " must be a plain directory name");
        }
        return DEFAULT_DIRECTORY.resolve(name).resolve(FILE_NAME);
    }

    /**
     * Creates (or replaces) the file, maps it, fills the header and publishes the version last.
     * A file left by an earlier process is unlinked first, so a reader that still maps it keeps seeing
     * the old, stale one and never a half-written mix.
     *
     * @param path        where, e.g. {@link #pathFor(String)}; parent directories are created.
     * @param maxCounters room for this many counters.
     * @return the open file.
     * @throws UncheckedIOException when the file cannot be created.
     */
    public static CountersFile create(final Path path, final int maxCounters)
    {
        if (maxCounters < 1 || maxCounters > CountersFileDescriptor.MAX_COUNTERS)
        {
            throw new IllegalArgumentException("maxCounters=" + maxCounters + " must be 1.." +
                CountersFileDescriptor.MAX_COUNTERS);
        }
        final MappedByteBuffer mapping;
        try
        {
            final Path parent = path.toAbsolutePath().getParent();
            if (parent != null)
            {
                Files.createDirectories(parent);
            }
            Files.deleteIfExists(path);
            mapping = IoUtil.mapNewFile(path.toFile(), CountersFileDescriptor.fileLength(maxCounters), true);
        }
        catch (final IOException | IllegalStateException ex)
        {
            throw new UncheckedIOException(new IOException("cannot create counters file " + path + ": " +
                ex.getMessage(), ex));
        }
        final int metadataLength = CountersFileDescriptor.metadataLength(maxCounters);
        final int valuesLength = CountersFileDescriptor.valuesLength(maxCounters);
        final UnsafeBuffer header = new UnsafeBuffer(mapping, 0, HEADER_LENGTH);
        header.putInt(CountersFileDescriptor.MAGIC_OFFSET, CountersFileDescriptor.MAGIC);
        header.putLong(CountersFileDescriptor.PID_OFFSET, ProcessHandle.current().pid());
        final long now = System.currentTimeMillis();
        header.putLong(CountersFileDescriptor.START_TIME_OFFSET, now);
        header.putInt(CountersFileDescriptor.METADATA_OFFSET_OFFSET, HEADER_LENGTH);
        header.putInt(CountersFileDescriptor.METADATA_LENGTH_OFFSET, metadataLength);
        header.putInt(CountersFileDescriptor.VALUES_OFFSET_OFFSET, HEADER_LENGTH + metadataLength);
        header.putInt(CountersFileDescriptor.VALUES_LENGTH_OFFSET, valuesLength);
        header.putInt(CountersFileDescriptor.MAX_COUNTERS_OFFSET, maxCounters);
        header.putLong(HEARTBEAT_OFFSET, now);
        final UnsafeBuffer metadata = new UnsafeBuffer(mapping, HEADER_LENGTH, metadataLength);
        final UnsafeBuffer values = new UnsafeBuffer(mapping, HEADER_LENGTH + metadataLength, valuesLength);
        final Counters counters = new Counters(new CountersManager(metadata, values));
        // Release: every header store above happens-before a reader's acquire load that sees the version,
        // so a reader that sees VERSION sees a complete header (the Aeron cnc.dat rule).
        header.putIntRelease(CountersFileDescriptor.VERSION_OFFSET, CountersFileDescriptor.VERSION);
        return new CountersFile(path, mapping, header, counters);
    }

    /**
     * Maps an existing file read-only and checks it (see {@link CountersFileReader#open(Path)}).
     *
     * @param path the file.
     * @return the reader.
     * @throws IllegalArgumentException naming what is wrong: missing, not a counters file, incomplete, version.
     */
    public static CountersFileReader openReadOnly(final Path path)
    {
        return CountersFileReader.open(path);
    }

    /**
     * @return the counters in the file: {@code newCounter(label)} or typed ones.
     */
    public Counters counters()
    {
        return counters;
    }

    /**
     * Tells readers the owner is alive. Call about once a second from one thread.
     *
     * @param nowMs epoch milliseconds.
     */
    public void heartbeat(final long nowMs)
    {
        // Release: the counter stores before it are visible to a reader that sees this heartbeat.
        header.putLongRelease(HEARTBEAT_OFFSET, nowMs);
    }

    /**
     * @return the last heartbeat written, epoch ms.
     */
    public long heartbeatMs()
    {
        return header.getLongVolatile(HEARTBEAT_OFFSET);
    }

    /**
     * @param keep true to leave the file in place on {@link #close()} (e.g. for a post-mortem read).
     * @return this.
     */
    public CountersFile keepOnClose(final boolean keep)
    {
        this.keepOnClose = keep;
        return this;
    }

    /**
     * @return the file's path.
     */
    public Path path()
    {
        return path;
    }

    /**
     * Unmaps the file and, unless {@link #keepOnClose(boolean)} was set, deletes it. Close every counter's
     * user (stop the agents) first: a counter written after this touches unmapped memory.
     */
    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        IoUtil.unmap(mapping);
        if (!keepOnClose)
        {
            try
            {
                Files.deleteIfExists(path);
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException("cannot delete counters file " + path, ex);
            }
        }
    }
}
