package org.mpdp.dataplane.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.mpdp.dataplane.counters.CounterRecord;
import org.mpdp.dataplane.counters.CounterType;
import org.mpdp.dataplane.counters.CountersFileDescriptor;
import org.mpdp.dpdk.Telemetry;

final class CounterKeysTest
{
    private static final int NULL = CountersFileDescriptor.NULL_KEY;

    private static CounterRecord typed(final int id, final CounterType type, final int first, final int second,
        final String name)
    {
        return new CounterRecord(id, type.id(), type, first, second, name, "label", 0);
    }

    private static CounterRecord labelOnly(final int id, final String label)
    {
        return new CounterRecord(id, 0, CounterType.OTHER, NULL, NULL, "", label, 0);
    }

    @Test
    void shouldNameTypedCountersByTypeKeysAndName()
    {
        assertEquals("port_queue/0/1/rx", CounterKeys.base(typed(0, CounterType.PORT_QUEUE, 0, 1, "rx")));
        assertEquals("port/3/imissed", CounterKeys.base(typed(0, CounterType.PORT, 3, NULL, "imissed")));
        assertEquals("process/heartbeats", CounterKeys.base(typed(0, CounterType.PROCESS, NULL, NULL, "heartbeats")));
        assertEquals("ring/0/_5/tx_dropped", CounterKeys.base(typed(0, CounterType.RING, 0, -5, "tx-dropped")));
        assertEquals("type12/1/x", CounterKeys.base(new CounterRecord(0, 12, null, 1, NULL, "x", "", 0)));
    }

    @Test
    void shouldSanitiseLabelsToDpdkKeyCharacters()
    {
        assertEquals("other/port_0_net_null0_rx_packets__a_b_c_", CounterKeys.base(labelOnly(0,
            "port 0 net_null0 rx packets (a-b.c)")));
        assertEquals("other/_", CounterKeys.base(labelOnly(0, "é")));
        final String key = CounterKeys.base(labelOnly(0, "x ".repeat(200)));
        assertTrue(key.chars().allMatch(Telemetry::isNameChar), key);
    }

    @Test
    void shouldCutLongKeysAndAppendTheCounterId()
    {
        final String key = CounterKeys.base(labelOnly(4711, "l".repeat(300)));
        assertEquals(Telemetry.MAX_KEY_LENGTH, key.length());
        assertTrue(key.startsWith("other/lll") && key.endsWith("_4711"), key);
    }

    @Test
    void shouldMakeDuplicatesUniqueInIdOrder()
    {
        final CounterKeys keys = new CounterKeys();
        assertEquals("other/a_b", keys.unique(labelOnly(1, "a b")));
        assertEquals("other/a_b_2", keys.unique(labelOnly(2, "a-b")));
        // A later label that happens to equal the suffixed key still gets a key of its own.
        assertEquals("other/a_b_2_3", keys.unique(labelOnly(3, "a_b_2")));
    }

    @Test
    void shouldKeepKeysUniqueAtTheLengthLimit()
    {
        final CounterKeys keys = new CounterKeys();
        final Set<String> seen = new HashSet<>();
        for (int i = 0; i < 50; i++)
        {
            // Same id on purpose: the suffix _7 is taken at once, so _7_1, _7_2, ... follow.
            final String key = keys.unique(labelOnly(7, "l".repeat(300)));
            assertTrue(key.length() <= Telemetry.MAX_KEY_LENGTH, key);
            assertTrue(seen.add(key), key);
        }
    }

    @Test
    void shouldMapTokensBackToTypes()
    {
        for (final CounterType type : CounterType.values())
        {
            assertEquals(type.id(), CounterKeys.typeIdOf(CounterKeys.token(type.id())));
        }
        assertEquals(-1, CounterKeys.typeIdOf("nosuch"));
        assertTrue(CounterKeys.tokens().contains("port_queue|port|ring|worker|reason|table|crypto|process"));
    }
}
