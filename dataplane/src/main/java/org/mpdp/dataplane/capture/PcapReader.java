package org.mpdp.dataplane.capture;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads a classic pcap file in place: the file is memory-mapped and {@link #next()} moves to the
 * next record without copying it, so the parser reads frames from the mapping as it reads mbufs.
 * Microsecond and nanosecond variants in either byte order are accepted; a record that runs past the
 * end of the file ends the iteration and is reported by {@link #truncated()}.
 */
public final class PcapReader implements AutoCloseable
{
    /** LINKTYPE_ETHERNET. */
    public static final int LINKTYPE_ETHERNET = 1;
    /** LINKTYPE_RAW (IPv4 or IPv6). */
    public static final int LINKTYPE_RAW = 101;
    /** LINKTYPE_LINUX_SLL. */
    public static final int LINKTYPE_LINUX_SLL = 113;
    /** LINKTYPE_LINUX_SLL2. */
    public static final int LINKTYPE_LINUX_SLL2 = 276;

    private static final int FILE_HEADER_LENGTH = 24;
    private static final int RECORD_HEADER_LENGTH = 16;

    private final Arena arena = Arena.ofShared();
    private final MemorySegment file;
    private final ValueLayout.OfInt u32;
    private final boolean nanos;
    private final int linkType;
    private final int snapLength;
    private long next = FILE_HEADER_LENGTH;
    private long frameOffset;
    private int capturedLength;
    private int originalLength;
    private long timestampNanos;
    private boolean truncated;

    /**
     * @param path a classic pcap file.
     * @throws IOException if it cannot be read or is not a pcap file.
     */
    public PcapReader(final Path path) throws IOException
    {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ))
        {
            file = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size(), arena);
        }
        if (file.byteSize() < FILE_HEADER_LENGTH)
        {
            close();
            throw new IOException(path + ": " + file.byteSize() + " bytes is too short for a pcap header");
        }
        final int magic = file.get(ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), 0);
        final ByteOrder order;
        switch (magic)
        {
            case 0xA1B2C3D4, 0xA1B23C4D -> order = ByteOrder.LITTLE_ENDIAN;
            case 0xD4C3B2A1, 0x4D3CB2A1 -> order = ByteOrder.BIG_ENDIAN;
            default ->
            {
                close();
                throw new IOException(path + ": not a classic pcap file (magic 0x" + Integer.toHexString(magic) +
                    "; pcapng is not read yet: convert with `editcap -F pcap`)");
            }
        }
        u32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(order);
        nanos = magic == 0xA1B23C4D || magic == 0x4D3CB2A1;
        snapLength = file.get(u32, 16);
        linkType = file.get(u32, 20) & 0x0FFFFFFF;
    }

    /**
     * @return the file's link type.
     */
    public int linkType()
    {
        return linkType;
    }

    /**
     * @return the file's snapshot length.
     */
    public int snapLength()
    {
        return snapLength;
    }

    /**
     * @return the whole mapped file; frames are at {@link #frameOffset()}.
     */
    public MemorySegment segment()
    {
        return file;
    }

    /**
     * Moves to the next record.
     *
     * @return false at the end of the file (or at a record cut short).
     */
    public boolean next()
    {
        if (next + RECORD_HEADER_LENGTH > file.byteSize())
        {
            truncated = next != file.byteSize();
            return false;
        }
        final long seconds = Integer.toUnsignedLong(file.get(u32, next));
        final long fraction = Integer.toUnsignedLong(file.get(u32, next + 4));
        final long captured = Integer.toUnsignedLong(file.get(u32, next + 8));
        if (next + RECORD_HEADER_LENGTH + captured > file.byteSize())
        {
            truncated = true;
            return false;
        }
        timestampNanos = seconds * 1_000_000_000L + (nanos ? fraction : fraction * 1000);
        capturedLength = (int)captured;
        originalLength = file.get(u32, next + 12);
        frameOffset = next + RECORD_HEADER_LENGTH;
        next = frameOffset + captured;
        return true;
    }

    /**
     * @return offset of the current frame in {@link #segment()}.
     */
    public long frameOffset()
    {
        return frameOffset;
    }

    /**
     * @return bytes of the current frame in the file.
     */
    public int capturedLength()
    {
        return capturedLength;
    }

    /**
     * @return the current frame's length on the wire.
     */
    public int originalLength()
    {
        return originalLength;
    }

    /**
     * @return the current frame's time stamp in nanoseconds since the epoch.
     */
    public long timestampNanos()
    {
        return timestampNanos;
    }

    /**
     * @return whether the file ended inside a record.
     */
    public boolean truncated()
    {
        return truncated;
    }

    @Override
    public void close()
    {
        arena.close();
    }
}
