package org.mpdp.dataplane.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * Token and IDSN derivation against the values read from public captures (mptcp-wire-notes.md §3.3) and
 * against {@link MessageDigest} for random keys.
 */
class KeyDerivationTest
{
    private final KeyDerivation derivation = new KeyDerivation();

    @Test
    void shouldDeriveV1TokensOfMptcpV1Capture()
    {
        assertEquals(0x239fbdb0, derivation.tokenV1(0x1fdb5df328bc3defL));
        assertEquals(0xa35d6d82, derivation.tokenV1(0x29a6c86981ad933cL));
    }

    @Test
    void shouldDeriveV1IdsnsOfMptcpV1Capture()
    {
        // The capture shows IDSN + 1: the first DSN sent and the first DATA_ACK of the peer.
        assertEquals(Long.parseUnsignedLong("14413541604287230030"), derivation.idsnV1(0x1fdb5df328bc3defL) + 1);
        assertEquals(Long.parseUnsignedLong("11713449205243392242"), derivation.idsnV1(0x29a6c86981ad933cL) + 1);
    }

    @Test
    void shouldDeriveV1IdsnsOfPtcpdumpCapture()
    {
        assertEquals(Long.parseUnsignedLong("3891854986895050395"), derivation.idsnV1(0xfe7b93dc894dcb73L) + 1);
        final long idsnB = derivation.idsnV1(0xe356a8f252e41976L) + 1;
        assertEquals(Long.parseUnsignedLong("16853452819136928152"), idsnB);
        assertEquals(2876660120L, idsnB & 0xFFFF_FFFFL, "low 32 bits, seen as a 32-bit DATA_ACK");
    }

    @Test
    void shouldDeriveV1IdsnsOfAddAddrCapture()
    {
        assertEquals(Long.parseUnsignedLong("17186763219675866565"), derivation.idsnV1(0x8f0c7c64a6a32ac1L) + 1);
        assertEquals(Long.parseUnsignedLong("12148165319181844526"), derivation.idsnV1(0x73bb150358a0aecbL) + 1);
    }

    @Test
    void shouldDeriveV0TokenAndIdsnsOfMptcpV0Capture()
    {
        assertEquals(0xe47f0142, derivation.tokenV0(0x967d2770b6960552L), "token-B = the MP_JOIN SYN's token");
        assertEquals(3576348362L, (derivation.idsnV0(0x9c9eabd1e46a33b2L) + 1) & 0xFFFF_FFFFL);
        assertEquals(3518592144L, (derivation.idsnV0(0x967d2770b6960552L) + 1) & 0xFFFF_FFFFL);
    }

    @Test
    void shouldDeriveV0IdsnsOfFastCloseCapture()
    {
        // Key-A's IDSN + 1 is the 64-bit DSN of A's first byte (DSN32 2976985014 on the wire).
        final long dsnA = derivation.idsnV0(0x9b59be3d695e66a7L) + 1;
        assertEquals(7512766147283988406L, dsnA);
        assertEquals(2976985014L, dsnA & 0xFFFF_FFFFL);
        assertEquals(3386645601L, (derivation.idsnV0(0xd005b1ab34bad344L) + 1) & 0xFFFF_FFFFL);
    }

    @Test
    void shouldDeriveBothValuesWithOneCall()
    {
        derivation.deriveV1(0x1fdb5df328bc3defL);
        assertEquals(0x239fbdb0, derivation.token());
        assertEquals(Long.parseUnsignedLong("14413541604287230029"), derivation.idsn());
    }

    @Test
    void shouldMatchMessageDigestForRandomKeys() throws NoSuchAlgorithmException
    {
        final MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        final MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
        final SplittableRandom random = new SplittableRandom(0x5EED);
        for (int i = 0; i < 10_000; i++)
        {
            final long key = random.nextLong();
            final ByteBuffer h256 = ByteBuffer.wrap(sha256.digest(CryptoTesting.be64(key)));
            final ByteBuffer h1 = ByteBuffer.wrap(sha1.digest(CryptoTesting.be64(key)));
            derivation.deriveV1(key);
            assertEquals(h256.getInt(0), derivation.token(), () -> "v1 token of " + Long.toHexString(key));
            assertEquals(h256.getLong(24), derivation.idsn(), () -> "v1 idsn of " + Long.toHexString(key));
            derivation.deriveV0(key);
            assertEquals(h1.getInt(0), derivation.token(), () -> "v0 token of " + Long.toHexString(key));
            assertEquals(h1.getLong(12), derivation.idsn(), () -> "v0 idsn of " + Long.toHexString(key));
        }
    }

    @Test
    void shouldNotAllocate()
    {
        final long[] sink = new long[1];
        final long allocated = CryptoTesting.allocatedAfterWarmUp(
            () -> sink[0] += derivation.idsnV1(sink[0]) + derivation.idsnV0(sink[0]), 10_000, 20);
        assertEquals(0, allocated, "bytes allocated by 10000 derivations after warm-up");
    }
}
