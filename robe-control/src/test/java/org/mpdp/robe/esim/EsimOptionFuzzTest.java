package org.mpdp.robe.esim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Coverage-guided fuzzing of the eSIM option codecs and the option walker with Jazzer. The input's first byte
 * picks the TCP flags, the rest is a TCP option area held in a buffer of exactly its size, so a read past it
 * throws and is a finding; so is any exception, a result outside the documented codes, an offset outside the
 * area, or an accepted MP_JOIN_CAP that the table does not treat consistently.
 *
 * <p>Plain {@code mvn package} replays the seeds in
 * src/test/resources/org/mpdp/robe/esim/EsimOptionFuzzTestInputs/ (regression mode); {@code JAZZER_FUZZ=1}
 * fuzzes for {@code maxDuration}.
 */
final class EsimOptionFuzzTest
{
    private final EsimTable table = new EsimTable(4);

    @FuzzTest(maxDuration = "30s")
    void fuzz(final byte[] input)
    {
        if (input.length < 1)
        {
            return;
        }
        final int flags = input[0] & 0xFF;
        final int length = Math.min(40, input.length - 1);
        final byte[] area = new byte[length];
        System.arraycopy(input, 1, area, 0, length);
        final UnsafeBuffer buffer = new UnsafeBuffer(area);
        final EsimSubtypes subtypes = EsimSubtypes.DEFAULTS;
        for (int subtype = 0; subtype < 16; subtype++)
        {
            final int at = EsimOption.find(buffer, 0, length, subtype);
            assertTrue(at == -1 || at >= 0 && at + 3 <= length, "offset " + at);
        }
        final int en = EsimOption.find(buffer, 0, length, subtypes.enable());
        if (en >= 0)
        {
            final int result = EsimOption.checkEnable(buffer, en, length - en, subtypes.enable(), flags);
            assertTrue(result >= 0 && result < EsimOption.RESULT_COUNT, "result " + result);
            assertTrue(result != EsimOption.OK || (flags & EsimOption.TCP_SYN) != 0);
        }
        final int cap = EsimOption.find(buffer, 0, length, subtypes.joinCap());
        if (cap >= 0)
        {
            final int result = EsimOption.checkJoinCap(buffer, cap, length - cap, subtypes.joinCap(), flags);
            assertTrue(result >= 0 && result < EsimOption.RESULT_COUNT, "result " + result);
            if (result == EsimOption.OK)
            {
                assertTrue(cap + EsimOption.JOIN_CAP_LENGTH <= length);
                assertTrue(EsimOption.joinCapFastHash(buffer, cap) <= Crc16.FAST_HASH_MASK);
                // One establishing connection whose fast hash is the option's: a match must be a verified HMAC.
                final long keyB = EsimOption.joinCapKeyA(buffer, cap) ^ 0x5A5A;
                final int slot = table.open(keyB);
                final int matched = table.match(buffer, cap, 0x77, -1);
                final boolean verifies = new EsimHmac().verify(
                    EsimOption.joinCapKeyA(buffer, cap), keyB, 0x77, buffer, cap + EsimOption.HMAC_OFFSET);
                assertEquals(verifies, matched == slot);
                table.close(slot);
                assertEquals(0, table.size());
            }
        }
    }
}
