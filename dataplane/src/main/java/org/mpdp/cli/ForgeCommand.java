package org.mpdp.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.concurrent.Callable;

import org.mpdp.dataplane.analyze.AttackTrace;
import org.mpdp.dataplane.track.IngressFilter;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mpdp forge}: writes a pcap of forged MPTCP signalling against one target (see {@link AttackTrace} for
 * what each attack assumes the attacker knows), to be injected from an attacker's host, e.g.
 * {@code tcpreplay -i IFACE FILE}. Every forged frame carries IPv4 ID and TCP window 0xA77A.
 */
@Command(name = "forge", mixinStandardHelpOptions = true,
    description = "Write a pcap of forged MPTCP signalling (join floods, bad join HMACs, ADD_ADDR, MP_FASTCLOSE, "
        + "spoofed MP_CAPABLE SYN flood) for injection, e.g. with tcpreplay.")
public final class ForgeCommand implements Callable<Integer>
{
    /** The attacks, as named on the command line. */
    enum Attack
    {
        /** MP_JOIN SYNs with random tokens. */
        JOIN_RANDOM_TOKEN("join-random-token"),
        /** The right token, then a third ACK with a random HMAC. */
        JOIN_BAD_HMAC("join-bad-hmac"),
        /** The right token, then a third ACK replaying a real join's HMAC (--hmac). */
        JOIN_REPLAY("join-replay"),
        /** ADD_ADDR with a random HMAC on a live subflow. */
        ADD_ADDR_BAD_HMAC("add-addr-bad-hmac"),
        /** MP_FASTCLOSE with a random key on a live subflow. */
        FASTCLOSE_BAD_KEY("fastclose-bad-key"),
        /** MP_CAPABLE SYNs from spoofed sources. */
        MPC_SYN_FLOOD("mpc-syn-flood");

        final String label;

        Attack(final String label)
        {
            this.label = label;
        }

        static Attack of(final String label)
        {
            for (final Attack a : values())
            {
                if (a.label.equals(label))
                {
                    return a;
                }
            }
            throw new IllegalArgumentException("--attack=" + label + ": must be one of join-random-token, " +
                "join-bad-hmac, join-replay, add-addr-bad-hmac, fastclose-bad-key, mpc-syn-flood");
        }
    }

    @Option(names = "--attack", required = true, paramLabel = "NAME", description = "join-random-token, " +
        "join-bad-hmac, join-replay, add-addr-bad-hmac, fastclose-bad-key or mpc-syn-flood.")
    String attack;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "pcap file to write.")
    Path out;

    @Option(names = "--src", paramLabel = "ADDR:PORT", description = "Sender: the attacker's own address and first " +
        "port for joins, a live subflow's end (spoofed) for add-addr and fastclose; not for mpc-syn-flood.")
    String src;

    @Option(names = "--dst", required = true, paramLabel = "ADDR:PORT", description = "The server (the subflow's " +
        "other end for add-addr and fastclose).")
    String dst;

    @Option(names = "--count", defaultValue = "1", description = "SYNs for join-random-token and mpc-syn-flood " +
        "(default ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--token", paramLabel = "HEX", description = "The connection's token (join-bad-hmac, " +
        "join-replay; join-random-token never sends it), e.g. 0x1a2b3c4d.")
    String token;

    @Option(names = "--hmac", paramLabel = "HEX", description = "join-replay: the 20-byte third-ACK HMAC of a real " +
        "join, 40 hex digits.")
    String hmac;

    @Option(names = "--seq", defaultValue = "0", description = "TCP sequence number (add-addr, fastclose).")
    long seq;

    @Option(names = "--ack", defaultValue = "0", description = "TCP acknowledgment number (add-addr, fastclose).")
    long ack;

    @Option(names = "--announce", defaultValue = "198.18.3.99", paramLabel = "ADDR",
        description = "Address the forged ADD_ADDR announces (default ${DEFAULT-VALUE}).")
    String announce;

    @Option(names = "--address-id", defaultValue = "99", description = "Its address ID (default ${DEFAULT-VALUE}).")
    int addressId;

    @Option(names = "--spoof", defaultValue = "198.19.0.0/16", paramLabel = "PREFIX",
        description = "mpc-syn-flood: IPv4 prefix the spoofed sources are drawn from (default ${DEFAULT-VALUE}).")
    String spoof;

    @Option(names = "--src-mac", defaultValue = "02:00:00:00:00:01", description = "Source MAC (default " +
        "${DEFAULT-VALUE}).")
    String srcMac;

    @Option(names = "--dst-mac", defaultValue = "02:00:00:00:00:02", description = "Destination MAC: the next hop " +
        "towards the server (default ${DEFAULT-VALUE}).")
    String dstMac;

    @Option(names = "--gap-us", defaultValue = "200000", description = "Microseconds between frames in the file " +
        "(tcpreplay keeps them unless given a rate), so a join's third ACK comes after the server's SYN/ACK " +
        "(default ${DEFAULT-VALUE}).")
    long gapMicros;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of what is guessed (default ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws IOException
    {
        final Attack a = Attack.of(attack);
        final Endpoint to = Endpoint.parse("--dst", dst);
        final Endpoint from = a == Attack.MPC_SYN_FLOOD ? null : Endpoint.parse("--src", src);
        if (count < 1)
        {
            throw new IllegalArgumentException("--count=" + count + ": must be at least 1");
        }
        try (AttackTrace t = new AttackTrace(out, mac("--src-mac", srcMac), mac("--dst-mac", dstMac), seed, gapMicros))
        {
            switch (a)
            {
                case JOIN_RANDOM_TOKEN -> t.joinRandomTokens(from.address, from.port, to.address, to.port, count,
                    token == null ? 0 : token());
                case JOIN_BAD_HMAC -> t.joinBadHmac(from.address, from.port, to.address, to.port, token(), null);
                case JOIN_REPLAY -> t.joinBadHmac(from.address, from.port, to.address, to.port, token(),
                    replayed());
                case ADD_ADDR_BAD_HMAC -> t.onSubflow(AttackTrace.Signal.ADD_ADDR, from.address, from.port, to.address,
                    to.port, (int)seq, (int)ack, address("--announce", announce), addressId);
                case FASTCLOSE_BAD_KEY -> t.onSubflow(AttackTrace.Signal.FASTCLOSE, from.address, from.port,
                    to.address, to.port, (int)seq, (int)ack, null, 0);
                case MPC_SYN_FLOOD -> flood(t, to);
                default -> throw new IllegalStateException(a.label);
            }
            System.out.printf("forge: %s: %d frames written to %s%n", a.label, t.frames(), out);
        }
        return 0;
    }

    private void flood(final AttackTrace t, final Endpoint to) throws IOException
    {
        final String problem = IngressFilter.checkPrefix(spoof);
        final byte[] network = problem == null ? address("--spoof", spoof.substring(0, spoof.indexOf('/'))) : null;
        if (network == null || network.length != 4)
        {
            throw new IllegalArgumentException("--spoof=" + spoof + ": must be an IPv4 prefix" +
                (problem == null ? "" : ": " + problem));
        }
        final int bits = Integer.parseInt(spoof.substring(spoof.indexOf('/') + 1));
        if (bits < 8)
        {
            throw new IllegalArgumentException("--spoof=" + spoof + ": prefix length must be 8..32");
        }
        t.mpCapableFlood((network[0] & 0xFF) << 24 | (network[1] & 0xFF) << 16 | (network[2] & 0xFF) << 8 |
            network[3] & 0xFF, bits, to.address, to.port, count);
    }

    private int token()
    {
        if (token == null)
        {
            throw new IllegalArgumentException("--attack=" + attack + " needs --token");
        }
        return (int)Long.decode(token).longValue();
    }

    private byte[] replayed()
    {
        if (hmac == null || hmac.length() != 40)
        {
            throw new IllegalArgumentException("--attack=join-replay needs --hmac with 40 hex digits");
        }
        return HexFormat.of().parseHex(hmac);
    }

    private static byte[] mac(final String option, final String text)
    {
        final String[] parts = text.split(":");
        if (parts.length != 6)
        {
            throw new IllegalArgumentException(option + "=" + text + ": must be six hex bytes, e.g. 02:00:00:00:00:01");
        }
        final byte[] b = new byte[6];
        for (int i = 0; i < 6; i++)
        {
            b[i] = (byte)Integer.parseInt(parts[i], 16);
        }
        return b;
    }

    private static byte[] address(final String option, final String text)
    {
        // Literals only (no name lookups), and IPv4 in its four-part form (InetAddress reads 198.18.2 as 198.18.0.2).
        if (!text.matches("[0-9A-Fa-f.:]+") || text.indexOf(':') < 0 && !text.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}"))
        {
            throw new IllegalArgumentException(option + "=" + text + ": must be an IP address literal");
        }
        try
        {
            return InetAddress.getByName(text).getAddress();
        }
        catch (final UnknownHostException ex)
        {
            throw new IllegalArgumentException(option + "=" + text + ": must be an IP address literal", ex);
        }
    }

    /** An address and port: {@code 198.18.2.2:5201} or {@code [2001:db8::2]:5201}. */
    private record Endpoint(byte[] address, int port)
    {
        static Endpoint parse(final String option, final String text)
        {
            final int colon = text == null ? -1 : text.lastIndexOf(':');
            if (colon < 0)
            {
                throw new IllegalArgumentException(option + "=" + text + ": must be ADDR:PORT");
            }
            final String host = text.substring(0, colon).replace("[", "").replace("]", "");
            final int port = Integer.parseInt(text.substring(colon + 1));
            if (port < 0 || port > 65535)
            {
                throw new IllegalArgumentException(option + "=" + text + ": port must be 0..65535");
            }
            return new Endpoint(ForgeCommand.address(option, host), port);
        }
    }
}
