package org.mpdp.dataplane.analyze;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import org.mpdp.dataplane.inet.InetText;

/**
 * Writes a synthetic but valid MPTCP v1 capture (classic pcap, LINKTYPE_ETHERNET), deterministic from a seed,
 * and returns the ground truth of every connection it wrote.
 *
 * <p>Each connection: the MP_CAPABLE handshake (SYN len 4, SYN/ACK len 12 with Key-B, ACK len 20 with both
 * keys; flag H, HMAC-SHA256), an ADD_ADDR from the server with the rightmost 64 bits of its HMAC and the
 * client's echo, 0..7 MP_JOIN subflows from a second client address (token of Key-B, random nonces, the
 * truncated SYN/ACK HMAC and the 160-bit third-ACK HMAC, then the responder's ACK with a DSS DATA_ACK),
 * data both ways spread round-robin over the subflows with 64-bit DSS mappings (SSN relative to the subflow
 * ISN from 1, DLL = payload length) and 64-bit DATA_ACKs on every data segment, DATA_FIN on the last data
 * segment each way (DLL = length + 1, acked with DATA_ACK = DATA_FIN DSN + 1), then FIN/ACK on every subflow
 * (RFC 8684 3.1-3.4). Pure ACKs after data carry no MPTCP option (see {@link TraceConnection} for why).
 * TCP sequence and acknowledgment numbers are exact per subflow; IPv4 header and TCP checksums are correct.
 * Connections are interleaved round-robin among a window of active connections; timestamps increase by
 * 1..30 microseconds per packet. tshark 4.0 with MPTCP and checksum analysis reports no warnings or errors.
 *
 * <p>DSN width ({@link Config#dsn}): 64-bit mappings and DATA_ACKs (the default, as above), 32-bit ones (the
 * low 32 bits, which the receiver expands, RFC 8684 3.3.1), or a mix on every connection (alternating per
 * data segment, mapping and DATA_ACK widths chosen independently). With {@link Config#nearWrap} each key is
 * drawn again until the low 32 bits of IDSN + 1 sit less than 3/4 of that direction's data below 2^32, so
 * every direction of every connection crosses a 32-bit wrap of its DSN (a brute-force search over the key
 * derivation: about 2^32 / (0.75 x bytes) draws per key, so it is slow for small byte counts).
 *
 * <p>Speed: frames are assembled straight into an 8 MiB output buffer (no per-packet allocation) and payload
 * checksums come from precomputed prefix sums; about 1-2 million packets/s once warm.
 *
 * <p>Addresses: IPv4 clients 198.18.1-100.x (first address) and 198.18.101-200.x (joins), server
 * 198.18.0.1:5201, announced address 198.18.0.2 (ID 1); IPv6 clients fd00:198:18:1::N and fd00:198:18:2::N (N = index + 1),
 * server fd00:198:18::1 and ::2. Client ports are 33000 + 8k + subflow (k grows every 25,000 connections).
 */
public final class TraceGenerator
{
    /** Capture time of the first packet, microseconds since the epoch (2023-11-14). */
    public static final long START_MICROS = 1_700_000_000_000_000L;
    /** Server port of every connection. */
    public static final int SERVER_PORT = TraceConnection.SERVER_PORT;
    /** Most MP_JOIN subflows per connection. */
    public static final int MAX_JOINS = TraceConnection.MAX_JOINS;
    /** Largest payload segment. */
    public static final int MAX_SEGMENT_SIZE = 1400;

    private static final int OUTPUT_BUFFER_BYTES = 8 << 20;

    /**
     * What to generate.
     *
     * @param connections       number of MPTCP connections, at least 1.
     * @param joins             MP_JOIN subflows per connection, 0..{@link #MAX_JOINS}.
     * @param bytesPerDirection mean data bytes each way per connection; each connection draws its own count
     *                          uniformly within +-25% of it (at least 2: a
     *                          direction has at least two data segments).
     * @param segmentSize       largest payload per segment, 100..{@link #MAX_SEGMENT_SIZE}; segments are
     *                          0.75..1 times this.
     * @param seed              seed: the same config writes the same bytes.
     * @param ipv6Fraction      fraction of connections over IPv6, 0..1.
     * @param activeWindow      connections interleaved at a time, at least 1.
     * @param dsn               width of the DSNs and DATA_ACKs in DSS options.
     * @param nearWrap          keys chosen so that every direction's data crosses a 2^32 wrap of its DSN.
     */
    public record Config(int connections, int joins, long bytesPerDirection, int segmentSize, long seed,
        double ipv6Fraction, int activeWindow, DsnWidth dsn, boolean nearWrap)
    {
        /**
         * A config with 64-bit DSNs and keys drawn at random.
         *
         * @param connections       number of connections.
         * @param joins             MP_JOIN subflows per connection.
         * @param bytesPerDirection mean bytes each way.
         * @param segmentSize       largest payload per segment.
         * @param seed              seed.
         * @param ipv6Fraction      fraction over IPv6.
         * @param activeWindow      connections interleaved at a time.
         */
        public Config(final int connections, final int joins, final long bytesPerDirection, final int segmentSize,
            final long seed, final double ipv6Fraction, final int activeWindow)
        {
            this(connections, joins, bytesPerDirection, segmentSize, seed, ipv6Fraction, activeWindow,
                DsnWidth.DSN64, false);
        }

        /**
         * @param width    DSN width.
         * @param wrap     whether every direction's data crosses a 2^32 DSN wrap.
         * @return this config with those.
         */
        public Config withDsn(final DsnWidth width, final boolean wrap)
        {
            return new Config(connections, joins, bytesPerDirection, segmentSize, seed, ipv6Fraction, activeWindow,
                width, wrap);
        }

        /**
         * Checks the ranges.
         */
        public Config
        {
            if (connections < 1 || joins < 0 || joins > MAX_JOINS || bytesPerDirection < 2 || segmentSize < 100 ||
                segmentSize > MAX_SEGMENT_SIZE || ipv6Fraction < 0 || ipv6Fraction > 1 || activeWindow < 1 ||
                dsn == null)
            {
                throw new IllegalArgumentException("invalid trace config: connections=" + connections + " joins=" +
                    joins + " (0.." + MAX_JOINS + ") bytesPerDirection=" + bytesPerDirection + " segmentSize=" +
                    segmentSize + " (100.." + MAX_SEGMENT_SIZE + ") ipv6Fraction=" + ipv6Fraction +
                    " activeWindow=" + activeWindow + " dsn=" + dsn);
            }
        }

        /**
         * @param connections       number of connections.
         * @param joins             MP_JOIN subflows per connection.
         * @param bytesPerDirection mean bytes each way.
         * @param seed              seed.
         * @param ipv6Fraction      fraction over IPv6.
         * @return a config with 1400-byte segments and 64 active connections.
         */
        public static Config of(final int connections, final int joins, final long bytesPerDirection, final long seed,
            final double ipv6Fraction)
        {
            return new Config(connections, joins, bytesPerDirection, MAX_SEGMENT_SIZE, seed, ipv6Fraction, 64);
        }
    }

    /** How DSS options carry DSNs and DATA_ACKs (RFC 8684 3.3: flags m and a). */
    public enum DsnWidth
    {
        /** 64-bit DSNs and DATA_ACKs everywhere. */
        DSN64,
        /** The low 32 bits everywhere. */
        DSN32,
        /** Both on every connection: alternating per data segment, mappings and DATA_ACKs independently. */
        MIXED
    }

    /**
     * Ground truth of one generated connection.
     *
     * @param index         order of creation, from 0.
     * @param ipv6          IPv6 rather than IPv4.
     * @param clientAddress client's first address (initial subflow), as {@link InetText#address} prints it.
     * @param clientPort    client port of the initial subflow; join k uses clientPort + k.
     * @param serverAddress server's first address.
     * @param clientKey     Key-A.
     * @param serverKey     Key-B.
     * @param clientToken   token of Key-A (SHA-256, most significant 32 bits).
     * @param serverToken   token of Key-B, carried by every MP_JOIN SYN.
     * @param clientIdsn    IDSN of Key-A; the first client data byte has DSN clientIdsn + 1.
     * @param serverIdsn    IDSN of Key-B.
     * @param bytesUp       data bytes client to server (DATA_FIN not counted).
     * @param bytesDown     data bytes server to client.
     * @param subflows      TCP subflows: 1 + joins.
     * @param packets       packets of the connection.
     */
    public record ConnectionTruth(int index, boolean ipv6, String clientAddress, int clientPort, String serverAddress,
        long clientKey, long serverKey, int clientToken, int serverToken, long clientIdsn, long serverIdsn,
        long bytesUp, long bytesDown, int subflows, int packets)
    {
    }

    /**
     * A join flood mixed into the legitimate traffic: forged MP_JOIN SYNs with tokens no connection has, and
     * forged third ACKs on the 4-tuple of a pending join (right after its SYN/ACK, before the real third
     * ACK) with a wrong HMAC.
     *
     * @param synsPerPacket forged join SYNs after every legitimate packet, 0..64.
     * @param forgedAcks    whether every join gets one forged third ACK.
     */
    public record Flood(int synsPerPacket, boolean forgedAcks)
    {
        /** No flood. */
        public static final Flood NONE = new Flood(0, false);

        /**
         * Checks the range.
         */
        public Flood
        {
            if (synsPerPacket < 0 || synsPerPacket > 64)
            {
                throw new IllegalArgumentException("forged join SYNs per packet=" + synsPerPacket + " must be 0..64");
            }
        }
    }

    /**
     * What was written.
     *
     * @param packets     frames written (forged ones included).
     * @param fileBytes   bytes of the pcap file.
     * @param nanos       time taken.
     * @param connections ground truth, in order of creation.
     * @param forgedSyns  forged MP_JOIN SYNs written ({@link Flood}).
     * @param forgedAcks  forged third ACKs written.
     */
    public record Result(long packets, long fileBytes, long nanos, List<ConnectionTruth> connections,
        long forgedSyns, long forgedAcks)
    {
        /** @return legitimate packets: all but the forged ones. */
        public long legitimatePackets()
        {
            return packets - forgedSyns - forgedAcks;
        }
    }

    private TraceGenerator()
    {
    }

    /**
     * Generates a capture.
     *
     * @param config what to generate.
     * @param out    pcap file to create or truncate.
     * @return packets written and the ground truth.
     * @throws IOException if the file cannot be written.
     */
    public static Result generate(final Config config, final Path out) throws IOException
    {
        try (OutputStream stream = Files.newOutputStream(out))
        {
            return generate(config, stream);
        }
    }

    /**
     * Generates a capture with a join flood mixed in.
     *
     * @param config what to generate.
     * @param flood  the forged packets to add.
     * @param out    pcap file to create or truncate.
     * @return packets written, forged counts and the ground truth of the legitimate connections.
     * @throws IOException if the file cannot be written.
     */
    public static Result generate(final Config config, final Flood flood, final Path out) throws IOException
    {
        try (OutputStream stream = Files.newOutputStream(out))
        {
            return generate(config, flood, stream);
        }
    }

    /**
     * Generates a capture into a stream (not closed here).
     *
     * @param config what to generate.
     * @param out    where the pcap goes.
     * @return packets written and the ground truth.
     * @throws IOException if the stream fails.
     */
    public static Result generate(final Config config, final OutputStream out) throws IOException
    {
        return generate(config, Flood.NONE, out);
    }

    /**
     * Generates a capture with a join flood mixed in into a stream (not closed here).
     *
     * @param config what to generate.
     * @param flood  the forged packets to add.
     * @param out    where the pcap goes.
     * @return packets written, forged counts and the ground truth.
     * @throws IOException if the stream fails.
     */
    public static Result generate(final Config config, final Flood flood, final OutputStream out) throws IOException
    {
        final long start = System.nanoTime();
        final SplittableRandom random = new SplittableRandom(config.seed());
        final SplittableRandom clock = random.split();
        final FrameBuilder fb = new FrameBuilder(out, OUTPUT_BUFFER_BYTES, random.nextLong());
        final TraceConnection.Crypto crypto = new TraceConnection.Crypto();
        final Set<Integer> tokens = new HashSet<>();
        final List<ConnectionTruth> truth = new ArrayList<>(config.connections());
        final TraceConnection[] active = new TraceConnection[Math.min(config.activeWindow(), config.connections())];
        int created = 0;
        int count = 0;
        while (count < active.length)
        {
            active[count++] = create(config, created++, random, crypto, tokens);
        }
        long now = START_MICROS;
        int ipId = 0;
        // Its own stream, so the legitimate traffic is the same with or without a flood.
        final SplittableRandom forger = new SplittableRandom(config.seed() ^ 0x6a6f696e666c6f6fL);
        long forgedSyns = 0;
        long forgedAcks = 0;
        int i = 0;
        while (count > 0)
        {
            final TraceConnection c = active[i];
            c.emit(fb, now, ipId++);
            now += 1 + clock.nextInt(30);
            if (flood.forgedAcks() && c.awaitingJoinAck())
            {
                c.emitForgedJoinAck(fb, now++, ipId++, forger);
                forgedAcks++;
            }
            for (int f = 0; f < flood.synsPerPacket(); f++)
            {
                int token;
                do
                {
                    token = forger.nextInt();
                }
                while (tokens.contains(token));
                TraceConnection.emitForgedJoinSyn(fb, now++, ipId++, forger.nextDouble() < config.ipv6Fraction(),
                    token, forger);
                forgedSyns++;
            }
            if (c.done())
            {
                truth.add(truth(c));
                if (created < config.connections())
                {
                    active[i] = create(config, created++, random, crypto, tokens);
                }
                else
                {
                    active[i] = active[--count];
                    active[count] = null;
                    if (i >= count)
                    {
                        i = 0;
                    }
                    continue;
                }
            }
            i++;
            if (i >= count)
            {
                i = 0;
            }
        }
        fb.flush();
        truth.sort((a, b) -> Integer.compare(a.index(), b.index()));
        return new Result(fb.frames(), fb.bytesWritten(), System.nanoTime() - start, List.copyOf(truth), forgedSyns,
            forgedAcks);
    }

    private static TraceConnection create(final Config config, final int index, final SplittableRandom random,
        final TraceConnection.Crypto crypto, final Set<Integer> tokens)
    {
        final boolean v6 = random.nextDouble() < config.ipv6Fraction();
        // Tokens identify connections to MP_JOIN (and to tshark): draw keys again on a collision.
        long keyA;
        long keyB;
        do
        {
            keyA = random.nextLong();
            keyB = random.nextLong();
        }
        while (!tokens.add(crypto.derive.tokenV1(keyB)) || !tokens.add(crypto.derive.tokenV1(keyA)));
        final long mean = config.bytesPerDirection();
        final long spread = mean / 4;
        final long up = Math.max(2, mean - spread + (spread == 0 ? 0 : random.nextLong(2 * spread + 1)));
        final long down = Math.max(2, mean - spread + (spread == 0 ? 0 : random.nextLong(2 * spread + 1)));
        if (config.nearWrap())
        {
            tokens.remove(crypto.derive.tokenV1(keyA));
            tokens.remove(crypto.derive.tokenV1(keyB));
            keyA = wrappingKey(up, random, crypto, tokens);
            keyB = wrappingKey(down, random, crypto, tokens);
        }
        return new TraceConnection(index, v6, keyA, keyB, up, down, config.joins(), config.segmentSize(), random,
            crypto, config.dsn());
    }

    /**
     * Draws keys until one's IDSN + 1 has low 32 bits within 3/4 of {@code bytes} below 2^32 (so the data
     * sent from it crosses the wrap after at least a quarter of it) and an unused token.
     */
    private static long wrappingKey(final long bytes, final SplittableRandom random,
        final TraceConnection.Crypto crypto, final Set<Integer> tokens)
    {
        final long window = Math.max(1, Math.min(bytes * 3 / 4, 1L << 31));
        while (true)
        {
            final long key = random.nextLong();
            final long low = crypto.derive.deriveV1(key).idsn() + 1 & 0xFFFF_FFFFL;
            if (low > (1L << 32) - window && tokens.add(crypto.derive.token()))
            {
                return key;
            }
        }
    }

    private static ConnectionTruth truth(final TraceConnection c)
    {
        return new ConnectionTruth(c.index, c.v6, text(c.client), c.clientPort, text(c.server), c.keyA, c.keyB,
            c.tokenA, c.tokenB, c.idsnA, c.idsnB, c.bytesUp, c.bytesDown, c.subflows, c.packets);
    }

    private static String text(final byte[] address)
    {
        return InetText.address(address);
    }

    /**
     * Prints how long a trace of about a million packets takes: {@code TraceGenerator [connections] [file]}.
     *
     * @param args optional connection count (default 5000) and output file (default a temporary file).
     * @throws IOException if the file cannot be written.
     */
    public static void main(final String[] args) throws IOException
    {
        final int connections = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        final Path file = args.length > 1 ? Path.of(args[1]) : Files.createTempFile("mpdp-trace", ".pcap");
        for (int run = 0; run < 3; run++)
        {
            final Result r = generate(Config.of(connections, 2, 100_000, 42, 0.2), file);
            System.out.printf("%d packets, %d connections, %.1f MB in %.3f s: %.0f packets/s%n", r.packets(),
                r.connections().size(), r.fileBytes() / 1e6, r.nanos() / 1e9, r.packets() / (r.nanos() / 1e9));
        }
        if (args.length <= 1)
        {
            Files.delete(file);
        }
    }
}
