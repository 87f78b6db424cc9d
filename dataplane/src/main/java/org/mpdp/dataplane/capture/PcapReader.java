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
 * Reads a pcap or pcapng file in place: the file is memory-mapped and {@link #next()} moves to the
 * next packet without copying it, so the parser reads frames from the mapping as it reads mbufs.
 * Classic pcap in microsecond and nanosecond variants and either byte order; pcapng section header,
 * interface description, enhanced and simple packet blocks (other blocks are skipped), with a link
 * type per interface. A record that runs past the end of the file ends the iteration and is
 * reported by {@link #truncated()}.
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
    private static final int PCAPNG_SHB = 0x0A0D0D0A;
    private static final int PCAPNG_IDB = 1;
    private static final int PCAPNG_SPB = 3;
    private static final int PCAPNG_EPB = 6;
    private static final int PCAPNG_BYTE_ORDER_MAGIC = 0x1A2B3C4D;
    private static final int MAX_INTERFACES = 64;
    private static final int RECORD_HEADER_LENGTH = 16;

    private final Arena arena = Arena.ofShared();
    private final MemorySegment file;
    private ValueLayout.OfInt u32;
    private ValueLayout.OfShort u16;
    private final boolean nanos;
    private final boolean pcapng;
    private int linkType;
    private final int snapLength;
    private final int[] interfaceLinkTypes = new int[MAX_INTERFACES];
    private int interfaces;
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
        if (magic == PCAPNG_SHB)
        {
            pcapng = true;
            nanos = false;
            snapLength = 0;
            next = 0;
            if (!readPcapngHeaders())
            {
                close();
                throw new IOException(path + ": pcapng without an interface description block before its packets");
            }
            linkType = interfaceLinkTypes[0];
            return;
        }
        pcapng = false;
        final ByteOrder order;
        switch (magic)
        {
            case 0xA1B2C3D4, 0xA1B23C4D -> order = ByteOrder.LITTLE_ENDIAN;
            case 0xD4C3B2A1, 0x4D3CB2A1 -> order = ByteOrder.BIG_ENDIAN;
            default ->
            {
                close();
                throw new IOException(path + ": neither pcap nor pcapng (magic 0x" + Integer.toHexString(magic) + ")");
            }
        }
        u32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(order);
        u16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(order);
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
        if (pcapng)
        {
            return nextPcapng();
        }
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

    /** Reads blocks up to the first packet block: the section header and interface descriptions. */
    private boolean readPcapngHeaders()
    {
        while (next + 12 <= file.byteSize())
        {
            final int type = file.get(ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), next);
            if (type == PCAPNG_SHB)
            {
                final int bom = file.get(ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), next + 8);
                final ByteOrder order = bom == PCAPNG_BYTE_ORDER_MAGIC ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
                u32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(order);
                u16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(order);
                interfaces = 0;
            }
            else if (type == PCAPNG_EPB || type == PCAPNG_SPB)
            {
                return interfaces > 0;
            }
            else if (u32 != null && file.get(u32, next) == PCAPNG_IDB && interfaces < MAX_INTERFACES)
            {
                interfaceLinkTypes[interfaces++] = Short.toUnsignedInt(file.get(u16, next + 8));
            }
            final long length = Integer.toUnsignedLong(file.get(u32 != null ? u32 :
                ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), next + 4));
            if (length < 12 || next + length > file.byteSize())
            {
                return false;
            }
            next += length;
        }
        return interfaces > 0;
    }

    private boolean nextPcapng()
    {
        while (next + 12 <= file.byteSize())
        {
            final int type = file.get(u32, next);
            final long length = Integer.toUnsignedLong(file.get(u32, next + 4));
            if (type == PCAPNG_SHB)
            {
                if (!readPcapngHeaders())
                {
                    return false;
                }
                continue;
            }
            if (length < 12 || next + length > file.byteSize())
            {
                truncated = true;
                return false;
            }
            final long block = next;
            next += length;
            if (type == PCAPNG_IDB && interfaces < MAX_INTERFACES)
            {
                interfaceLinkTypes[interfaces++] = Short.toUnsignedInt(file.get(u16, block + 8));
            }
            else if (type == PCAPNG_EPB && length >= 32)
            {
                final int iface = file.get(u32, block + 8);
                final long captured = Integer.toUnsignedLong(file.get(u32, block + 20));
                if (iface < 0 || iface >= interfaces || block + 28 + captured > next)
                {
                    truncated = true;
                    return false;
                }
                linkType = interfaceLinkTypes[iface];
                // Default if_tsresol: microseconds.
                timestampNanos = ((Integer.toUnsignedLong(file.get(u32, block + 12)) << 32) |
                    Integer.toUnsignedLong(file.get(u32, block + 16))) * 1000;
                capturedLength = (int)captured;
                originalLength = file.get(u32, block + 24);
                frameOffset = block + 28;
                return true;
            }
            else if (type == PCAPNG_SPB && length >= 16 && interfaces > 0)
            {
                linkType = interfaceLinkTypes[0];
                originalLength = file.get(u32, block + 8);
                capturedLength = (int)Math.min(originalLength, length - 16);
                frameOffset = block + 12;
                timestampNanos = 0;
                return true;
            }
        }
        truncated = next != file.byteSize();
        return false;
    }

    /**
     * @return whether the file is pcapng (link type may change per packet: read {@link #linkType()} after
     *         each {@link #next()}).
     */
    public boolean pcapng()
    {
        return pcapng;
    }

    @Override
    public void close()
    {
        arena.close();
    }
}
