package org.mpdp.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.mpdp.dataplane.analyze.TraceGenerator;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mpdp generate-trace}: writes a synthetic, valid MPTCP v1 capture (see {@link TraceGenerator}), e.g. as
 * input for {@code analyze} benchmarks, and prints what it wrote.
 */
@Command(name = "generate-trace", mixinStandardHelpOptions = true,
    description = "Write a synthetic but valid MPTCP v1 pcap (handshakes, joins, ADD_ADDR, data, close).")
public final class GenerateTraceCommand implements Callable<Integer>
{
    @Option(names = "--connections", defaultValue = "1000",
        description = "MPTCP connections (default ${DEFAULT-VALUE}).")
    int connections;

    @Option(names = "--joins", defaultValue = "2",
        description = "MP_JOIN subflows per connection, 0..7 (default ${DEFAULT-VALUE}).")
    int joins;

    @Option(names = "--bytes", defaultValue = "100000",
        description = "Mean data bytes each way per connection, +-25%% (default ${DEFAULT-VALUE}).")
    long bytes;

    @Option(names = "--segment-size", defaultValue = "1400",
        description = "Largest payload per segment, 100..1400 (default ${DEFAULT-VALUE}).")
    int segmentSize;

    @Option(names = "--seed", defaultValue = "1",
        description = "Seed; the same options write the same file (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--ipv6-fraction", defaultValue = "0",
        description = "Fraction of IPv6 connections (default ${DEFAULT-VALUE}).")
    double ipv6Fraction;

    @Option(names = "--active", defaultValue = "64",
        description = "Connections interleaved at a time (default ${DEFAULT-VALUE}).")
    int active;

    @Option(names = "--dsn32", description = "DSS mappings and DATA_ACKs carry 32-bit DSNs (default: 64-bit).")
    boolean dsn32;

    @Option(names = "--dsn-mixed",
        description = "Mix 32- and 64-bit DSNs and DATA_ACKs on every connection (alternating per segment).")
    boolean dsnMixed;

    @Option(names = "--dsn-near-wrap", description = "Choose keys so that every direction's data crosses a 2^32 " +
        "DSN wrap (brute-force key search: slow for small --bytes).")
    boolean dsnNearWrap;

    @Option(names = "--forged-join-syns", defaultValue = "0", paramLabel = "N",
        description = "Join flood: N forged MP_JOIN SYNs (random unknown tokens, random 198.19.0.0/16 or " +
            "fd00:198:19::/48 clients) after every legitimate packet, 0..64 (default ${DEFAULT-VALUE}).")
    int forgedJoinSyns;

    @Option(names = "--forged-join-acks", description = "Join flood: one forged third ACK per join, on the join's " +
        "4-tuple right after its SYN/ACK, with a wrong HMAC.")
    boolean forgedJoinAcks;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "pcap file to write.")
    Path out;

    @Option(names = "--config", paramLabel = "FILE", description = "Properties file with defaults for these options.")
    String config;

    @Override
    public Integer call() throws IOException
    {
        final PrintStream stdout = System.out;
        if (dsn32 && dsnMixed)
        {
            throw new IllegalArgumentException("dsn32 and dsn-mixed exclude each other: give one");
        }
        final TraceGenerator.Config c = new TraceGenerator.Config(connections, joins, bytes, segmentSize, seed,
            ipv6Fraction, active).withDsn(dsnMixed ? TraceGenerator.DsnWidth.MIXED : dsn32 ?
                TraceGenerator.DsnWidth.DSN32 : TraceGenerator.DsnWidth.DSN64, dsnNearWrap);

        final TraceGenerator.Result r = TraceGenerator.generate(c, new TraceGenerator.Flood(forgedJoinSyns,
            forgedJoinAcks), out);
        final double seconds = r.nanos() / 1e9;
        stdout.printf("generate-trace: %d packets, %d connections, %d bytes written to %s in %.3f s (%.0f packets/s)%n",
            r.packets(), r.connections().size(), r.fileBytes(), out, seconds, r.packets() / seconds);
        if (r.forgedSyns() + r.forgedAcks() > 0)
        {
            stdout.printf("generate-trace: join flood: %d legitimate packets, %d forged MP_JOIN SYNs, %d forged " +
                "third ACKs%n", r.legitimatePackets(), r.forgedSyns(), r.forgedAcks());
        }
        return 0;
    }
}
