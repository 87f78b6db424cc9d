package org.mpdp.dataplane.track;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import org.mpdp.dataplane.crypto.AddAddrHmac;
import org.mpdp.dataplane.crypto.CryptoResult;
import org.mpdp.dataplane.wire.Bytes;
import org.mpdp.dataplane.wire.Malformed;
import org.mpdp.dataplane.wire.MptcpOptionParser;
import org.mpdp.dataplane.wire.MptcpOptions;

/**
 * ADD_ADDR and REMOVE_ADDR (RFC 8684 3.4, RFC 6824 3.4): the form of an ADD_ADDR is judged by the
 * connection's version, not by its low nibble (on v1 that nibble is flags, and the RFC 6824 form has
 * no HMAC: Linux ignores such an option, and so must a box that forwards it); v1 HMACs are checked;
 * the address set per side is kept, and an address ID re-used for another address is flagged.
 */
final class Addresses implements AutoCloseable
{
    private final TrackState st;
    private final AddAddrHmac addAddrHmac = new AddAddrHmac();
    // Shared: a tracker is built on one thread and runs on its worker's.
    private final Arena arena = Arena.ofShared();
    private final MemorySegment scratch = arena.allocate(16, 8);

    Addresses(final TrackState state)
    {
        st = state;
    }

    /**
     * @param side 0 when Key-A's holder sent it, 1 Key-B's (also the HMAC key order).
     */
    void onAddAddr(final int c, final int side, final MemorySegment s, final long frame, final MptcpOptions m)
    {
        final ConnectionTable ct = st.connections;
        // Re-read under the connection's version: the first parse could only guess from the low nibble.
        if (MptcpOptionParser.addAddrForVersion(s, frame, ct.version[c], m) != Malformed.NONE)
        {
            if (ct.version[c] != 0)
            {
                // Not an RFC 8684 form (e.g. the RFC 6824 one, which has no HMAC): nothing authenticates
                // it, Linux ignores it, and it must not reach a host that might not (RFC 8684 3.4.1).
                ct.flags[c] |= ConnectionTable.FLAG_ADD_ADDR_NO_HMAC;
                st.findings.add(Reason.ADD_ADDR_NO_HMAC);
            }
            else
            {
                st.findings.add(Reason.MALFORMED_OPTION);
            }
            return;
        }
        if (ct.version[c] != 0)
        {
            if (m.addAddrEcho)
            {
                return; // an echo acknowledges the peer's announcement
            }
            if (!hmacVerifies(c, side, m))
            {
                ct.hmacFailures[c]++;
                ct.flags[c] |= ConnectionTable.FLAG_ADD_ADDR_BAD_HMAC;
                st.findings.add(Reason.ADD_ADDR_BAD_HMAC);
                return;
            }
        }
        announce(c, side, m);
    }

    private boolean hmacVerifies(final int c, final int side, final MptcpOptions m)
    {
        final int length;
        if (m.addAddrIpVersion == 4)
        {
            Bytes.put32(scratch, 0, m.addAddrV4);
            length = AddAddrHmac.IPV4_LENGTH;
        }
        else
        {
            Bytes.put64(scratch, 0, m.addAddrV6High);
            Bytes.put64(scratch, 8, m.addAddrV6Low);
            length = AddAddrHmac.IPV6_LENGTH;
        }
        final int port = m.addAddrHasPort ? m.addAddrPort : AddAddrHmac.NO_PORT;
        return addAddrHmac.verify(st.keys256, 2 * c + side, m.addAddrId, scratch, 0, length, port, m.addAddrHmac) ==
            CryptoResult.VALID;
    }

    private void announce(final int c, final int side, final MptcpOptions m)
    {
        final ConnectionTable t = st.connections;
        final int d = 2 * c + side;
        final int base = d * ConnectionTable.ADDRESSES;
        final long high = m.addAddrIpVersion == 4 ? 0 : m.addAddrV6High;
        final long low = m.addAddrIpVersion == 4 ? Integer.toUnsignedLong(m.addAddrV4) : m.addAddrV6Low;
        int i = 0;
        while (i < t.addressCount[d] && t.addressId[base + i] != m.addAddrId)
        {
            i++;
        }
        if (i == ConnectionTable.ADDRESSES)
        {
            return;
        }
        if (i == t.addressCount[d])
        {
            t.addressCount[d]++;
        }
        else if (!t.addressRemoved[base + i] && (t.addressVersion[base + i] != m.addAddrIpVersion ||
            t.addressHigh[base + i] != high || t.addressLow[base + i] != low))
        {
            // The same ID for another address, without a REMOVE_ADDR between (RFC 8684 3.4.1).
            t.flags[c] |= ConnectionTable.FLAG_ADDR_ID_REUSED;
            st.findings.add(Reason.ADD_ADDR_ID_REUSED);
        }
        t.addressId[base + i] = m.addAddrId;
        t.addressVersion[base + i] = m.addAddrIpVersion;
        t.addressHigh[base + i] = high;
        t.addressLow[base + i] = low;
        t.addressPort[base + i] = m.addAddrPort;
        t.addressRemoved[base + i] = false;
    }

    /** REMOVE_ADDR: the IDs it lists are withdrawn on the sender's side. */
    void onRemoveAddr(final int c, final int side, final MemorySegment s, final long frame, final MptcpOptions m)
    {
        final ConnectionTable t = st.connections;
        final int d = 2 * c + side;
        final int base = d * ConnectionTable.ADDRESSES;
        for (int k = 0; k < m.removeAddrCount; k++)
        {
            final int id = Bytes.u8(s, frame + m.removeAddrOffset + k);
            for (int i = 0; i < t.addressCount[d]; i++)
            {
                if (t.addressId[base + i] == id)
                {
                    t.addressRemoved[base + i] = true;
                }
            }
        }
    }

    @Override
    public void close()
    {
        arena.close();
    }
}
