package org.mpdp.dataplane.wire;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Public test-side facade over the package-private {@link WireCryptoCheck}, for tests in other packages
 * (e.g. the trace generator's): recomputes every token, MP_JOIN HMAC, ADD_ADDR HMAC and DSS checksum of a
 * capture from the keys its MP_CAPABLE handshakes carry.
 */
public final class WireCryptoChecks
{
    /**
     * What verified and what did not (see {@link WireCryptoCheck.Result}).
     *
     * @param connections   connections found by their MP_CAPABLE keys.
     * @param joinTokens    MP_JOIN SYNs seen.
     * @param unknownTokens MP_JOIN SYN tokens matching no key.
     * @param synAckOk      MP_JOIN SYN/ACK truncated HMACs that verified.
     * @param synAckBad     those that did not.
     * @param ackOk         MP_JOIN third-ACK HMACs that verified.
     * @param ackBad        those that did not.
     * @param addAddrOk     ADD_ADDR HMACs that verified.
     * @param addAddrBad    those that did not.
     * @param checksumOk    DSS checksums that verified.
     * @param checksumBad   those that did not.
     * @param failures      one line per failure.
     */
    public record Summary(int connections, int joinTokens, int unknownTokens, int synAckOk, int synAckBad, int ackOk,
        int ackBad, int addAddrOk, int addAddrBad, int checksumOk, int checksumBad, List<String> failures)
    {
    }

    private WireCryptoChecks()
    {
    }

    /**
     * @param pcap capture.
     * @return what verified.
     * @throws IOException if the capture cannot be read.
     */
    public static Summary check(final Path pcap) throws IOException
    {
        final WireCryptoCheck.Result r = WireCryptoCheck.check(pcap);
        return new Summary(r.connections(), r.joinTokens(), r.unknownTokens(), r.synAckOk(), r.synAckBad(), r.ackOk(),
            r.ackBad(), r.addAddrOk(), r.addAddrBad(), r.checksumOk(), r.checksumBad(), r.failures());
    }
}
