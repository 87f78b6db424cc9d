package org.mpdp.robe.report;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.mpdp.dataplane.testing.Cmd;
import org.mpdp.dataplane.testing.LiveTestbed;
import org.mpdp.robe.testing.RobeNet;

/**
 * The robe-experiment's kernel echo server ({@code scripts/lib/robe_kernel.py server}) between runs. A connection
 * whose client vanished (its RST or MP_FASTCLOSE lost under loss) stays open at the server; the harness then
 * kills the server's sockets with {@code ss -K}. That kills the TCP subflow only ({@code ss -K -M} kills
 * nothing): the kernel's MPTCP socket stays established and never becomes readable, so the server would count
 * it open for ever (the full run of 2026-12-03 failed its loss/kernel check this way). SIGUSR2 makes the server
 * close what it holds.
 */
final class KernelEchoServerIT
{
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void killedConnectionIsClosedOnSigusr2() throws Exception
    {
        final String helper = LiveTestbed.root().resolve("scripts/lib/robe_kernel.py").toString();
        try (RobeNet net = RobeNet.create())
        {
            final String cli = net.namespace("kcli");
            final String srv = net.namespace("ksrv");
            final String[] link = net.veth('k', cli, RobeNet.mac(7, 1), srv, RobeNet.mac(7, 2));
            RobeNet.run(cli, "ip", "addr", "add", "198.18.97.1/24", "dev", link[0]);
            RobeNet.run(srv, "ip", "addr", "add", "198.18.97.2/24", "dev", link[1]);
            try (Cmd.Background server = Cmd.Background.start(Map.of(),
                    RobeNet.command(srv, "python3", helper, "server", "198.18.97.2", "7000")))
            {
                assertTrue(server.awaitStderr("listening on", WAIT), server.stderr());
                try (Cmd.Background client = Cmd.Background.start(Map.of(), RobeNet.command(cli, "python3", "-c",
                    "import socket, time\n" +
                    "s = socket.socket(socket.AF_INET, socket.SOCK_STREAM, 262)\n" +
                    "s.connect(('198.18.97.2', 7000))\n" +
                    "print('connected', flush=True)\n" +
                    "time.sleep(60)\n")))
                {
                    assertTrue(client.awaitStdout("connected", WAIT), client.stderr());
                    heldConnection(srv, server);
                }
            }
        }
    }

    private static void heldConnection(final String srv, final Cmd.Background server)
    {
        final long pid = Long.parseLong(server.stderr().replaceAll("(?s).* pid (\\d+).*", "$1"));
        awaitTally(server, pid, 1, "accepted=1 closed=0 open=1");
        final String before = RobeNet.run(srv, "ss", "-HtanM", "state", "established").stdout();
        assertTrue(before.lines().anyMatch(l -> l.startsWith("mptcp")), before);

        // sock_diag through ss destroys no MPTCP socket...
        RobeNet.run(srv, "ss", "-K", "-M", "state", "all", "exclude", "listening");
        final String mptcpKilled = RobeNet.run(srv, "ss", "-HtanM", "state", "established").stdout();
        assertTrue(mptcpKilled.lines().anyMatch(l -> l.startsWith("mptcp")), mptcpKilled);
        assertTrue(mptcpKilled.lines().anyMatch(l -> l.startsWith("tcp")), mptcpKilled);
        // ... and killing the subflow leaves the MPTCP socket.
        RobeNet.run(srv, "ss", "-K", "state", "all", "exclude", "listening");
        final String after = RobeNet.run(srv, "ss", "-HtanM", "state", "all", "exclude", "listening")
            .stdout();
        // The kernel's side of the story: the subflow is gone, the MPTCP socket is not.
        assertTrue(after.lines().noneMatch(l -> l.startsWith("tcp")), after);
        assertTrue(after.lines().anyMatch(l -> l.startsWith("mptcp")), "ss -K left the MPTCP socket: " + after);
        Cmd.sleep(1000);
        awaitTally(server, pid, 2, "accepted=0 closed=0 open=1");

        Cmd.run(WAIT, "kill", "-USR2", Long.toString(pid)).ok();
        awaitTally(server, pid, 3, "accepted=0 closed=0 open=0 fallback=0 subflows=- aborted=1");
        assertTrue(server.alive(), "the server survives SIGUSR2: " + server.stderr());
        final String gone = RobeNet.run(srv, "ss", "-HtanM", "state", "all", "exclude", "listening")
            .stdout();
        assertTrue(gone.lines().noneMatch(l -> l.startsWith("mptcp") && l.contains("ESTAB")), gone);
    }

    /** Asks for the tally (SIGUSR1) and waits for its {@code n}th line, which must start with {@code expected}. */
    private static void awaitTally(final Cmd.Background server, final long pid, final int n, final String expected)
    {
        Cmd.run(WAIT, "kill", "-USR1", Long.toString(pid)).ok();
        final long deadline = System.nanoTime() + WAIT.toNanos();
        List<String> lines = List.of();
        while (System.nanoTime() < deadline)
        {
            lines = server.stdout().lines().filter(l -> l.startsWith("robe-kernel server ")).toList();
            if (lines.size() >= n)
            {
                break;
            }
            Cmd.sleep(50);
        }
        assertTrue(lines.size() >= n, "tally " + n + " never came: " + server.stdout() + server.stderr());
        assertTrue(lines.get(n - 1).startsWith("robe-kernel server " + expected), lines.get(n - 1));
    }
}
