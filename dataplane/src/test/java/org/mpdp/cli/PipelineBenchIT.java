package org.mpdp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.mpdp.dataplane.testing.ChildJvm;
import org.mpdp.dataplane.testing.Cmd;

/**
 * {@code mpdp bench pipeline --quick} through the real entry point in a child JVM (testpmd, mpdp forward
 * and six {@code mpdp run}s on net_pcap into net_null): it ends with the five summary lines, every run
 * gave its mbufs back, and the finite replay of the join flood forwarded every legitimate packet and
 * dropped every forged one under its reason. Speed is not asserted.
 */
final class PipelineBenchIT
{
    private static final List<Pattern> LAST_LINES = List.of(
        Pattern.compile("pipeline rtc/testpmd = (\\d+\\.\\d{2})"),
        Pattern.compile("pipeline pipelined Mpps = (\\d+\\.\\d)"),
        Pattern.compile("pipeline p99\\.9 us at 50% = (\\d+\\.\\d)"),
        Pattern.compile("pipeline join flood Mpps = (\\d+\\.\\d)"),
        Pattern.compile("pipeline gc cycles = (\\d+)"));

    @Test
    void shouldEndWithTheFiveLinesLeakNothingAndForwardEveryLegitimatePacketOfTheFlood()
    {
        final Cmd.Result r = ChildJvm.run(Duration.ofSeconds(170), MpdpCommand.class, "bench", "pipeline", "--quick");
        final String out = r.stdout();
        assertEquals(0, r.exit(), out + r.stderr());
        final List<String> lines = out.lines().filter(l -> !l.isBlank()).toList();
        assertTrue(lines.size() > LAST_LINES.size(), out);
        final List<String> last = lines.subList(lines.size() - LAST_LINES.size(), lines.size());
        for (int i = 0; i < LAST_LINES.size(); i++)
        {
            final Matcher m = LAST_LINES.get(i).matcher(last.get(i));
            assertTrue(m.matches(), "line " + (i + 1) + " of the five: '" + last.get(i) + "'\n" + out);
            Double.parseDouble(m.group(1));
        }
        Long.parseLong(LAST_LINES.get(4).matcher(last.get(4)).replaceAll("$1"));

        final Matcher check = Pattern.compile("pipeline check: mpdp runs (\\d+), mbufs leaked in all = (\\d+), " +
            "join flood counts (\\w+)").matcher(out);
        assertTrue(check.find(), out);
        assertEquals(7, Integer.parseInt(check.group(1)), "every mpdp run reported: " + out);
        assertEquals("0", check.group(2), "mbufs leaked: " + out);
        assertEquals("PASSED", check.group(3), out);
        assertTrue(out.contains("legitimate-forwarded check PASSED"), out);
        assertTrue(Pattern.compile("legitimate forwarded ([\\d,]+) of \\1;").matcher(out).find(), out);
    }
}
