package org.mpdp.robe.esim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

final class EsimHmacTest
{
    private final EsimHmac hmac = new EsimHmac();

    /** The documented construction, with the JDK's HMAC-SHA256 as the oracle. */
    private static byte[] expected(final long keyA, final long keyB, final long keyBPrime) throws Exception
    {
        final Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(ByteBuffer.allocate(16).putLong(keyA).putLong(keyB).array(), "HmacSHA256"));
        mac.update(ByteBuffer.allocate(8).putLong(keyBPrime).array());
        mac.update("eSIM".getBytes(StandardCharsets.US_ASCII));
        final byte[] out = Arrays.copyOf(mac.doFinal(), 12);
        final int fast = Crc16.fastHash(keyB);
        out[10] = (byte)((out[10] & 0xFC) | fast >>> 8);
        out[11] = (byte)fast;
        return out;
    }

    @Test
    void shouldMatchHmacSha256OfKeyAKeyBOverKeyBPrimeTruncatedTo96BitsWithTheFastHash() throws Exception
    {
        final SplittableRandom random = new SplittableRandom(1);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[EsimHmac.LENGTH]);
        for (int i = 0; i < 200; i++)
        {
            final long keyA = random.nextLong();
            final long keyB = random.nextLong();
            final long keyBPrime = random.nextLong();
            hmac.compute(keyA, keyB, keyBPrime).write(buffer, 0);
            assertArrayEquals(expected(keyA, keyB, keyBPrime), buffer.byteArray());
            assertEquals(Crc16.fastHash(keyB), hmac.word(2) & 0x3FF);
        }
    }

    @Test
    void shouldVerifyOnlyTheRightKeys()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[EsimHmac.LENGTH]);
        hmac.compute(1, 2, 3).write(buffer, 0);
        assertTrue(hmac.verify(1, 2, 3, buffer, 0));
        assertFalse(hmac.verify(9, 2, 3, buffer, 0));
        assertFalse(hmac.verify(1, 9, 3, buffer, 0));
        assertFalse(hmac.verify(1, 2, 9, buffer, 0));
        for (int bit = 0; bit < EsimHmac.LENGTH * 8; bit++)
        {
            hmac.compute(1, 2, 3).write(buffer, 0);
            buffer.putByte(bit >>> 3, (byte)(buffer.getByte(bit >>> 3) ^ (0x80 >>> (bit & 7))));
            assertFalse(hmac.verify(1, 2, 3, buffer, 0), "bit " + bit + " flipped");
        }
    }
}
