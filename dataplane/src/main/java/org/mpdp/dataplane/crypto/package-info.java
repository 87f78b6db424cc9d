/**
 * MPTCP crypto and checksums for connection tracking (stage 4 of the packet path): token and IDSN derivation
 * ({@link org.mpdp.dataplane.crypto.KeyDerivation}), MP_JOIN and ADD_ADDR HMACs from precomputed per-key
 * midstates ({@link org.mpdp.dataplane.crypto.JoinHmac}, {@link org.mpdp.dataplane.crypto.AddAddrHmac},
 * {@link org.mpdp.dataplane.crypto.HmacSha256Keys}), a Vector API batch verifier for MP_JOIN SYN/ACK HMACs
 * ({@link org.mpdp.dataplane.crypto.JoinHmacBatch}), and the DSS checksum
 * ({@link org.mpdp.dataplane.crypto.DssChecksum}, {@link org.mpdp.dataplane.crypto.InternetChecksum}).
 *
 * <p>Everything here is allocation free after construction and reports results as int codes
 * ({@link org.mpdp.dataplane.crypto.CryptoResult}). Engines with scratch state are one per thread.
 */
package org.mpdp.dataplane.crypto;
