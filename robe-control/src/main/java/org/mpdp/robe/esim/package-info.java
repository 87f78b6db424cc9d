/**
 * RobE_eSIM (draft-amend-tcpm-mptcp-robe-02, "Implementation with Bi-directional MPTCP Support"): the
 * ROBE_eSIM_EN and MP_JOIN_CAP options ({@link org.mpdp.robe.esim.EsimOption}, subtypes in
 * {@link org.mpdp.robe.esim.EsimSubtypes}), the Key-B fast hash ({@link org.mpdp.robe.esim.Crc16}), the
 * MP_JOIN_CAP HMAC ({@link org.mpdp.robe.esim.EsimHmac}) and the responder's connection table with its Key-A
 * and fast-hash indexes ({@link org.mpdp.robe.esim.EsimTable}).
 */
package org.mpdp.robe.esim;
