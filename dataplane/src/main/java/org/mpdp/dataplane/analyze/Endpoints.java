package org.mpdp.dataplane.analyze;

import org.mpdp.dataplane.track.SubflowView;
import org.mpdp.dataplane.wire.ParsedPacket;

/** A parsed packet's source and destination as reports print them. */
final class Endpoints
{
    private Endpoints()
    {
    }

    static String source(final ParsedPacket p)
    {
        if (p == null || p.ipVersion == 0)
        {
            return null;
        }
        return p.ipVersion == 4 ? SubflowView.endpoint(4, 0, Integer.toUnsignedLong(p.srcV4), p.tcpValid ? p.srcPort : 0) :
            SubflowView.endpoint(6, p.srcV6High, p.srcV6Low, p.tcpValid ? p.srcPort : 0);
    }

    static String destination(final ParsedPacket p)
    {
        if (p == null || p.ipVersion == 0)
        {
            return null;
        }
        return p.ipVersion == 4 ? SubflowView.endpoint(4, 0, Integer.toUnsignedLong(p.dstV4), p.tcpValid ? p.dstPort : 0) :
            SubflowView.endpoint(6, p.dstV6High, p.dstV6Low, p.tcpValid ? p.dstPort : 0);
    }
}
