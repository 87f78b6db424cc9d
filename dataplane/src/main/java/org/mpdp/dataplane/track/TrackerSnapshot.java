package org.mpdp.dataplane.track;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * A tracker's state in a versioned binary file, so that a restarted data plane keeps its connections:
 * written at a clean stop ({@code state.snapshot}), loaded at the next start, and written on request
 * for {@code mpdp stat --connections}. Not for the packet path: encoding allocates (a byte array the
 * size of the state), and so does loading.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                     magic 'MPDS' (0x4D504453)                 |  0
 *  |                     format version (1)                        |  4
 *  |  connection hot longs | subflow hot longs | islands | addrs   |  8..23 (4 ints: the table layout)
 *  |                     groups                                    | 24
 *  |                     connections                               | 28
 *  |                     subflows                                  | 32
 *  |                     reserved (0)                              | 36
 *  |                     body length (long)                        | 40
 *  |                     written at, epoch ms (long)               | 48
 *  +---------------------------------------------------------------+ 56 = HEADER_LENGTH
 *  |  body: groups, each a connection (or none) and its subflows   |
 *  +---------------------------------------------------------------+
 *  |                     CRC32C of header and body                 |
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * A group is one byte (1: a connection follows, 0: none), the connection's fields, an int count and
 * that many subflows (in the connection's list order); subflows that belong to no connection (half-open,
 * picked up mid-stream) are groups without a connection. Every field of {@link ConnectionTable} and
 * {@link SubflowTable} is kept except slot numbers and list links (rebuilt on load), and the admission
 * ticket of half-open subflows (they rejoin the half-open FIFO at its tail). A file with another magic,
 * version or table layout, one shorter than its header says, or whose checksum fails is refused with a
 * {@link SnapshotException} that says which.
 */
public final class TrackerSnapshot
{
    /** 'MPDS'. */
    public static final int MAGIC = 0x4D504453;
    /** Bumped on every change of the body's layout. */
    public static final int FORMAT_VERSION = 1;
    /** Bytes before the body. */
    public static final int HEADER_LENGTH = 56;
    private static final int TRAILER_LENGTH = 4;

    /** Where a group of a loaded snapshot goes: the worker that will own its packets. */
    @FunctionalInterface
    public interface Router
    {
        /**
         * @return the worker (index into the trackers) for a group whose routing subflow has this 4-tuple
         *         (its initial subflow, else its first).
         */
        int worker(int ipVersion, long clientHigh, long clientLow, int clientPort, long serverHigh, long serverLow,
            int serverPort);
    }

    /**
     * One tracker's state, encoded (the body of a file, without header).
     *
     * @param bytes       encoded groups.
     * @param groups      groups.
     * @param connections connections among them.
     * @param subflows    subflows.
     */
    public record Body(byte[] bytes, int groups, int connections, int subflows)
    {
    }

    /**
     * What a load restored.
     *
     * @param connections connections restored.
     * @param subflows    subflows restored.
     * @param refused     groups that did not fit their tracker's tables (their packets meet an unknown state).
     */
    public record Restored(int connections, int subflows, int refused)
    {
    }

    /** A snapshot read and checked, ready to restore. */
    public static final class Loaded
    {
        private final ByteBuffer body;
        private final int groups;
        private final int connections;
        private final int subflows;
        private final long writtenAtMillis;

        private Loaded(final ByteBuffer body, final int groups, final int connections, final int subflows,
            final long writtenAtMillis)
        {
            this.body = body;
            this.groups = groups;
            this.connections = connections;
            this.subflows = subflows;
            this.writtenAtMillis = writtenAtMillis;
        }

        /** @return connections in the file. */
        public int connections()
        {
            return connections;
        }

        /** @return subflows in the file. */
        public int subflows()
        {
            return subflows;
        }

        /** @return when it was written (epoch milliseconds). */
        public long writtenAtMillis()
        {
            return writtenAtMillis;
        }

        /**
         * Restores every group into the tracker the router names. The trackers' ownership listeners are
         * told of tokens and join subflows as when they are learnt from packets, so call this before any
         * packet is polled and the owner directory is complete when traffic resumes.
         *
         * @param trackers one per worker.
         * @param router   which worker owns each group.
         * @param nowNanos the trackers' clock now: restored entries are stamped as seen now (the old
         *                 process's stamps are on another clock).
         * @return what was restored.
         * @throws SnapshotException when the body does not decode (a bug or a forged file that passed the checksum).
         */
        public Restored restore(final Tracker[] trackers, final Router router, final long nowNanos)
        {
            final ByteBuffer b = body.duplicate();
            final SnapshotGroup d = new SnapshotGroup();
            int c = 0;
            int s = 0;
            int refused = 0;
            try
            {
                for (int g = 0; g < groups; g++)
                {
                    d.read(b);
                    final int w = d.route(router);
                    if (w < 0 || w >= trackers.length)
                    {
                        throw new SnapshotException("corrupt: group " + g + " routed to worker " + w + " of " +
                            trackers.length);
                    }
                    if (d.restoreInto(trackers[w].state(), nowNanos))
                    {
                        c += d.hasConnection ? 1 : 0;
                        s += d.subflowCount;
                    }
                    else
                    {
                        refused++;
                    }
                }
            }
            catch (final BufferUnderflowException | IndexOutOfBoundsException ex)
            {
                throw new SnapshotException("corrupt: body ends inside a group");
            }
            if (b.hasRemaining())
            {
                throw new SnapshotException("corrupt: " + b.remaining() + " bytes after the last group");
            }
            return new Restored(c, s, refused);
        }
    }

    private TrackerSnapshot()
    {
    }

    /**
     * Encodes a tracker's state. Read the tracker only from its own thread (or after it stopped).
     *
     * @param tracker the tracker.
     * @return its body.
     */
    public static Body encode(final Tracker tracker)
    {
        final TrackState st = tracker.state();
        final ConnectionTable ct = st.connections;
        final SubflowTable t = st.subflows;
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 + 512 * ct.count() + 256 * t.live());
        final DataOutputStream out = new DataOutputStream(bytes);
        final long[] hot = new long[Math.max(ConnectionTable.HOT_STATE_LONGS, SubflowTable.HOT_STATE_LONGS)];
        int groups = 0;
        int subflows = 0;
        try
        {
            for (int c = 0; c < ct.capacity; c++)
            {
                if (!ct.inUse[c])
                {
                    continue;
                }
                out.writeByte(1);
                Encoder.connection(out, ct, c, hot);
                out.writeInt(ct.subflows[c]);
                for (int s = ct.firstSubflow[c]; s != SubflowTable.NONE; s = t.nextInConnection[s])
                {
                    Encoder.subflow(out, t, s, hot);
                    subflows++;
                }
                groups++;
            }
            final int connections = groups;
            for (int s = 0; s < t.count(); s++)
            {
                if (t.inUse(s) && t.connection(s) < 0)
                {
                    out.writeByte(0);
                    out.writeInt(1);
                    Encoder.subflow(out, t, s, hot);
                    subflows++;
                    groups++;
                }
            }
            out.flush();
            return new Body(bytes.toByteArray(), groups, connections, subflows);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * @param bodies the workers' bodies.
     * @return a whole file: header, the bodies one after another, checksum.
     */
    public static byte[] file(final List<Body> bodies)
    {
        int length = 0;
        int groups = 0;
        int connections = 0;
        int subflows = 0;
        for (final Body b : bodies)
        {
            length += b.bytes().length;
            groups += b.groups();
            connections += b.connections();
            subflows += b.subflows();
        }
        final ByteBuffer f = ByteBuffer.allocate(HEADER_LENGTH + length + TRAILER_LENGTH);
        f.putInt(MAGIC).putInt(FORMAT_VERSION);
        f.putInt(ConnectionTable.HOT_STATE_LONGS).putInt(SubflowTable.HOT_STATE_LONGS)
            .putInt(ConnectionTable.ISLANDS).putInt(ConnectionTable.ADDRESSES);
        f.putInt(groups).putInt(connections).putInt(subflows).putInt(0);
        f.putLong(length).putLong(System.currentTimeMillis());
        for (final Body b : bodies)
        {
            f.put(b.bytes());
        }
        final CRC32C crc = new CRC32C();
        crc.update(f.array(), 0, f.position());
        f.putInt((int)crc.getValue());
        return f.array();
    }

    /**
     * Writes a file whole or not at all: into {@code PATH.tmp}, forced to disk, then renamed over {@code path}.
     *
     * @param path   the snapshot file.
     * @param bodies the workers' bodies.
     * @throws IOException when it cannot be written.
     */
    public static void write(final Path path, final List<Body> bodies) throws IOException
    {
        final byte[] bytes = file(bodies);
        final Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING))
        {
            final ByteBuffer b = ByteBuffer.wrap(bytes);
            while (b.hasRemaining())
            {
                ch.write(b);
            }
            ch.force(true);
        }
        Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * Reads and checks a snapshot file.
     *
     * @param path the file.
     * @return it, checked.
     * @throws SnapshotException when it is not a valid snapshot of this version (the message says why).
     * @throws IOException       when it cannot be read.
     */
    public static Loaded read(final Path path) throws IOException
    {
        return parse(Files.readAllBytes(path));
    }

    /**
     * @param bytes a whole file.
     * @return it, checked.
     * @throws SnapshotException when it is not a valid snapshot of this version (the message says why).
     */
    public static Loaded parse(final byte[] bytes)
    {
        if (bytes.length < 8)
        {
            throw new SnapshotException("truncated: " + bytes.length + " bytes, shorter than the header (" +
                HEADER_LENGTH + ")");
        }
        final ByteBuffer f = ByteBuffer.wrap(bytes);
        final int magic = f.getInt();
        if (magic != MAGIC)
        {
            throw new SnapshotException(String.format("not a snapshot: magic 0x%08x, expected 0x%08x", magic, MAGIC));
        }
        final int version = f.getInt();
        if (version != FORMAT_VERSION)
        {
            throw new SnapshotException("format version " + version + ", this build reads " + FORMAT_VERSION);
        }
        if (bytes.length < HEADER_LENGTH + TRAILER_LENGTH)
        {
            throw new SnapshotException("truncated: " + bytes.length + " bytes, shorter than header and checksum (" +
                (HEADER_LENGTH + TRAILER_LENGTH) + ")");
        }
        final int connHot = f.getInt();
        final int subHot = f.getInt();
        final int islands = f.getInt();
        final int addresses = f.getInt();
        if (connHot != ConnectionTable.HOT_STATE_LONGS || subHot != SubflowTable.HOT_STATE_LONGS ||
            islands != ConnectionTable.ISLANDS || addresses != ConnectionTable.ADDRESSES)
        {
            throw new SnapshotException("table layout " + connHot + "/" + subHot + "/" + islands + "/" + addresses +
                ", this build has " + ConnectionTable.HOT_STATE_LONGS + "/" + SubflowTable.HOT_STATE_LONGS + "/" +
                ConnectionTable.ISLANDS + "/" + ConnectionTable.ADDRESSES + " (hot longs per connection/subflow, " +
                "islands, addresses)");
        }
        final int groups = f.getInt();
        final int connections = f.getInt();
        final int subflows = f.getInt();
        f.getInt();
        final long length = f.getLong();
        final long writtenAt = f.getLong();
        final long expected = HEADER_LENGTH + length + TRAILER_LENGTH;
        if (length < 0 || groups < 0 || connections < 0 || subflows < 0)
        {
            throw new SnapshotException("corrupt: negative count in the header");
        }
        if (bytes.length != expected)
        {
            throw new SnapshotException((bytes.length < expected ? "truncated: " : "corrupt: ") + bytes.length +
                " bytes, the header says " + expected);
        }
        final CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - TRAILER_LENGTH);
        final int stored = ByteBuffer.wrap(bytes, bytes.length - TRAILER_LENGTH, TRAILER_LENGTH).getInt();
        if (stored != (int)crc.getValue())
        {
            throw new SnapshotException(String.format("corrupt: checksum 0x%08x, computed 0x%08x", stored,
                (int)crc.getValue()));
        }
        final ByteBuffer body = ByteBuffer.wrap(bytes, HEADER_LENGTH, (int)length).slice();
        return new Loaded(body, groups, connections, subflows, writtenAt);
    }

    /** Writes the fields; the order here is the format (see {@link SnapshotGroup}). */
    private static final class Encoder
    {
        private Encoder()
        {
        }

        static void connection(final DataOutputStream out, final ConnectionTable ct, final int c, final long[] hot)
            throws IOException
        {
            out.writeInt(ct.order[c]);
            out.writeInt(ct.flags[c]);
            out.writeInt(ct.version[c]);
            out.writeLong(ct.keyA[c]);
            out.writeLong(ct.keyB[c]);
            out.writeInt(ct.tokenA[c]);
            out.writeInt(ct.tokenB[c]);
            out.writeLong(ct.idsnA[c]);
            out.writeLong(ct.idsnB[c]);
            for (int i = 2 * ConnectionTable.ISLANDS * c; i < 2 * ConnectionTable.ISLANDS * (c + 1); i++)
            {
                out.writeLong(ct.islandStart[i]);
                out.writeLong(ct.islandEnd[i]);
            }
            out.writeBoolean(ct.mappingOverflow[c]);
            out.writeLong(ct.dataFinDsn[2 * c]);
            out.writeLong(ct.dataFinDsn[2 * c + 1]);
            out.writeInt(ct.hmacFailures[c]);
            out.writeInt(ct.checksumFailures[c]);
            out.writeInt(ct.end[c]);
            out.writeInt(ct.resetSubflows[c]);
            out.writeInt(ct.mappingAnomalies[c]);
            for (int side = 2 * c; side < 2 * c + 2; side++)
            {
                out.writeInt(ct.addressCount[side]);
                for (int a = side * ConnectionTable.ADDRESSES; a < (side + 1) * ConnectionTable.ADDRESSES; a++)
                {
                    out.writeInt(ct.addressId[a]);
                    out.writeInt(ct.addressVersion[a]);
                    out.writeLong(ct.addressHigh[a]);
                    out.writeLong(ct.addressLow[a]);
                    out.writeInt(ct.addressPort[a]);
                    out.writeBoolean(ct.addressRemoved[a]);
                }
            }
            ct.copyHotState(c, hot, 0);
            for (int i = 0; i < ConnectionTable.HOT_STATE_LONGS; i++)
            {
                out.writeLong(hot[i]);
            }
        }

        static void subflow(final DataOutputStream out, final SubflowTable t, final int s, final long[] hot)
            throws IOException
        {
            out.writeInt(t.order[s]);
            out.writeInt(t.ipVersion[s]);
            out.writeLong(t.clientHigh[s]);
            out.writeLong(t.clientLow[s]);
            out.writeInt(t.clientPort[s]);
            out.writeLong(t.serverHigh[s]);
            out.writeLong(t.serverLow[s]);
            out.writeInt(t.serverPort[s]);
            out.writeBoolean(t.backup[s]);
            out.writeInt(t.joinState[s]);
            out.writeInt(t.joinToken[s]);
            out.writeInt(t.clientNonce[s]);
            out.writeInt(t.serverNonce[s]);
            out.writeInt(t.joinHmacsSeen[s]);
            out.writeLong(t.synKey[s]);
            out.writeLong(t.synAckKey[s]);
            out.writeBoolean(t.hasSynKey[s]);
            out.writeBoolean(t.hasSynAckKey[s]);
            out.writeBoolean(t.answered[s]);
            out.writeBoolean(t.refused[s]);
            out.writeBoolean(t.reset[s]);
            out.writeInt(t.resetReason[s]);
            out.writeBoolean(t.embryonic[s]);
            t.copyHotState(s, hot, 0);
            for (int i = 0; i < SubflowTable.HOT_STATE_LONGS; i++)
            {
                out.writeLong(hot[i]);
            }
        }
    }
}
