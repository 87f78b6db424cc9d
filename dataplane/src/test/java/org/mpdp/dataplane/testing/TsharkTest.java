package org.mpdp.dataplane.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * {@link Tshark}'s parsing of {@code -T fields} output, on lines shaped like tshark 4.0's for a capture of
 * the Linux MPTCP stack (the tshark run itself is covered by KernelMptcpCaptureIT).
 */
final class TsharkTest
{
    private static final List<String> FIELDS = List.of("frame.number", "ip.src", "tcp.stream", "tcp.flags",
        "tcp.option_kind", "tcp.option_len", "tcp.options.mptcp.subtype", "tcp.options.mptcp.backup.flag",
        "mptcp.stream");

    private static String line(final String... columns)
    {
        return String.join("\u001e", columns).replace(';', '\u001f');
    }

    @Test
    void shouldSplitColumnsAndAggregatedValues()
    {
        final String output = line("7", "198.18.2.1", "1", "0x0010", "1;1;8;30;30", "10;20;3", "2;5", "0", "0") + "\n" +
            line("8", "", "", "", "", "", "", "", "") + "\n";

        final List<Tshark.Frame> frames = Tshark.parse(output, FIELDS, "test");

        assertEquals(2, frames.size());
        final Tshark.Frame f = frames.get(0);
        assertEquals(7, f.number());
        assertEquals("198.18.2.1", f.source());
        assertEquals(List.of(Tshark.DSS, Tshark.MP_PRIO), f.subtypes());
        assertTrue(f.hasSubtype(Tshark.MP_PRIO));
        assertEquals(List.of("0"), f.values("tcp.options.mptcp.backup.flag"));
        assertTrue(f.ackOnly());
        assertFalse(f.syn());
        assertEquals(0, f.mptcpStream());
        assertFalse(frames.get(1).has("ip.src"), "empty columns are absent");
        assertEquals(-1, frames.get(1).tcpStream());
    }

    @Test
    void shouldPairMptcpOptionLengthsWithSubtypesSkippingNopAndEol()
    {
        final Tshark.Frame f = Tshark.parse(line("1", "198.18.1.1", "0", "0x0018", "1;1;8;30;30;0", "10;20;3", "2;5",
            "0", "0"), FIELDS, "test").get(0);

        assertEquals(List.of(20, 3), f.mptcpOptionLengths());
        assertEquals(20, f.mptcpOptionLength(Tshark.DSS));
        assertEquals(3, f.mptcpOptionLength(Tshark.MP_PRIO));
        assertEquals(-1, f.mptcpOptionLength(Tshark.ADD_ADDR));
    }

    @Test
    void shouldRejectALineWithTheWrongNumberOfColumns()
    {
        assertThrows(IllegalStateException.class, () -> Tshark.parse(line("1", "198.18.1.1"), FIELDS, "test"));
    }

    @Test
    void shouldReadUnsigned64BitValues()
    {
        final Tshark.Frame f = Tshark.parse(line("1", "", "", "", "", "", "", "", "") + "\n", FIELDS, "test").get(0);
        final Tshark.Frame keys = new Tshark.Frame(Map.of("tcp.options.mptcp.sendkey",
            List.of("17647625168721799418")));

        assertEquals(1, f.number());
        assertEquals(Long.parseUnsignedLong("17647625168721799418"), keys.firstLong("tcp.options.mptcp.sendkey", 0));
    }
}
