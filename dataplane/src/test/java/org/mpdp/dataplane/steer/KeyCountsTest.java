package org.mpdp.dataplane.steer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** The parked-key counts against a HashMap under random increments and decrements, collisions included. */
final class KeyCountsTest
{
    @Test
    void shouldAgreeWithAHashMapUnderChurn()
    {
        final KeyCounts counts = new KeyCounts(64);
        final Map<Long, Integer> oracle = new HashMap<>();
        final SplittableRandom random = new SplittableRandom(3);
        for (int step = 0; step < 200_000; step++)
        {
            // Few distinct keys, many sharing a home slot (low bits equal), so runs form and shift.
            final long key = (random.nextInt(48) << 7) | 5;
            final int now = oracle.getOrDefault(key, 0);
            if (now > 0 && random.nextBoolean() || oracle.values().stream().mapToInt(Integer::intValue).sum() >= 64)
            {
                if (now > 0)
                {
                    counts.decrement(key);
                    oracle.merge(key, -1, Integer::sum);
                }
            }
            else
            {
                counts.increment(key);
                oracle.merge(key, 1, Integer::sum);
            }
            if (step % 97 == 0)
            {
                for (int k = 0; k < 48; k++)
                {
                    final long probe = ((long)k << 7) | 5;
                    assertEquals(oracle.getOrDefault(probe, 0).intValue(), counts.count(probe), "key " + probe);
                    assertEquals(oracle.getOrDefault(probe, 0) > 0, counts.contains(probe));
                }
            }
        }
    }
}
