package org.mpdp.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import org.agrona.concurrent.BusySpinIdleStrategy;
import org.mpdp.dataplane.agent.Forwarder;
import org.mpdp.dataplane.mirror.PcapWriter;
import org.mpdp.dataplane.port.Burst;
import org.mpdp.dataplane.port.PortConfig;
import org.mpdp.dpdk.Eal;
import org.mpdp.dpdk.EalOptions;
import org.mpdp.dpdk.EthDev;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mpdp demo}: the data path on virtual devices, no NIC needed. Forwards between a net_null
 * pair for a few seconds, then replays a capture from net_pcap through the forwarding loop into a
 * pcap file and checks, with tcpdump, that every frame came out.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Run the forwarding data path on virtual devices and show what it did.")
public final class DemoCommand implements Callable<Integer>
{
    @Option(names = "--capture", paramLabel = "PCAP",
        description = "Capture to replay (default: mptcp-v0.pcap from the shared captures, else a built-in one).")
    Path capture;

    @Option(names = "--captures-dir", defaultValue = "${sys:mpdp.captures:-../shared/captures}", paramLabel = "DIR",
        description = "Where the public captures are (default ${DEFAULT-VALUE}).")
    Path capturesDir;

    @Option(names = "--seconds", defaultValue = "3", description = "Seconds of net_null forwarding (default ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--work-dir", defaultValue = "${java.io.tmpdir}/mpdp-demo", description = "Where output files go.")
    Path workDir;

    @Option(names = "--config", paramLabel = "FILE", description = "Properties file with defaults for these options.")
    String config;

    @Override
    public Integer call() throws IOException, InterruptedException
    {
        final PrintStream out = System.out;
        Files.createDirectories(workDir);
        final Path in = chooseCapture(out);
        final Path outFile = workDir.resolve("forwarded.pcap");
        Files.deleteIfExists(outFile);
        final List<String> vdevs = List.of("net_null0", "net_null1", "net_pcap0,rx_pcap=" + in,
            "net_pcap1,tx_pcap=" + outFile);
        out.println("== mpdp demo: EAL with virtual devices " + vdevs);
        try (Eal dpdk = Eal.start(EalOptions.defaults(vdevs).withMemoryMb(512).withLogLevel("warning")))
        {
            out.println("\n== 1. poll-mode forwarding between net_null0 <-> net_null1 for " + seconds + " s");
            final ForwardCommand forward = new ForwardCommand();
            forward.duration = seconds;
            forward.statsInterval = 1;
            forward.burst = Burst.DEFAULT_SIZE;
            forward.queues = 1;
            forward.rxd = PortConfig.DEFAULT_RX_DESC;
            forward.txd = PortConfig.DEFAULT_TX_DESC;
            forward.dataRoom = 2176;
            forward.cpu = -1;
            forward.idle = "busy";
            final int rc = forward.run(dpdk, List.of(EthDev.portByName("net_null0"), EthDev.portByName("net_null1")), out);
            if (rc != 0)
            {
                return rc;
            }
            out.println("\n== 2. replay " + in + " through net_pcap0 -> forwarding loop -> net_pcap1 (" + outFile + ")");
            final long expected = countFrames(in);
            final long forwarded;
            try (Forwarder forwarder = new Forwarder(List.of(EthDev.portByName("net_pcap0"), EthDev.portByName("net_pcap1")),
                PortConfig.defaults(1), Burst.DEFAULT_SIZE, -1, new BusySpinIdleStrategy(), 9216 + 128))
            {
                forwarder.start();
                final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (forwarder.forwarded() < expected && System.nanoTime() < deadline)
                {
                    Thread.sleep(10);
                }
                forwarded = forwarder.forwarded();
                forwarder.printCounters(out);
                final int leaked = forwarder.closePortsAndCountLeaks();
                out.println("  mbufs still in use after the ports closed: " + leaked);
            }
            final List<String> lines = tcpdump(outFile);
            out.println("  capture had " + expected + " frames; mpdp forwarded " + forwarded + "; tcpdump reads " +
                lines.size() + " from the output. First frames:");
            lines.stream().limit(5).forEach(l -> out.println("    " + l));
            final boolean ok = forwarded == expected && lines.size() == expected;
            out.println(ok ? "\n== demo done: every frame forwarded and accounted for" :
                "\n== demo: MISMATCH between capture, forwarder and output");
            return ok ? 0 : 1;
        }
    }

    private Path chooseCapture(final PrintStream out) throws IOException
    {
        if (capture != null)
        {
            return capture.toAbsolutePath();
        }
        final Path shared = capturesDir.resolve("tcpdump/mptcp-v0.pcap");
        if (Files.isReadable(shared))
        {
            return shared.toAbsolutePath();
        }
        final Path builtIn = workDir.resolve("builtin.pcap");
        out.println("(no shared captures at " + capturesDir + ": replaying a built-in capture of 64 UDP frames)");
        try (PcapWriter writer = new PcapWriter(builtIn, 2048))
        {
            for (int i = 0; i < 64; i++)
            {
                writer.write(builtInFrame(i), 1_700_000_000_000_000L + i * 1000L);
            }
        }
        return builtIn;
    }

    private static byte[] builtInFrame(final int seq)
    {
        final byte[] payload = ("mpdp demo frame " + seq).getBytes(StandardCharsets.US_ASCII);
        final ByteBuffer b = ByteBuffer.allocate(42 + payload.length);
        b.put(new byte[] {0x02, 0, 0, 0, 0, 0x02, 0x02, 0, 0, 0, 0, 0x01}).putShort((short)0x0800);
        b.put((byte)0x45).put((byte)0).putShort((short)(28 + payload.length)).putInt(0).put((byte)64).put((byte)17)
            .putShort((short)0).put(new byte[] {(byte)198, 18, 0, 1}).put(new byte[] {(byte)198, 18, 0, 2});
        b.putShort((short)40000).putShort((short)9).putShort((short)(8 + payload.length)).putShort((short)0);
        b.put(payload);
        return b.array();
    }

    static long countFrames(final Path pcap) throws IOException
    {
        final ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(pcap));
        if (b.remaining() < 24)
        {
            throw new IOException(pcap + " is not a pcap file");
        }
        final int magic = b.getInt(0);
        if (magic == 0xD4C3B2A1 || magic == 0x4D3CB2A1)
        {
            b.order(java.nio.ByteOrder.LITTLE_ENDIAN);
        }
        else if (magic != 0xA1B2C3D4 && magic != 0xA1B23C4D)
        {
            throw new IOException(pcap + " is not a classic pcap file (magic " + Integer.toHexString(magic) + ")");
        }
        long frames = 0;
        int pos = 24;
        while (pos + 16 <= b.limit())
        {
            pos += 16 + b.getInt(pos + 8);
            frames++;
        }
        return frames;
    }

    private static List<String> tcpdump(final Path file) throws IOException, InterruptedException
    {
        final Process p = new ProcessBuilder("tcpdump", "-nn", "-r", file.toString()).redirectError(
            ProcessBuilder.Redirect.DISCARD).start();
        final List<String> lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        p.waitFor(30, TimeUnit.SECONDS);
        return lines;
    }
}
