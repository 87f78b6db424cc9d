package org.mpdp.dataplane.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the Linux MPTCP stack's own sockets across an {@link MptcpTestbed} while it captures: the
 * test resource {@code mptcp_traffic.py} listens in the server namespace with
 * {@code socket(AF_INET[6], SOCK_STREAM, IPPROTO_MPTCP=262)} and echoes, and connects from the client
 * namespace, sending in 8 KiB chunks, 10 ms apart for the first half so the path manager joins path 2
 * early, back to back for the second half so the scheduler may use the joined subflows too.
 * Each side reports what its sockets sent and received.
 */
public final class MptcpTraffic
{
    /** The script, a test resource. */
    public static final String SCRIPT = "mptcp_traffic.py";
    /** Longest the client may run. */
    public static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(30);

    private static final Pattern REPORT = Pattern.compile(
        "^mptcp-traffic (client|server) conn=(\\d+) sent=(\\d+) received=(\\d+) match=(\\S+) error=(\\S+)$");

    private static final Pattern SUBFLOW = Pattern.compile("^mptcp-traffic subflow conn=(\\d+) local=(\\S+) " +
        "remote=(\\S+) bytes_received=(\\d+) bytes_acked=(\\d+)$");

    private MptcpTraffic()
    {
    }

    /** How the client ends each connection. */
    public enum Close
    {
        /** shutdown(SHUT_WR) after the last byte (DATA_FIN), read the echo to EOF, close. */
        CLEAN,
        /** Read half the echo, leave the rest unread, SO_LINGER 0, close: an abortive close. */
        ABORT
    }

    /**
     * One traffic run.
     *
     * @param port          server TCP port.
     * @param connections   parallel connections.
     * @param bytes         bytes each connection sends (and gets echoed).
     * @param close         how the client closes.
     * @param midwayCommand shell command run in the client namespace after connection 0 sent half its
     *                      bytes, or null.
     */
    public record Spec(int port, int connections, int bytes, Close close, String midwayCommand)
    {
        /**
         * @param port  server TCP port.
         * @param bytes bytes to send.
         * @return one connection, clean close, nothing midway.
         */
        public static Spec single(final int port, final int bytes)
        {
            return new Spec(port, 1, bytes, Close.CLEAN, null);
        }
    }

    /**
     * One socket's own counts.
     *
     * @param role       client or server.
     * @param connection index (the server's are in accept order, not the client's order).
     * @param sent       bytes send() accepted.
     * @param received   bytes recv() returned.
     * @param echoed     "true" when the echo equalled what was sent (clean clients), else "false" or "-".
     * @param error      Python exception class name the connection ended with, or "-".
     */
    public record Counts(String role, int connection, long sent, long received, String echoed, String error)
    {
    }

    /**
     * What a run left.
     *
     * @param capture the pcaps.
     * @param client  per-connection counts of the client's sockets, by connection index.
     * @param server  per-connection counts of the server's sockets, in accept order.
     * @param elapsed wall time of the client.
     */
    public record Result(MptcpTestbed.CaptureFiles capture, List<Counts> client, List<Counts> server,
        Duration elapsed)
    {
        /**
         * @param side client or server counts.
         * @return sum of sent bytes.
         */
        public static long sent(final List<Counts> side)
        {
            return side.stream().mapToLong(Counts::sent).sum();
        }

        /**
         * @param side client or server counts.
         * @return sum of received bytes.
         */
        public static long received(final List<Counts> side)
        {
            return side.stream().mapToLong(Counts::received).sum();
        }
    }

    /**
     * Captures on the testbed while the server and then the client run, and stops the capture once both
     * have exited.
     *
     * @param bed  testbed; the traffic uses its {@link MptcpTestbed.Config#family()} and path-1 address.
     * @param spec what to send.
     * @param dir  where the script and the pcaps go.
     * @return counts and capture files.
     * @throws IllegalStateException when either side fails or a count line is missing.
     */
    public static Result run(final MptcpTestbed bed, final Spec spec, final Path dir)
    {
        final Path script = copyScript(dir);
        final String python = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
        final boolean v6 = bed.config().family() == MptcpTestbed.Family.IPV6;
        final String family = v6 ? "6" : "4";
        try (MptcpTestbed.Capture capture = bed.capture(dir))
        {
            final String serverOut;
            final String clientOut;
            final String context;
            final long start;
            final long end;
            // Wildcard bind, so joins to the address the server announces with ADD_ADDR are accepted too.
            try (Cmd.Background server = Cmd.Background.start(Map.of(), bed.inServerCommand(python, script.toString(),
                "server", family, v6 ? "::" : "0.0.0.0", Integer.toString(spec.port()),
                Integer.toString(spec.connections()))))
            {
                if (!server.awaitStderr("listening", MptcpTestbed.TIMEOUT))
                {
                    throw new IllegalStateException("traffic server did not start: " + server.stderr());
                }
                final List<String> args = new ArrayList<>(List.of(python, script.toString(), "client", family,
                    bed.address(false, 1), Integer.toString(spec.port()), Integer.toString(spec.connections()),
                    Integer.toString(spec.bytes()), spec.close().name().toLowerCase()));
                if (spec.midwayCommand() != null)
                {
                    args.add(spec.midwayCommand());
                }
                start = System.nanoTime();
                final Cmd.Result client = Cmd.run(CLIENT_TIMEOUT, Map.of(),
                    bed.inClientCommand(args.toArray(String[]::new))).ok();
                end = System.nanoTime();
                final int exit = server.waitFor(MptcpTestbed.TIMEOUT);
                if (exit != 0)
                {
                    throw new IllegalStateException("traffic server exited " + exit + ": " + server.stderr());
                }
                serverOut = server.stdout();
                clientOut = client.stdout();
                context = client + "--- server stdout\n" + serverOut + "--- server stderr\n" + server.stderr();
            }
            // The last ACKs of the closing handshakes are in flight for microseconds after the sockets close.
            Cmd.sleep(100);
            final MptcpTestbed.CaptureFiles files = capture.stop();
            return new Result(files, counts(clientOut, "client", spec.connections(), context),
                counts(serverOut, "server", spec.connections(), context), Duration.ofNanos(end - start));
        }
    }

    /**
     * Writes the script into a directory (a test resource is no file a child process can run).
     *
     * @param dir where it goes.
     * @return its path.
     */
    public static Path copyScript(final Path dir)
    {
        final Path script = dir.resolve(SCRIPT);
        try (InputStream in = MptcpTraffic.class.getClassLoader().getResourceAsStream(SCRIPT))
        {
            if (in == null)
            {
                throw new IllegalStateException("test resource " + SCRIPT + " is not on the classpath");
            }
            Files.createDirectories(dir);
            Files.write(script, in.readAllBytes());
            return script;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * One subflow as the server's kernel counted it ({@code ss -ti}, printed by the script's {@code ss}
     * option just before the server closes the connection).
     *
     * @param connection    the server's connection index (accept order).
     * @param local         the server's address and port, {@code 198.18.1.2:5201} or {@code [fd00:...]:5201}.
     * @param remote        the client's address and port.
     * @param bytesReceived payload bytes the subflow received.
     * @param bytesAcked    payload bytes it sent and got acknowledged.
     */
    public record Subflow(int connection, String local, String remote, long bytesReceived, long bytesAcked)
    {
        /**
         * @return the client's address without the port, IPv6 brackets or the {@code ::ffff:} of an IPv4
         *     subflow of an IPv6 socket.
         */
        public String remoteAddress()
        {
            final String host = remote.substring(0, remote.lastIndexOf(':'));
            final String address = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
            return address.startsWith("::ffff:") && address.indexOf('.') > 0 ? address.substring(7) : address;
        }
    }

    /**
     * @param output the server's standard output.
     * @return its subflow lines, in order.
     */
    public static List<Subflow> subflows(final String output)
    {
        final List<Subflow> subflows = new ArrayList<>();
        for (final String line : output.lines().toList())
        {
            final Matcher m = SUBFLOW.matcher(line);
            if (m.matches())
            {
                subflows.add(new Subflow(Integer.parseInt(m.group(1)), m.group(2), m.group(3),
                    Long.parseLong(m.group(4)), Long.parseLong(m.group(5))));
            }
        }
        return List.copyOf(subflows);
    }

    /**
     * @param output      a side's standard output.
     * @param role        client or server.
     * @param connections how many connections must have reported.
     * @param context     what to show when one is missing.
     * @return per-connection counts, by index.
     * @throws IllegalStateException when a connection reported nothing.
     */
    public static List<Counts> counts(final String output, final String role, final int connections,
        final String context)
    {
        final Counts[] byIndex = new Counts[connections];
        for (final String line : output.lines().toList())
        {
            final Matcher m = REPORT.matcher(line);
            if (m.matches() && m.group(1).equals(role))
            {
                final int index = Integer.parseInt(m.group(2));
                byIndex[index] = new Counts(role, index, Long.parseLong(m.group(3)), Long.parseLong(m.group(4)),
                    m.group(5), m.group(6));
            }
        }
        final List<Counts> counts = new ArrayList<>();
        for (int i = 0; i < connections; i++)
        {
            if (byIndex[i] == null)
            {
                throw new IllegalStateException(role + " reported no counts for connection " + i + ":\n" + context);
            }
            counts.add(byIndex[i]);
        }
        return List.copyOf(counts);
    }
}
