package org.mpdp.dataplane.inet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * RFC 5952 text of IPv6 addresses: the examples of its section 4 (each given in a non-canonical
 * spelling, parsed by the JDK, printed by InetText), section 5's IPv4-mapped form, and edge cases.
 */
final class InetTextTest
{
    private static String text(final String address) throws UnknownHostException
    {
        return InetText.address(bytes(address));
    }

    private static byte[] bytes(final String address) throws UnknownHostException
    {
        final byte[] b = InetAddress.getByName(address).getAddress();
        if (b.length == 4 && address.contains(":"))
        {
            // The JDK turns ::ffff:a.b.c.d into an Inet4Address; rebuild the 16 bytes.
            final byte[] mapped = new byte[16];
            mapped[10] = (byte)0xFF;
            mapped[11] = (byte)0xFF;
            System.arraycopy(b, 0, mapped, 12, 4);
            return mapped;
        }
        return b;
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        // 4.1: leading zeros in a 16-bit field are suppressed.
        "2001:0db8::0001, 2001:db8::1",
        "2001:db8:aaaa:bbbb:cccc:dddd:eeee:0001, 2001:db8:aaaa:bbbb:cccc:dddd:eeee:1",
        // 4.2.1: '::' is used to its maximum capability.
        "2001:db8:0:0:0:0:2:1, 2001:db8::2:1",
        "2001:db8::0:1, 2001:db8::1",
        // 4.2.2: '::' is not used for just one 16-bit 0 field.
        "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
        // 4.2.3: the longest run is shortened; on a tie, the first one.
        "2001:0:0:1:0:0:0:1, 2001:0:0:1::1",
        "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
        // 4.3: lower case.
        "2001:DB8:AAAA:BBBB:CCCC:DDDD:EEEE:AAAA, 2001:db8:aaaa:bbbb:cccc:dddd:eeee:aaaa",
        "2001:DB8::AAAA, 2001:db8::aaaa",
        // Section 5: IPv4-mapped addresses end in a dotted quad.
        "::ffff:192.0.2.1, ::ffff:192.0.2.1",
        "0:0:0:0:0:ffff:c000:0201, ::ffff:192.0.2.1",
        // Edges: all zeros, loopback, runs at either end, a run of length 7.
        "0:0:0:0:0:0:0:0, ::",
        "0:0:0:0:0:0:0:1, ::1",
        "1:0:0:0:0:0:0:0, 1::",
        "fe80:0:0:0:0:0:0:0, fe80::",
        "0:0:1:0:0:0:1:0, 0:0:1::1:0",
        "1:0:1:0:1:0:1:0, 1:0:1:0:1:0:1:0",
        "2001:db8:1:0:0:0:0:1, 2001:db8:1::1",
        "fd00:198:18:1:0:0:0:2a, fd00:198:18:1::2a",
        // ::ffff:0:0/96 only: other ::x:y addresses stay hex.
        "::fffe:c000:201, ::fffe:c000:201",
        "::c000:201, ::c000:201",
    })
    void shouldPrintTheRfc5952RecommendedForm(final String in, final String expected) throws UnknownHostException
    {
        assertEquals(expected, text(in));
    }

    @Test
    void shouldPrintEndpointsWithBracketsForIpv6()
    {
        assertEquals("198.18.0.1:5201", InetText.endpoint(4, 0, 0xC6120001L, 5201));
        assertEquals("255.255.255.255:65535", InetText.endpoint(4, 0, 0xFFFFFFFFL, 65535));
        assertEquals("[2001:db8:1::1]:5201", InetText.endpoint(6, 0x20010db800010000L, 1, 5201));
    }

    @Test
    void shouldRoundTripThroughTheJdkParser() throws UnknownHostException
    {
        // Random addresses with many zero groups: the text parses back to the same 16 bytes, and is never longer
        // than the JDK's uncompressed form.
        final SplittableRandom random = new SplittableRandom(5952);
        for (int n = 0; n < 100_000; n++)
        {
            long high = 0;
            long low = 0;
            for (int i = 0; i < 4; i++)
            {
                high = high << 16 | (random.nextInt(3) == 0 ? random.nextInt(0x10000) : 0);
                low = low << 16 | (random.nextInt(3) == 0 ? random.nextInt(0x10000) : 0);
            }
            final String text = InetText.ipv6(high, low);
            final byte[] back = bytes(text);
            final java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(back);
            assertEquals(high, b.getLong(), text);
            assertEquals(low, b.getLong(), text);
        }
    }
}
