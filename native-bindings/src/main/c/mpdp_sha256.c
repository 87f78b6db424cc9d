/*
 * HMAC-SHA256 of short messages from precomputed midstates, on the CPU's SHA extensions (SHA-NI).
 *
 * Why here: the tracker checks MP_JOIN and ADD_ADDR HMACs (RFC 8684 3.2, 3.4.1) on the packet path.
 * Java's only SHA-NI path is MessageDigest, which cannot start from a midstate, so every HMAC costs
 * it four compressions plus the digest bookkeeping; a pure-Java compression is about 9x slower than
 * one SHA-NI compression. From the midstates {SHA256(K ^ ipad), SHA256(K ^ opad)} that
 * crypto.HmacSha256Keys keeps per key, an HMAC of at most 55 bytes is exactly two compressions.
 *
 * Layout shared with Java (crypto.HmacSha256): a midstate record is 16 uint32 words, inner state
 * H0..H7 then outer state H0..H7; digests are 8 words; words hold the big-endian word's value in
 * host order (as Java ints do). Every function is a leaf that never blocks, so Java calls it with
 * a critical downcall that may pass heap arrays.
 *
 * Built for any x86-64: only these functions are compiled for the SHA extensions
 * (target attribute), and callers check mpdp_sha_ni() first.
 */
#include <cpuid.h>
#include <immintrin.h>
#include <stdint.h>
#include <string.h>
#include "mpdp_shim.h"

#define SHA_TARGET __attribute__((target("sha,sse4.1,ssse3")))

/* FIPS 180-4 4.2.2. */
static const uint32_t K256[64] __attribute__((aligned(16))) = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

int mpdp_sha_ni(void)
{
    unsigned int a, b, c, d;
    /* CPUID leaf 7, subleaf 0: EBX bit 29 is SHA; SSE4.1 is leaf 1 ECX bit 19. */
    if (!__get_cpuid(1, &a, &b, &c, &d) || !(c & (1u << 19)))
    {
        return 0;
    }
    if (!__get_cpuid_count(7, 0, &a, &b, &c, &d))
    {
        return 0;
    }
    return (b & (1u << 29)) != 0;
}

/*
 * One compression of the block w[0..15] (word values) into h[0..7] (word values). The SHA
 * instructions keep the state as two registers, {A,B,E,F} and {C,D,G,H}, and do two rounds each
 * with the schedule words plus constants in the low half of the third operand.
 */
SHA_TARGET static void compress(uint32_t h[8], const uint32_t w[16])
{
    __m128i dcba = _mm_loadu_si128((const __m128i *)&h[0]);
    __m128i hgfe = _mm_loadu_si128((const __m128i *)&h[4]);
    const __m128i cdab = _mm_shuffle_epi32(dcba, 0xB1);
    const __m128i efgh = _mm_shuffle_epi32(hgfe, 0x1B);
    __m128i abef = _mm_alignr_epi8(cdab, efgh, 8);
    __m128i cdgh = _mm_blend_epi16(efgh, cdab, 0xF0);
    const __m128i abef0 = abef;
    const __m128i cdgh0 = cdgh;

    /* m[g & 3] holds W[4g..4g+3] once computed; for g >= 4 it still holds W[4g-16..4g-13] before. */
    __m128i m[4];
    m[0] = _mm_loadu_si128((const __m128i *)&w[0]);
    m[1] = _mm_loadu_si128((const __m128i *)&w[4]);
    m[2] = _mm_loadu_si128((const __m128i *)&w[8]);
    m[3] = _mm_loadu_si128((const __m128i *)&w[12]);
#pragma GCC unroll 16
    for (int g = 0; g < 16; g++)
    {
        if (g >= 4)
        {
            /* W[t..t+3] = sigma1 terms (msg2) over W[t-16] + sigma0(W[t-15]) (msg1) + W[t-7]. */
            const __m128i w7 = _mm_alignr_epi8(m[(g + 3) & 3], m[(g + 2) & 3], 4);
            m[g & 3] = _mm_sha256msg2_epu32(_mm_add_epi32(_mm_sha256msg1_epu32(m[g & 3], m[(g + 1) & 3]), w7),
                m[(g + 3) & 3]);
        }
        const __m128i wk = _mm_add_epi32(m[g & 3], _mm_load_si128((const __m128i *)&K256[4 * g]));
        cdgh = _mm_sha256rnds2_epu32(cdgh, abef, wk);
        abef = _mm_sha256rnds2_epu32(abef, cdgh, _mm_shuffle_epi32(wk, 0x0E));
    }
    abef = _mm_add_epi32(abef, abef0);
    cdgh = _mm_add_epi32(cdgh, cdgh0);

    const __m128i feba = _mm_shuffle_epi32(abef, 0x1B);
    const __m128i dchg = _mm_shuffle_epi32(cdgh, 0xB1);
    dcba = _mm_blend_epi16(feba, dchg, 0xF0);
    hgfe = _mm_alignr_epi8(dchg, feba, 8);
    _mm_storeu_si128((__m128i *)&h[0], dcba);
    _mm_storeu_si128((__m128i *)&h[4], hgfe);
}

/* The inner block is in w (length word included): inner compression, then the outer one. */
SHA_TARGET static void inner_then_outer(const uint32_t *midstate, uint32_t w[16], uint32_t *out)
{
    uint32_t h[8];
    memcpy(h, midstate, sizeof h);
    compress(h, w);
    memcpy(w, h, sizeof h);
    w[8] = 0x80000000u;
    for (int i = 9; i < 15; i++)
    {
        w[i] = 0;
    }
    w[15] = (64 + 32) * 8;
    memcpy(h, midstate + 8, sizeof h);
    compress(h, w);
    memcpy(out, h, sizeof h);
}

SHA_TARGET int mpdp_hmac_sha256_u64(const uint32_t *midstates, uint32_t offset, uint64_t message, uint32_t *out,
    uint32_t out_offset)
{
    uint32_t w[16] = {0};
    w[0] = (uint32_t)(message >> 32);
    w[1] = (uint32_t)message;
    w[2] = 0x80000000u;
    w[15] = (64 + 8) * 8;
    inner_then_outer(midstates + offset, w, out + out_offset);
    return 0;
}

SHA_TARGET int mpdp_hmac_sha256(const uint32_t *midstates, uint32_t offset, const uint8_t *message, uint32_t length,
    uint32_t *out, uint32_t out_offset)
{
    if (length > 55)
    {
        return -1;
    }
    uint32_t w[16] = {0};
    for (uint32_t i = 0; i < length; i++)
    {
        w[i >> 2] |= (uint32_t)message[i] << (24 - ((i & 3) << 3));
    }
    w[length >> 2] |= 0x80u << (24 - ((length & 3) << 3));
    w[15] = (64 + length) * 8;
    inner_then_outer(midstates + offset, w, out + out_offset);
    return 0;
}

SHA_TARGET void mpdp_hmac_sha256_u64_batch(const uint32_t *midstates, const int32_t *offsets, const uint64_t *messages,
    uint32_t count, uint32_t *out)
{
    for (uint32_t i = 0; i < count; i++)
    {
        mpdp_hmac_sha256_u64(midstates, (uint32_t)offsets[i], messages[i], out, 8 * i);
    }
}

/* FIPS 180-4 5.3.3. */
static const uint32_t IV256[8] = {
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
};

/* SHA-256 of one 8-byte message (an MPTCP key: RFC 8684 3.1 token and IDSN): one padded block. */
SHA_TARGET void mpdp_sha256_u64(uint64_t message, uint32_t *out, uint32_t out_offset)
{
    uint32_t w[16] = {0};
    w[0] = (uint32_t)(message >> 32);
    w[1] = (uint32_t)message;
    w[2] = 0x80000000u;
    w[15] = 64;
    uint32_t h[8];
    memcpy(h, IV256, sizeof h);
    compress(h, w);
    memcpy(out + out_offset, h, sizeof h);
}

SHA_TARGET void mpdp_sha256_midstates(uint64_t key1, uint64_t key2, uint32_t *midstates, uint32_t offset)
{
    const uint32_t pads[2] = {0x36363636u, 0x5c5c5c5cu};
    for (int p = 0; p < 2; p++)
    {
        uint32_t w[16];
        w[0] = (uint32_t)(key1 >> 32) ^ pads[p];
        w[1] = (uint32_t)key1 ^ pads[p];
        w[2] = (uint32_t)(key2 >> 32) ^ pads[p];
        w[3] = (uint32_t)key2 ^ pads[p];
        for (int i = 4; i < 16; i++)
        {
            w[i] = pads[p];
        }
        uint32_t *h = midstates + offset + 8 * p;
        memcpy(h, IV256, sizeof IV256);
        compress(h, w);
    }
}
