package org.mpdp.dataplane.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * DSS checksum (RFC 8684 §3.3.1): the mptcp-fclose.pcap vectors (mptcp-wire-notes.md §3.3), a self-contained
 * copy of them, every single-segment checksummed mapping of the v0 captures when the captures are present, and
 * vector against scalar.
 */
class DssChecksumTest
{
    /** DSN32 2976985014 expanded with Key-A's IDSN + 1. */
    private static final long FCLOSE_DSN_A = 7512766147283988406L;
    private static final long FCLOSE_KEY_B = 0xd005b1ab34bad344L;
    /** The one payload byte of frames 6 and 8 of mptcp-fclose.pcap ('c'), read with tcpdump -x. */
    private static final byte FCLOSE_PAYLOAD = 0x63;

    @Test
    void shouldComputeFastCloseCaptureChecksumOfA()
    {
        final MemorySegment payload = MemorySegment.ofArray(new byte[] {FCLOSE_PAYLOAD});
        assertEquals(0x9e91, DssChecksum.compute(FCLOSE_DSN_A, 1, 1, payload, 0, 1));
        assertEquals(0x9e91, DssChecksum.computeScalar(FCLOSE_DSN_A, 1, 1, payload, 0, 1));
        assertEquals(CryptoResult.VALID, DssChecksum.verify(FCLOSE_DSN_A, 1, 1, 0x9e91, payload, 0, 1));
        assertEquals(CryptoResult.CHECKSUM_MISMATCH, DssChecksum.verify(FCLOSE_DSN_A, 1, 1, 0x9e90, payload, 0, 1));
        assertEquals(CryptoResult.CHECKSUM_MISMATCH, DssChecksum.verify(FCLOSE_DSN_A + 1, 1, 1, 0x9e91, payload, 0, 1));
    }

    @Test
    void shouldComputeFastCloseCaptureChecksumOfBFromItsKey()
    {
        // B's first DSN is its IDSN + 1 (v0: SHA-1); the capture shows its low 32 bits, 3386645601, and csum 0x54ab.
        final long dsnB = new KeyDerivation().idsnV0(FCLOSE_KEY_B) + 1;
        assertEquals(3386645601L, dsnB & 0xFFFF_FFFFL);
        final MemorySegment payload = MemorySegment.ofArray(new byte[] {FCLOSE_PAYLOAD});
        assertEquals(0x54ab, DssChecksum.compute(dsnB, 1, 1, payload, 0, 1));
    }

    @Test
    void shouldVerifyEverySingleSegmentChecksummedMappingOfSharedV0Captures() throws IOException
    {
        final Path captures = Path.of(System.getProperty("mpdp.captures", "../shared/captures")).toAbsolutePath()
            .normalize();
        final Path fclose = captures.resolve("tcpdump/mptcp-fclose.pcap");
        final Path v0 = captures.resolve("tcpdump/mptcp-v0.pcap");
        assumeTrue(Files.isRegularFile(fclose) && Files.isRegularFile(v0), "shared captures not found under " +
            captures + " (set -Dmpdp.captures=DIR to point at shared/captures): capture checksums not checked; " +
            "the self-contained fclose vectors above still ran");

        final List<Mapping> fcloseMappings = checksummedMappings(fclose);
        assertEquals(2, fcloseMappings.size(), "checksummed single-segment mappings in " + fclose);
        assertEquals(FCLOSE_DSN_A, fcloseMappings.get(0).dsn);
        assertEquals(0x9e91, fcloseMappings.get(0).checksum);
        assertEquals(FCLOSE_PAYLOAD, fcloseMappings.get(0).payload[0]);
        final List<Mapping> v0Mappings = checksummedMappings(v0);
        assertTrue(v0Mappings.size() > 50, "checksummed single-segment mappings in " + v0 + ": " + v0Mappings.size());

        final List<Mapping> all = new ArrayList<>(fcloseMappings);
        all.addAll(v0Mappings);
        for (final Mapping m : all)
        {
            final MemorySegment payload = MemorySegment.ofArray(m.payload);
            assertEquals(m.checksum, DssChecksum.compute(m.dsn, m.ssn, m.dll, payload, 0, m.payload.length),
                m::toString);
            assertEquals(CryptoResult.VALID,
                DssChecksum.verify(m.dsn, m.ssn, m.dll, m.checksum, payload, 0, m.payload.length), m::toString);
        }
    }

    @Test
    void shouldMatchScalarForRandomMappingsOnNativeMemory()
    {
        final SplittableRandom random = new SplittableRandom(8684_331);
        try (Arena arena = Arena.ofConfined())
        {
            final MemorySegment segment = arena.allocate(9100);
            final byte[] bytes = new byte[9100];
            for (int i = 0; i < 2_000; i++)
            {
                random.nextBytes(bytes);
                MemorySegment.copy(MemorySegment.ofArray(bytes), 0, segment, 0, bytes.length);
                final long dsn = random.nextLong();
                final int ssn = random.nextInt();
                final int length = random.nextInt(9001);
                final int offset = random.nextInt(99);
                final int checksum = DssChecksum.computeScalar(dsn, ssn, length, segment, offset, length);
                assertEquals(checksum, DssChecksum.compute(dsn, ssn, length, segment, offset, length));
                assertEquals(CryptoResult.VALID,
                    DssChecksum.verify(dsn, ssn, length, checksum, segment, offset, length));
                if (length > 0)
                {
                    final long flip = offset + random.nextInt(length);
                    segment.set(ValueLayout.JAVA_BYTE, flip, (byte)(segment.get(ValueLayout.JAVA_BYTE, flip) ^ 0x10));
                    assertEquals(CryptoResult.CHECKSUM_MISMATCH,
                        DssChecksum.verify(dsn, ssn, length, checksum, segment, offset, length));
                }
            }
        }
    }

    record Mapping(int frame, long dsn, int ssn, int dll, int checksum, byte[] payload)
    {
    }

    /**
     * Reads a little-endian Ethernet pcap and returns the DSS mappings with a checksum whose payload is exactly
     * the segment's (DLL = TCP payload length), with 32-bit DSNs expanded from the sender's v0 or v1 IDSN + 1
     * (keys from the MP_CAPABLE options).
     */
    static List<Mapping> checksummedMappings(final Path pcap) throws IOException
    {
        final ByteBuffer file = ByteBuffer.wrap(Files.readAllBytes(pcap)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0xa1b2c3d4, file.getInt(0), "little-endian microsecond pcap");
        assertEquals(1, file.getInt(20), "LINKTYPE_ETHERNET");
        final Map<String, Long> idsnPlusOne = new HashMap<>();
        final List<Mapping> mappings = new ArrayList<>();
        final KeyDerivation derivation = new KeyDerivation();
        int position = 24;
        int frame = 0;
        while (position + 16 <= file.limit())
        {
            final int captured = file.getInt(position + 8);
            final ByteBuffer f = ByteBuffer.wrap(file.array(), position + 16, captured).slice()
                .order(ByteOrder.BIG_ENDIAN);
            position += 16 + captured;
            frame++;
            if (captured < 34 || f.getShort(12) != 0x0800 || f.get(23) != 6)
            {
                continue;
            }
            final int ip = 14;
            final int ihl = (f.get(ip) & 0x0F) * 4;
            final int ipLength = Short.toUnsignedInt(f.getShort(ip + 2));
            final int tcp = ip + ihl;
            final int doff = (Byte.toUnsignedInt(f.get(tcp + 12)) >>> 4) * 4;
            final String sender = Integer.toHexString(f.getInt(ip + 12)) + ":" + Short.toUnsignedInt(f.getShort(tcp));
            final int payloadOffset = tcp + doff;
            final int payloadLength = ipLength - ihl - doff;
            for (int o = tcp + 20; o < tcp + doff; )
            {
                final int kind = Byte.toUnsignedInt(f.get(o));
                if (kind == 0)
                {
                    break;
                }
                if (kind == 1)
                {
                    o++;
                    continue;
                }
                final int len = Byte.toUnsignedInt(f.get(o + 1));
                if (kind == 30 && len >= 4)
                {
                    final int subtype = Byte.toUnsignedInt(f.get(o + 2)) >>> 4;
                    if (subtype == 0 && len >= 12)
                    {
                        final long key = f.getLong(o + 4);
                        final boolean v0 = (f.get(o + 2) & 0x0F) == 0;
                        final long idsn = v0 ? derivation.idsnV0(key) : derivation.idsnV1(key);
                        idsnPlusOne.putIfAbsent(sender, idsn + 1);
                    }
                    else if (subtype == 2)
                    {
                        final Mapping m = dss(f, o, len, frame, idsnPlusOne.get(sender), payloadOffset, payloadLength);
                        if (m != null)
                        {
                            mappings.add(m);
                        }
                    }
                }
                o += Math.max(len, 2);
            }
        }
        return mappings;
    }

    private static Mapping dss(final ByteBuffer f, final int o, final int len, final int frame, final Long reference,
        final int payloadOffset, final int payloadLength)
    {
        final int flags = Byte.toUnsignedInt(f.get(o + 3));
        int i = o + 4;
        if ((flags & 0x01) != 0)
        {
            i += (flags & 0x02) != 0 ? 8 : 4;
        }
        if ((flags & 0x04) == 0 || reference == null)
        {
            return null;
        }
        final long dsn;
        if ((flags & 0x08) != 0)
        {
            dsn = f.getLong(i);
            i += 8;
        }
        else
        {
            dsn = expand(reference, Integer.toUnsignedLong(f.getInt(i)));
            i += 4;
        }
        final int ssn = f.getInt(i);
        final int dll = Short.toUnsignedInt(f.getShort(i + 4));
        i += 6;
        if (o + len - i < 2 || dll == 0 || dll != payloadLength)
        {
            return null;
        }
        final byte[] payload = new byte[payloadLength];
        f.get(payloadOffset, payload);
        return new Mapping(frame, dsn, ssn, dll, Short.toUnsignedInt(f.getShort(i)), payload);
    }

    /** The 64-bit DSN nearest the reference with these low 32 bits (mptcp-wire-notes.md §2.4). */
    private static long expand(final long reference, final long dsn32)
    {
        final long candidate = (reference & 0xFFFF_FFFF_0000_0000L) | dsn32;
        final long delta = candidate - reference;
        if (delta > 0x8000_0000L)
        {
            return candidate - 0x1_0000_0000L;
        }
        return delta < -0x8000_0000L ? candidate + 0x1_0000_0000L : candidate;
    }
}
