package org.mpdp.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import javax.imageio.ImageIO;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mpdp.dataplane.latency.KnownLatencyLog;
import org.mpdp.dataplane.latency.LatencyUnit;
import org.mpdp.dataplane.testing.ChildJvm;
import org.mpdp.dataplane.testing.Cmd;

/**
 * {@code mpdp latency} as a user runs it: the real entry point in a child JVM over a real .hlog of
 * known values (1..100000 ns through the recorders), its percentile table and its PNG, and the
 * messages for a missing file, a garbled one and an unknown tag.
 */
final class LatencyCommandIT
{
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final byte[] PNG_SIGNATURE = {(byte)0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @TempDir
    Path dir;

    private static Cmd.Result mpdp(final String... args)
    {
        return ChildJvm.run(TIMEOUT, MpdpCommand.class, args);
    }

    private static List<String> expectedRow(final String tag, final Histogram h, final LatencyUnit unit)
    {
        final List<String> row = new ArrayList<>(List.of(tag, Long.toString(h.getTotalCount()),
            unit.format(h.getMinValue())));
        for (final double p : new double[] {50, 90, 99, 99.9, 99.99})
        {
            row.add(unit.format(h.getValueAtPercentile(p)));
        }
        row.add(unit.format(h.getMaxValue()));
        return row;
    }

    private static List<String> row(final String stdout, final String tag)
    {
        return stdout.lines().filter(l -> l.startsWith(tag + " ")).findFirst()
            .map(l -> Arrays.asList(l.trim().split("\\s+"))).orElseThrow(() -> new AssertionError("no row " + tag +
                " in:\n" + stdout));
    }

    private static void assertPng(final Path png) throws IOException
    {
        try (InputStream in = Files.newInputStream(png))
        {
            assertArrayEquals(PNG_SIGNATURE, in.readNBytes(8), "PNG signature of " + png);
        }
        final BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(1000, image.getWidth());
        assertEquals(600, image.getHeight());
    }

    @Test
    void shouldPrintThePercentilesOfEveryTagAndWriteAPlotNextToTheLog() throws IOException
    {
        final Path log = dir.resolve("known.hlog");
        final KnownLatencyLog known = new KnownLatencyLog(log);
        final Cmd.Result r = mpdp("latency", log.toString());
        assertEquals(0, r.exit(), r.stdout() + r.stderr());
        assertTrue(r.stdout().lines().findFirst().orElseThrow().matches(
            "tag\\s+count\\s+min\\s+p50\\s+p90\\s+p99\\s+p99.9\\s+p99.99\\s+max\\s+\\(us\\)"), r.stdout());
        assertEquals(expectedRow("rx-tx", known.rxTx, LatencyUnit.US), row(r.stdout(), "rx-tx"));
        assertEquals(expectedRow("rx-parse", known.rxParse, LatencyUnit.US), row(r.stdout(), "rx-parse"));
        // what 1..100000 ns must give at 3 significant digits: p99.99 (value 99990) shares the 64 ns bucket
        // 99968..100031 with the max, and a bucket reports its highest value
        assertEquals(List.of("rx-tx", "100000", "0.001", "50.015", "90.047", "99.007", "99.903", "100.031", "100.031"),
            row(r.stdout(), "rx-tx"));
        assertEquals(List.of("verdict-tx", "0", "0.000", "0.000", "0.000", "0.000", "0.000", "0.000", "0.000"),
            row(r.stdout(), "verdict-tx"));
        assertTrue(r.stdout().contains("plot: " + dir.resolve("known.png")), r.stdout());
        assertPng(dir.resolve("known.png"));
    }

    @Test
    void shouldSelectATagInNanosecondsAndWriteThePlotWhereAsked() throws IOException
    {
        final Path log = dir.resolve("known.hlog");
        final KnownLatencyLog known = new KnownLatencyLog(log);
        final Path png = dir.resolve("sub/rx-tx.png");
        Files.createDirectories(png.getParent());
        final Cmd.Result r = mpdp("latency", log.toString(), "--tag", "rx-tx", "--unit", "ns", "--png", png.toString());
        assertEquals(0, r.exit(), r.stdout() + r.stderr());
        assertEquals(expectedRow("rx-tx", known.rxTx, LatencyUnit.NS), row(r.stdout(), "rx-tx"));
        assertEquals(List.of("rx-tx", "100000", "1", "50015", "90047", "99007", "99903", "100031", "100031"),
            row(r.stdout(), "rx-tx"));
        assertFalse(r.stdout().contains("rx-parse"), r.stdout());
        assertPng(png);
    }

    private static void assertFails(final Cmd.Result r, final String message)
    {
        final String all = r.stdout() + r.stderr();
        assertEquals(1, r.exit(), all);
        assertTrue(all.contains(message), "expected '" + message + "' in:\n" + all);
        assertFalse(all.contains("\tat org."), "a stack trace instead of a message:\n" + all);
    }

    @Test
    void shouldNameAMissingFileAGarbledLogAndAnUnknownTag() throws IOException
    {
        final Path log = dir.resolve("known.hlog");
        new KnownLatencyLog(log);
        final Path garbled = dir.resolve("garbled.hlog");
        final List<String> lines = new ArrayList<>(Files.readAllLines(log));
        lines.set(lines.size() - 1, "Tag=rx-tx,3.000,1.000,0.100,HISTFAAAAC14-not-base64");
        Files.write(garbled, lines);
        final Path text = dir.resolve("notes.hlog");
        Files.writeString(text, "hello, this is not a latency log\n");

        assertFails(mpdp("latency", dir.resolve("absent.hlog").toString()), "cannot read latency log " +
            dir.resolve("absent.hlog"));
        assertFails(mpdp("latency", garbled.toString()), "garbled latency log " + garbled + ": line " + lines.size());
        assertFails(mpdp("latency", text.toString()), "garbled latency log " + text + ": line 1");
        assertFails(mpdp("latency", log.toString(), "--tag", "tx-rx"), "tag=tx-rx is not in latency log " + log +
            " (tags: rx-parse, parse-verdict, verdict-tx, rx-tx)");
        assertFails(mpdp("latency", log.toString(), "--unit", "s"), "unit=s must be ns, us or ms");
    }
}
