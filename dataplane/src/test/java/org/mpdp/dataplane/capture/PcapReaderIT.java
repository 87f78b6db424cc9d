package org.mpdp.dataplane.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.mpdp.dataplane.mirror.PcapWriter;

/**
 * pcapng support: editcap (Wireshark's converter) turns pcap files into pcapng, and PcapReader must
 * read the same frames, lengths and link types from both.
 */
final class PcapReaderIT
{
    @TempDir
    static Path tmp;

    private record Frame(int linkType, byte[] bytes, int originalLength)
    {
    }

    private static List<Frame> read(final Path file) throws IOException
    {
        final List<Frame> out = new ArrayList<>();
        try (PcapReader reader = new PcapReader(file))
        {
            while (reader.next())
            {
                out.add(new Frame(reader.linkType(), reader.segment().asSlice(reader.frameOffset(),
                    reader.capturedLength()).toArray(ValueLayout.JAVA_BYTE), reader.originalLength()));
            }
            assertTrue(!reader.truncated(), file + " read as truncated");
        }
        return out;
    }

    private static Path toPcapng(final Path pcap) throws IOException, InterruptedException
    {
        final Path out = tmp.resolve(pcap.getFileName() + ".pcapng");
        final Process p = new ProcessBuilder("editcap", "-F", "pcapng", pcap.toString(), out.toString())
            .redirectErrorStream(true).start();
        final String log = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "editcap failed: " + log);
        return out;
    }

    @TestFactory
    Stream<DynamicTest> shouldReadTheSameFramesFromPcapAndPcapng() throws IOException
    {
        final List<Path> files = new ArrayList<>();
        final Path own = tmp.resolve("own.pcap");
        try (PcapWriter w = new PcapWriter(own, 65535))
        {
            for (int i = 0; i < 50; i++)
            {
                final byte[] f = new byte[60 + i * 29];
                f[12] = 0x08;
                f[i % f.length] = (byte)i;
                w.write(f, 1_700_000_000_000_000L + i);
            }
        }
        files.add(own);
        final Path shared = Path.of(System.getProperty("mpdp.captures", "../shared/captures")).toAbsolutePath();
        if (Files.isDirectory(shared.resolve("tcpdump")))
        {
            try (Stream<Path> list = Files.list(shared.resolve("tcpdump")))
            {
                list.filter(p -> p.toString().endsWith(".pcap") && !p.toString().contains("oobr")).sorted()
                    .forEach(files::add);
            }
        }
        return files.stream().map(pcap -> dynamicTest(pcap.getFileName().toString(), () ->
        {
            final List<Frame> classic = read(pcap);
            final List<Frame> ng = read(toPcapng(pcap));
            assertEquals(classic.size(), ng.size(), "frames");
            assertTrue(!classic.isEmpty());
            for (int i = 0; i < classic.size(); i++)
            {
                assertEquals(classic.get(i).linkType(), ng.get(i).linkType(), "link type of frame " + i);
                assertEquals(classic.get(i).originalLength(), ng.get(i).originalLength(), "length of frame " + i);
                assertArrayEquals(classic.get(i).bytes(), ng.get(i).bytes(), "bytes of frame " + i);
            }
        }));
    }
}
