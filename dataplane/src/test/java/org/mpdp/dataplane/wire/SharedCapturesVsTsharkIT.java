package org.mpdp.dataplane.wire;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every MPTCP field mpdp decodes from the public captures equals tshark's, frame by frame.
 */
final class SharedCapturesVsTsharkIT
{
    private static final Path CAPTURES = Path.of(System.getProperty("mpdp.captures", "../shared/captures"))
        .toAbsolutePath().normalize();

    @TestFactory
    Stream<DynamicTest> shouldDecodeTheSameMptcpFieldsAsTshark() throws IOException
    {
        if (!Files.isDirectory(CAPTURES))
        {
            return Stream.of(dynamicTest("shared captures", () -> assumeTrue(false, "no captures at " + CAPTURES +
                " (set -Dmpdp.captures=DIR): tshark comparison of the public captures not run")));
        }
        try (Stream<Path> files = Files.walk(CAPTURES))
        {
            return files.filter(p -> p.toString().endsWith(".pcap")).sorted().toList().stream()
                .map(pcap -> dynamicTest(CAPTURES.relativize(pcap).toString(), () ->
                {
                    final DecodeVsTshark.Summary s = DecodeVsTshark.assertAgree(pcap);
                    if (pcap.getFileName().toString().equals("mptcp-dss-oobr.pcap"))
                    {
                        // Its one MPTCP option is a 3-byte DSS: malformed for mpdp, so nothing to compare.
                        assertTrue(s.mptcpFrames() == 0 && s.frames() == 1, s.toString());
                    }
                    else
                    {
                        assertTrue(s.mptcpFrames() > 0 && s.fieldsCompared() > 0, "nothing compared in " + pcap);
                    }
                }));
        }
    }
}
