package org.mpdp.robe.esim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

final class Crc16Test
{
    @Test
    void shouldGiveThePublishedCheckValueOfCcittFalse()
    {
        final byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertEquals(0x29B1, Crc16.crc16(check, 0, check.length));
        assertEquals(Crc16.CHECK, Crc16.crc16(check, 0, check.length));
    }

    @Test
    void shouldGiveTheInitialValueForNoInput()
    {
        assertEquals(0xFFFF, Crc16.crc16(new byte[0], 0, 0));
    }

    @Test
    void shouldHashAKeyOverItsEightBytesInNetworkOrder()
    {
        final SplittableRandom random = new SplittableRandom(10);
        for (int i = 0; i < 1000; i++)
        {
            final long key = random.nextLong();
            final byte[] wire = ByteBuffer.allocate(8).putLong(key).array();
            assertEquals(bitwise(wire), Crc16.crc16(key));
            assertEquals(bitwise(wire) & 0x3FF, Crc16.fastHash(key));
        }
    }

    /** The variant's definition, one bit at a time, as the oracle for the table. */
    private static int bitwise(final byte[] bytes)
    {
        int crc = 0xFFFF;
        for (final byte b : bytes)
        {
            crc ^= (b & 0xFF) << 8;
            for (int bit = 0; bit < 8; bit++)
            {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
                crc &= 0xFFFF;
            }
        }
        return crc;
    }
}
