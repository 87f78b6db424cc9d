package org.mpdp.dataplane.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads capture files with the real tcpdump ({@code tcpdump -r FILE -nn -xx}) and turns its hex dump
 * back into frame bytes, so tests compare what DPDK did against an independent reader.
 */
public final class Tcpdump
{
    /** pcap link-type of Ethernet (LINKTYPE_ETHERNET / DLT_EN10MB). */
    public static final int LINKTYPE_ETHERNET = 1;

    /** {@code \t0x0010:  4500 0054 ...}: an offset and 1 to 8 groups of 2 or 4 hex digits. */
    private static final Pattern HEX_LINE =
        Pattern.compile("^\\s+0x([0-9a-f]{4,8}):((?:\\s+[0-9a-f]{2}(?:[0-9a-f]{2})?){1,8})\\s*$");
    /** A packet's first line starts with its time stamp (-nn prints no date). */
    private static final Pattern HEADLINE = Pattern.compile("^\\d{2}:\\d{2}:\\d{2}\\.\\d+ ");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private Tcpdump()
    {
    }

    /**
     * @param pcap capture file.
     * @return every frame's captured bytes, in file order, as tcpdump reads them.
     * @throws IllegalStateException when tcpdump fails or prints something that does not parse.
     */
    public static List<byte[]> read(final Path pcap)
    {
        final Cmd.Result result = Cmd.run(TIMEOUT, "tcpdump", "-r", pcap.toString(), "-nn", "-xx").ok();
        return parse(result.stdout(), pcap.toString());
    }

    /**
     * Parses {@code tcpdump -xx} output.
     *
     * @param output what tcpdump printed.
     * @param what   names the source in error messages.
     * @return frame bytes.
     */
    static List<byte[]> parse(final String output, final String what)
    {
        final List<byte[]> frames = new ArrayList<>();
        ByteArrayOutputStream current = null;
        int headlines = 0;
        int lineNo = 0;
        for (final String line : output.split("\n", -1))
        {
            lineNo++;
            if (HEADLINE.matcher(line).find())
            {
                headlines++;
            }
            final Matcher m = HEX_LINE.matcher(line);
            if (!m.matches())
            {
                if (line.stripLeading().startsWith("0x"))
                {
                    throw new IllegalStateException(what + ": tcpdump line " + lineNo + " looks like hex but does " +
                        "not parse: " + line);
                }
                continue;
            }
            final int offset = Integer.parseInt(m.group(1), 16);
            if (offset == 0)
            {
                if (current != null)
                {
                    frames.add(current.toByteArray());
                }
                current = new ByteArrayOutputStream();
            }
            if (current == null || offset != current.size())
            {
                throw new IllegalStateException(what + ": tcpdump line " + lineNo + " has offset 0x" + m.group(1) +
                    " but " + (current == null ? "no frame started" : current.size() + " bytes were read") + ": " + line);
            }
            current.writeBytes(HexFormat.of().parseHex(m.group(2).replaceAll("\\s+", "")));
        }
        if (current != null)
        {
            frames.add(current.toByteArray());
        }
        if (headlines != frames.size())
        {
            throw new IllegalStateException(what + ": tcpdump printed " + headlines + " packet lines but " +
                frames.size() + " hex dumps");
        }
        return frames;
    }

    /**
     * @param pcap a classic pcap file (not pcapng).
     * @return its link-type from the file header, or -1 when it is not a classic pcap file.
     */
    public static int linkType(final Path pcap)
    {
        try (FileChannel channel = FileChannel.open(pcap))
        {
            final ByteBuffer header = ByteBuffer.allocate(24);
            while (header.hasRemaining() && channel.read(header) > 0)
            {
                // read the whole header
            }
            if (header.hasRemaining())
            {
                return -1;
            }
            header.flip();
            final int magic = header.order(ByteOrder.LITTLE_ENDIAN).getInt(0);
            final ByteOrder order;
            if (magic == 0xa1b2c3d4 || magic == 0xa1b23c4d)
            {
                order = ByteOrder.LITTLE_ENDIAN;
            }
            else if (Integer.reverseBytes(magic) == 0xa1b2c3d4 || Integer.reverseBytes(magic) == 0xa1b23c4d)
            {
                order = ByteOrder.BIG_ENDIAN;
            }
            else
            {
                return -1;
            }
            // The low 16 bits are the link-type; the upper ones may carry FCS flags.
            return header.order(order).getInt(20) & 0xFFFF;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
