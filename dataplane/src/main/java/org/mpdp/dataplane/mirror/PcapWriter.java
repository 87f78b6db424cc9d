package org.mpdp.dataplane.mirror;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes classic little-endian pcap files (microsecond timestamps, LINKTYPE_ETHERNET), for the demo's
 * built-in capture and for tests. Not on the packet path.
 */
public final class PcapWriter implements AutoCloseable
{
    /** pcap magic for microsecond resolution. */
    public static final int MAGIC = 0xA1B2C3D4;
    /** LINKTYPE_ETHERNET. */
    public static final int LINKTYPE_ETHERNET = 1;

    private final OutputStream out;
    private final ByteBuffer header = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);

    /**
     * @param file    file to create or truncate.
     * @param snaplen largest frame length recorded.
     * @throws IOException if the file cannot be written.
     */
    public PcapWriter(final Path file, final int snaplen) throws IOException
    {
        out = new BufferedOutputStream(Files.newOutputStream(file));
        header.putInt(MAGIC).putShort((short)2).putShort((short)4).putInt(0).putInt(0).putInt(snaplen)
            .putInt(LINKTYPE_ETHERNET);
        out.write(header.array());
    }

    /**
     * @param frame          frame bytes.
     * @param timestampMicros capture time in microseconds since the epoch.
     * @throws IOException if the file cannot be written.
     */
    public void write(final byte[] frame, final long timestampMicros) throws IOException
    {
        final ByteBuffer record = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        record.putInt((int)(timestampMicros / 1_000_000)).putInt((int)(timestampMicros % 1_000_000))
            .putInt(frame.length).putInt(frame.length);
        out.write(record.array());
        out.write(frame);
    }

    @Override
    public void close() throws IOException
    {
        out.close();
    }
}
