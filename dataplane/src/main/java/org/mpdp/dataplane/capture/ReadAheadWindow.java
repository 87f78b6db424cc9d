package org.mpdp.dataplane.capture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The file window of {@link PcapReader}, filled by {@code read(2)} one chunk ahead on a second thread:
 * while the caller parses chunk n, the reader thread copies chunk n + 1 from the page cache into the
 * other of two buffers, so the copy (about a quarter of a warm {@code mpdp analyze} on one core) is
 * off the parsing thread.
 *
 * <pre>
 *   buffer: | carry (64 KiB) | data (1 MiB)                         |
 *                   ^ tail of the last chunk (the record cut at its end) is copied here,
 *                     right before the next chunk, so every record is contiguous
 * </pre>
 *
 * A window is asked for by file offset ({@link #fill}); when it starts inside the current chunk no
 * further than {@link #CARRY_BYTES} before its end and the chunk read ahead continues right there,
 * the cut record's bytes are carried and the window is ready without waiting for I/O. Otherwise
 * (the first window, a record longer than the carry, a jump) it is read in place, as before, and the
 * read-ahead restarts behind it.
 */
final class ReadAheadWindow implements AutoCloseable
{
    /** Longest record tail carried into the next chunk; a longer one is re-read in place. */
    static final int CARRY_BYTES = 1 << 16;

    private final Arena arena;
    private final Path path;
    private final FileChannel channel;
    private final long size;
    private final ExecutorService reader = Executors.newSingleThreadExecutor(r ->
    {
        final Thread t = new Thread(r, "mpdp-pcap-read-ahead");
        t.setDaemon(true);
        return t;
    });
    private int dataBytes;
    private MemorySegment current;
    private MemorySegment spare;
    /** Where file offset {@link #start} is in {@link #current}. */
    private long base;
    private long start;
    private long end;
    private Future<Integer> pending;
    private long pendingOffset = -1;

    ReadAheadWindow(final Arena arena, final Path path, final FileChannel channel, final long size,
        final int dataBytes)
    {
        this.arena = arena;
        this.path = path;
        this.channel = channel;
        this.size = size;
        allocate(dataBytes);
    }

    private void allocate(final int bytes)
    {
        dataBytes = bytes;
        current = arena.allocate(CARRY_BYTES + bytes, 4096);
        spare = arena.allocate(CARRY_BYTES + bytes, 4096);
    }

    /**
     * @param offset file offset where the window starts.
     * @param length bytes the caller needs from there (the window may hold fewer at the end of the file).
     * @return a segment whose byte 0 is file offset {@code offset}; {@link #length()} bytes are valid.
     */
    MemorySegment fill(final long offset, final long length)
    {
        final long tail = end - offset;
        if (pending != null && pendingOffset == end && offset >= start && tail <= CARRY_BYTES &&
            length <= tail + dataBytes)
        {
            final int got = await();
            MemorySegment.copy(current, base + offset - start, spare, CARRY_BYTES - tail, tail);
            final MemorySegment t = current;
            current = spare;
            spare = t;
            base = CARRY_BYTES - tail;
            start = offset;
            end = pendingOffset + got;
        }
        else
        {
            if (pending != null)
            {
                await();
            }
            if (length > CARRY_BYTES + dataBytes)
            {
                allocate((int)Math.min(Integer.MAX_VALUE - CARRY_BYTES, Long.highestOneBit(length - 1) << 1));
            }
            base = 0;
            start = offset;
            end = offset + read(current, 0, offset, Math.min(current.byteSize(), size - offset));
        }
        pending = null;
        if (end < size)
        {
            final long from = end;
            final MemorySegment into = spare;
            final long want = Math.min(dataBytes, size - from);
            pendingOffset = from;
            pending = reader.submit(() -> read(into, CARRY_BYTES, from, want));
        }
        return current.asSlice(base);
    }

    /** @return valid bytes of the last {@link #fill} window. */
    long length()
    {
        return end - start;
    }

    private int read(final MemorySegment into, final long at, final long offset, final long want)
    {
        final ByteBuffer buffer = into.asSlice(at, want).asByteBuffer();
        try
        {
            while (buffer.hasRemaining())
            {
                if (channel.read(buffer, offset + buffer.position()) < 0)
                {
                    break;
                }
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(path + ": read failed at offset " + offset, ex);
        }
        return buffer.position();
    }

    private int await()
    {
        try
        {
            return pending.get();
        }
        catch (final ExecutionException ex)
        {
            if (ex.getCause() instanceof UncheckedIOException io)
            {
                throw io;
            }
            throw new IllegalStateException(path + ": read-ahead failed", ex.getCause());
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(path + ": interrupted waiting for read-ahead", ex);
        }
        finally
        {
            pending = null;
        }
    }

    /** Waits for a read in flight (the arena must not close under it) and stops the reader thread. */
    @Override
    public void close()
    {
        try
        {
            if (pending != null)
            {
                await();
            }
        }
        catch (final RuntimeException ignored)
        {
            // Closing: a failed read-ahead of bytes nobody asked for is not an error.
        }
        finally
        {
            reader.shutdown();
        }
    }
}
