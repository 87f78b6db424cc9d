package org.mpdp.robe.tcp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * Initial sequence numbers as RFC 6528 (RFC 9293 §3.4.1) gives them: {@code ISN = M + F(4-tuple, secret)}, M a
 * 4-microsecond clock and F a keyed hash of the connection's addresses and ports.
 *
 * <p>Why it matters here: a server that closed a connection first keeps its 4-tuple in TIME-WAIT for 60 s, and
 * Linux accepts a new SYN on that tuple only when the SYN's sequence number lies after what the old connection
 * used ({@code tcp_timewait_state_process}; RobE sends no timestamps). With a random ISN half of the SYNs that
 * reuse such a tuple are answered with the old connection's ACK instead of a SYN/ACK; the subflow then waits
 * for its 1 s RTO (TIMER moves to the next path at 250 ms). Ports are reused across runs (each run starts at
 * a random port), so this can hit a run whose ports overlap the previous run's; most likely why 46 of 200
 * TIMER sessions without impairment moved to path 2 in the 2026-12-03 midday full experiment.
 *
 * <p>M is {@link System#nanoTime()} (CLOCK_MONOTONIC, one clock for every process on the box), so ISNs on one
 * tuple grow by 250,000 per second across processes as well; F is the same for a tuple in every process of one
 * boot: its secret is the kernel's boot id. That id is readable by local users (an off-path attacker does
 * not know it); when it cannot be read, the secret is random per process and the ordering holds within the
 * process only.
 */
public final class InitialSequence
{
    /** RFC 6528's clock tick. */
    public static final long TICK_NANOS = 4_000L;
    private static final Path BOOT_ID = Path.of("/proc/sys/kernel/random/boot_id");

    private final byte[] secret;
    private final MessageDigest sha256;
    private final byte[] tuple = new byte[12];

    private InitialSequence(final byte[] secret)
    {
        this.secret = secret.clone();
        try
        {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException("SHA-256 is missing from this JDK", ex);
        }
    }

    /** @return ISNs keyed by this boot's id (or, failing that, a random secret). */
    public static InitialSequence forThisBoot()
    {
        try
        {
            final String id = Files.readString(BOOT_ID, StandardCharsets.US_ASCII).strip();
            if (!id.isEmpty())
            {
                return new InitialSequence(id.getBytes(StandardCharsets.US_ASCII));
            }
        }
        catch (final IOException | SecurityException ignored)
        {
            // no /proc: per process below
        }
        final byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        return new InitialSequence(random);
    }

    /**
     * @param secret the key of F.
     * @return ISNs keyed by {@code secret} (tests).
     */
    public static InitialSequence withSecret(final byte[] secret)
    {
        return new InitialSequence(secret);
    }

    /**
     * @param local      local IPv4 address.
     * @param localPort  local port.
     * @param remote     remote IPv4 address.
     * @param remotePort remote port.
     * @param nowNanos   {@link System#nanoTime()}.
     * @return the ISN of a connection on that 4-tuple opened now.
     */
    public int isn(final int local, final int localPort, final int remote, final int remotePort, final long nowNanos)
    {
        return (int)(nowNanos / TICK_NANOS) + offset(local, localPort, remote, remotePort);
    }

    /** F: the first 32 bits of SHA-256(secret, 4-tuple). */
    int offset(final int local, final int localPort, final int remote, final int remotePort)
    {
        putInt(0, local);
        putInt(4, remote);
        putInt(8, localPort << 16 | remotePort & 0xFFFF);
        sha256.reset();
        sha256.update(secret);
        final byte[] d = sha256.digest(tuple);
        return (d[0] & 0xFF) << 24 | (d[1] & 0xFF) << 16 | (d[2] & 0xFF) << 8 | d[3] & 0xFF;
    }

    private void putInt(final int at, final int v)
    {
        tuple[at] = (byte)(v >>> 24);
        tuple[at + 1] = (byte)(v >>> 16);
        tuple[at + 2] = (byte)(v >>> 8);
        tuple[at + 3] = (byte)v;
    }
}
