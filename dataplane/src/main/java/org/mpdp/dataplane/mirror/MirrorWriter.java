package org.mpdp.dataplane.mirror;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.status.AtomicCounter;
import org.mpdp.dataplane.track.Action;
import org.mpdp.dataplane.track.Reason;

/**
 * The mirror's writer thread (never a packet thread): drains the {@link MirrorRing} into a pcapng file,
 * each packet on the interface of its port, stamped with the worker's cycle time moved to the epoch,
 * with a comment naming what happened to it ({@code drop join-unknown-token}, {@code flag ...}). The
 * file is flushed at least every 100 ms while packets come, and closed after the last drain at stop.
 */
public final class MirrorWriter implements Agent
{
    private static final long FLUSH_NANOS = 100_000_000L;

    private final MirrorRing ring;
    private final PcapngWriter file;
    private final AtomicCounter written;
    private final AtomicCounter errors;
    private final byte[][] comments = new byte[Action.values().length * Reason.COUNT][];
    private final long epochOffset;
    private final MessageHandler handler = this::onRecord;
    private long lastFlush;
    private boolean dirty;

    /**
     * Creates the file.
     *
     * @param ring       the ring the workers write.
     * @param path       the pcapng file.
     * @param interfaces a name per port id (null: no port).
     * @param written    counts packets written to the file.
     * @param errors     counts write failures (the packet is lost from the file).
     * @throws UncheckedIOException when the file cannot be created.
     */
    public MirrorWriter(final MirrorRing ring, final Path path, final List<String> interfaces,
        final AtomicCounter written, final AtomicCounter errors)
    {
        this.ring = ring;
        this.written = written;
        this.errors = errors;
        for (final Action a : Action.values())
        {
            for (final Reason r : Reason.values())
            {
                comments[a.ordinal() * Reason.COUNT + r.ordinal()] =
                    (a.name().toLowerCase() + " " + r.label()).getBytes(StandardCharsets.UTF_8);
            }
        }
        // The workers stamp System.nanoTime(); this moves it to the epoch once, not per packet.
        epochOffset = System.currentTimeMillis() * 1_000_000L - System.nanoTime();
        try
        {
            file = new PcapngWriter(path, ring.snaplen(), interfaces);
            file.flush();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("mirror.pcap=" + path + ": " + ex.getMessage(), ex);
        }
    }

    @Override
    public int doWork()
    {
        final int n = ring.read(handler, 256);
        final long now = System.nanoTime();
        if (dirty && (n == 0 || now - lastFlush >= FLUSH_NANOS))
        {
            flush();
            lastFlush = now;
        }
        return n;
    }

    private void onRecord(final int type, final MutableDirectBuffer buffer, final int index, final int length)
    {
        final int reason = buffer.getShort(index + MirrorRing.REASON_OFFSET);
        final int action = buffer.getShort(index + MirrorRing.ACTION_OFFSET);
        try
        {
            file.write(buffer.getInt(index + MirrorRing.PORT_OFFSET),
                buffer.getLong(index + MirrorRing.NANOS_OFFSET) + epochOffset, buffer,
                index + MirrorRing.HEADER_LENGTH, buffer.getInt(index + MirrorRing.CAPTURED_LENGTH_OFFSET),
                buffer.getInt(index + MirrorRing.ORIGINAL_LENGTH_OFFSET), comments[action * Reason.COUNT + reason]);
            written.incrementRelease();
            dirty = true;
        }
        catch (final IOException ex)
        {
            errors.incrementRelease();
        }
    }

    private void flush()
    {
        try
        {
            file.flush();
        }
        catch (final IOException ex)
        {
            errors.incrementRelease();
        }
        dirty = false;
    }

    @Override
    public void onClose()
    {
        // The workers have stopped: take everything left, then close the file.
        while (ring.read(handler, Integer.MAX_VALUE) > 0)
        {
            Thread.onSpinWait();
        }
        try
        {
            file.close();
        }
        catch (final IOException ex)
        {
            errors.incrementRelease();
        }
    }

    @Override
    public String roleName()
    {
        return "mpdp-mirror";
    }
}
