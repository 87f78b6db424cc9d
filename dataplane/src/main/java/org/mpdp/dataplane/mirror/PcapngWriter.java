package org.mpdp.dataplane.mirror;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.agrona.DirectBuffer;

/**
 * Writes a pcapng file (draft-ietf-opsawg-pcapng): a section header, one interface description per
 * port (Ethernet, nanosecond time stamps, named after the port), and an enhanced packet block per
 * packet with a comment, which Wireshark shows as {@code frame.comment}. Little-endian. Not on the
 * packet path: the mirror writer thread only; one reused block buffer.
 */
public final class PcapngWriter implements AutoCloseable
{
    private static final int SECTION_HEADER = 0x0A0D0D0A;
    private static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;
    private static final int INTERFACE_DESCRIPTION = 1;
    private static final int ENHANCED_PACKET = 6;
    private static final short LINKTYPE_ETHERNET = 1;
    private static final short OPT_END = 0;
    private static final short OPT_COMMENT = 1;
    private static final short IF_NAME = 2;
    private static final short IF_TSRESOL = 9;
    /** if_tsresol 9: time stamps in 10^-9 s. */
    private static final byte NANOSECONDS = 9;

    private final OutputStream out;
    private final ByteBuffer block;

    /**
     * Creates the file and writes the section header and one interface per entry of {@code interfaces}.
     *
     * @param file       file to create or truncate.
     * @param snaplen    most bytes per packet.
     * @param interfaces a name per interface id (the port id), null for an id with no port.
     * @throws IOException if the file cannot be written.
     */
    public PcapngWriter(final Path file, final int snaplen, final List<String> interfaces) throws IOException
    {
        out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        block = ByteBuffer.allocate(64 + snaplen + 256).order(ByteOrder.LITTLE_ENDIAN);
        block.clear();
        block.putInt(SECTION_HEADER).putInt(28).putInt(BYTE_ORDER_MAGIC).putShort((short)1).putShort((short)0)
            .putLong(-1L).putInt(28);
        emit();
        for (final String name : interfaces)
        {
            final byte[] n = (name == null ? "unused" : name).getBytes(StandardCharsets.UTF_8);
            block.clear();
            block.putInt(INTERFACE_DESCRIPTION).putInt(0).putShort(LINKTYPE_ETHERNET).putShort((short)0).putInt(snaplen);
            option(IF_NAME, n, 0, n.length);
            block.putShort(IF_TSRESOL).putShort((short)1).put(NANOSECONDS).put((byte)0).putShort((short)0);
            endBlock();
        }
    }

    private void option(final short code, final byte[] value, final int from, final int length)
    {
        block.putShort(code).putShort((short)length).put(value, from, length);
        pad(length);
    }

    private void pad(final int length)
    {
        for (int i = length; (i & 3) != 0; i++)
        {
            block.put((byte)0);
        }
    }

    /** opt_endofopt, the trailing length, and the length patched into the header. */
    private void endBlock() throws IOException
    {
        block.putShort(OPT_END).putShort((short)0);
        final int length = block.position() + 4;
        block.putInt(length);
        block.putInt(4, length);
        emit();
    }

    private void emit() throws IOException
    {
        out.write(block.array(), 0, block.position());
    }

    /**
     * One packet.
     *
     * @param iface       interface id (port id).
     * @param epochNanos  capture time, nanoseconds since the epoch.
     * @param data        the captured bytes.
     * @param offset      where they start in {@code data}.
     * @param captured    how many.
     * @param original    the packet's length on the wire.
     * @param comment     UTF-8 comment bytes.
     * @throws IOException if the file cannot be written.
     */
    public void write(final int iface, final long epochNanos, final DirectBuffer data, final int offset,
        final int captured, final int original, final byte[] comment) throws IOException
    {
        block.clear();
        block.putInt(ENHANCED_PACKET).putInt(0).putInt(iface).putInt((int)(epochNanos >>> 32)).putInt((int)epochNanos)
            .putInt(captured).putInt(original);
        data.getBytes(offset, block, block.position(), captured);
        block.position(block.position() + captured);
        pad(captured);
        option(OPT_COMMENT, comment, 0, comment.length);
        endBlock();
    }

    /** Pushes what is buffered to the file (so a reader sees every packet written so far). */
    public void flush() throws IOException
    {
        out.flush();
    }

    @Override
    public void close() throws IOException
    {
        out.close();
    }
}
