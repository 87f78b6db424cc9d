package org.mpdp.robe.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reporter on known input: summary lines in the issue's exact form, the table's values, the CSV, the
 * plot, and malformed CSVs refused.
 */
final class RobeReportTest
{
    private static final String HEADER =
        "index,mode,outcome,establish_ms,multipath_ms,initial_path,paths_up,bytes_echoed,rsts_sent,syns_sent";

    @TempDir
    Path dir;

    private void csv(final String name, final String... rows) throws IOException
    {
        Files.createDirectories(dir.resolve("csv"));
        Files.writeString(dir.resolve("csv").resolve(name + ".csv"), HEADER + "\n" + String.join("\n", rows) + "\n");
    }

    private RobeReport known() throws IOException
    {
        csv("blackhole-sim",
            "0,sim,ok,40.0,,1,1,1024,1,2",
            "1,sim,ok,41.0,,1,1,1024,1,2",
            "2,sim,ok,42.0,,1,1,1024,1,2",
            "3,sim,ok,43.0,,1,1,1024,1,2",
            "4,sim,ok,100.0,,1,1,1024,1,2");
        csv("blackhole-kernel",
            "0,kernel,failed,,,,0,0,,",
            "1,kernel,failed,,,,0,0,,");
        csv("none-sim",
            "0,sim,ok,10.5,21.0,0,2,1024,1,2",
            "1,sim,data-error,11.5,22.0,0,2,100,1,2",
            "2,sim,failed,,,,0,0,0,4");
        csv("none-kernel",
            "0,kernel,ok,10.0,30.0,0,2,1024,,",
            "1,kernel,fallback,12.0,,0,1,1024,,");
        Files.writeString(dir.resolve("rtt.txt"), "blackhole - 20.4\nnone 10.2 20.3\n");
        return RobeReport.read(dir, List.of("blackhole", "none"), List.of("sim", "kernel"));
    }

    @Test
    void summaryLinesHaveTheIssuesForm() throws IOException
    {
        final List<String> lines = known().results().stream().map(RobeReport::summaryLine).toList();
        assertEquals(List.of(
            "robe blackhole SIM: median 42.0 ms, p99 100.0 ms, failures 0/5, path2 rtt 20.4 ms",
            "robe blackhole kernel: median - ms, p99 - ms, failures 2/2, path2 rtt 20.4 ms",
            "robe none SIM: median 10.5 ms, p99 11.5 ms, failures 2/3, path2 rtt 20.3 ms",
            "robe none kernel: median 10.0 ms, p99 12.0 ms, failures 0/2, path2 rtt 20.3 ms"), lines);
        assertTrue(lines.get(0).matches("robe \\S+ \\S+: median [0-9.]+ ms, p99 [0-9.]+ ms, failures \\d+/\\d+, " +
            "path2 rtt [0-9.]+ ms"), lines.get(0));
    }

    @Test
    void countsOutcomesPathsAndRsts() throws IOException
    {
        final List<RobeReport.Result> r = known().results();
        assertEquals(5, r.get(0).rstsSent());
        assertEquals(java.util.Map.of(1, 5), r.get(0).initialPaths());
        assertEquals(0, r.get(0).multipath().getTotalCount());
        final RobeReport.Result noneSim = r.get(2);
        assertEquals(1, noneSim.failed());
        assertEquals(1, noneSim.dataErrors());
        assertEquals(2, noneSim.establish().getTotalCount());
        assertEquals(2, noneSim.multipath().getTotalCount());
        final RobeReport.Result noneKernel = r.get(3);
        assertEquals(1, noneKernel.fallbacks());
        assertEquals(0, noneKernel.failures());
        assertEquals(1, noneKernel.multipath().getTotalCount());
        assertTrue(Double.isNaN(r.get(1).path1RttMs()));
    }

    @Test
    void tableCsvAndPlot() throws Exception
    {
        final RobeReport report = known();
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        report.printTable(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        final String table = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(table.lines().anyMatch(l -> l.matches("blackhole\\s+SIM\\s+42\\.0\\s+100\\.0\\s+-\\s+-\\s+0/5\\s+0\\s+5" +
            "\\s+2:5\\s+-\\s+20\\.4")), table);
        assertTrue(table.lines().anyMatch(l -> l.matches("none\\s+kernel\\s+10\\.0\\s+12\\.0\\s+30\\.0\\s+30\\.0\\s+" +
            "0/2\\s+1\\s+0\\s+1:2\\s+10\\.2\\s+20\\.3")), table);
        final Path csv = dir.resolve("results.csv");
        report.writeCsv(csv);
        final List<String> rows = Files.readAllLines(csv);
        assertEquals(5, rows.size());
        assertEquals("blackhole,kernel,2,2,0,0,,,,,0,0,,20.4", rows.get(2));
        assertEquals("none,sim,3,1,1,0,10.5,11.5,21.0,22.0,2,2,10.2,20.3", rows.get(3));
        // The command end to end: the summary lines come last.
        final RobeReportCommand command = new RobeReportCommand();
        command.dir = dir;
        command.profiles = "blackhole none";
        command.modes = "sim kernel";
        final PrintStream old = System.out;
        final ByteArrayOutputStream all = new ByteArrayOutputStream();
        System.setOut(new PrintStream(all, true, StandardCharsets.UTF_8));
        try
        {
            assertEquals(0, command.call());
        }
        finally
        {
            System.setOut(old);
        }
        final List<String> out = all.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals("robe none kernel: median 10.0 ms, p99 12.0 ms, failures 0/2, path2 rtt 20.3 ms",
            out.get(out.size() - 1));
        assertTrue(Files.size(dir.resolve("establish-none.png")) > 1000);
        assertTrue(Files.size(dir.resolve("establish-blackhole.png")) > 1000);
    }

    @Test
    void refusesMalformedCsv()
    {
        assertThrows(IOException.class, () -> RobeReport.parse("none", "sim", List.of("index,mode"), 1, 1));
        assertThrows(IOException.class, () -> RobeReport.parse("none", "sim", List.of(HEADER, "0,sim,maybe,1,,0,1,1,0,1"),
            1, 1));
        assertThrows(IOException.class, () -> RobeReport.parse("none", "sim", List.of(HEADER, "0,sim,ok"), 1, 1));
    }
}
