package org.mpdp.robe;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The RobE test topology: a server namespace reachable on two paths, each a veth pair whose root end is a
 * net_af_packet port of the RobE process (which has no kernel address there: its addresses live in the
 * config, answered by its own ARP responder). The server runs Linux MPTCP (limits: 8 subflows, 8 ADD_ADDR
 * accepted) and {@code robe_echo.py} on 0.0.0.0, so both of its addresses take MP_CAPABLE and MP_JOIN.
 *
 * <pre>
 *   RobE (root ns)                       server namespace
 *   port 0  rbA-PID  ==veth==  a0  198.18.1.2/24     (robe 198.18.1.20)
 *   port 1  rbB-PID  ==veth==  b0  198.18.2.2/24     (robe 198.18.2.20)
 * </pre>
 * Offloads are off on both ends (whole frames with real checksums). Closing deletes the namespace (and with it
 * the veths); a namespace left by a killed run of the same name is deleted first.
 */
final class TwoPaths implements AutoCloseable
{
    static final String SERVER_A = "198.18.1.2";
    static final String SERVER_B = "198.18.2.2";
    static final int PORT = 7000;

    final String ns;
    final String rootA;
    final String rootB;
    private final List<Process> background = new ArrayList<>();
    private Process echo;

    private TwoPaths(final String tag)
    {
        ns = "robe-" + tag;
        rootA = "rbA" + tag;
        rootB = "rbB" + tag;
    }

    static TwoPaths create(final Path dir) throws IOException
    {
        removeLeftoversOfDeadRuns();
        final TwoPaths t = new TwoPaths(Long.toString(ProcessHandle.current().pid()));
        t.remove();
        try
        {
            t.setUp(dir);
        }
        catch (final RuntimeException | IOException ex)
        {
            t.close();
            throw ex;
        }
        return t;
    }

    private void setUp(final Path dir) throws IOException
    {
        Sh.ok("ip", "netns", "add", ns);
        Sh.ok("ip", "link", "add", rootA, "type", "veth", "peer", "name", "a0", "netns", ns);
        Sh.ok("ip", "link", "add", rootB, "type", "veth", "peer", "name", "b0", "netns", ns);
        for (final String root : List.of(rootA, rootB))
        {
            Sh.ok("sysctl", "-q", "-w", "net.ipv6.conf." + root + ".disable_ipv6=1");
            Sh.ok("ethtool", "-K", root, "tx", "off", "tso", "off", "gso", "off", "gro", "off");
            Sh.ok("ip", "link", "set", root, "up");
        }
        for (final String dev : List.of("a0", "b0"))
        {
            in("sysctl", "-q", "-w", "net.ipv6.conf." + dev + ".disable_ipv6=1");
            in("ethtool", "-K", dev, "tx", "off", "tso", "off", "gso", "off", "gro", "off");
            Sh.ok("ip", "-n", ns, "link", "set", dev, "up");
        }
        Sh.ok("ip", "-n", ns, "link", "set", "lo", "up");
        Sh.ok("ip", "-n", ns, "addr", "add", SERVER_A + "/24", "dev", "a0");
        Sh.ok("ip", "-n", ns, "addr", "add", SERVER_B + "/24", "dev", "b0");
        Sh.ok("ip", "-n", ns, "mptcp", "limits", "set", "subflows", "8", "add_addr_accepted", "8");
        final Path script = dir.resolve("robe_echo.py");
        try (InputStream in = TwoPaths.class.getResourceAsStream("/robe_echo.py"))
        {
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        final Path log = dir.resolve("echo.log");
        echo = new ProcessBuilder("ip", "netns", "exec", ns, "python3", script.toString(), "0.0.0.0",
            Integer.toString(PORT)).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        final long deadline = System.nanoTime() + 10_000_000_000L;
        while (!Files.readString(log).contains("listening"))
        {
            if (System.nanoTime() > deadline || !echo.isAlive())
            {
                throw new IllegalStateException("echo server did not start: " + Files.readString(log));
            }
            sleep(20);
        }
    }

    /** @return the {@code ports:} and {@code robe:} sections for this topology. */
    String yaml(final String prefix, final Path counters, final String mode)
    {
        return String.join("\n",
            "eal:",
            "  file-prefix: " + prefix,
            "  hugepages: off",
            "  memory-mb: 512",
            "ports:",
            "  - vdev: net_af_packet0,iface=" + rootA,
            "  - vdev: net_af_packet1,iface=" + rootB,
            "layout:",
            "  mode: run-to-completion",
            "  cores: [0]",
            "  idle:",
            "    strategy: yield",
            "counters:",
            "  path: " + counters,
            "robe:",
            "  mode: " + mode,
            "  timer: 250ms",
            "  paths:",
            "    - port: 0",
            "      address: 198.18.1.20",
            "      gateway: " + SERVER_A,
            "      remote: " + SERVER_A,
            "    - port: 1",
            "      address: 198.18.2.20",
            "      gateway: " + SERVER_B,
            "      remote: " + SERVER_B,
            "");
    }

    /** Starts tcpdump on both server interfaces (immediate mode); {@link #stopCaptures} ends them. */
    void capture(final Path a, final Path b) throws IOException
    {
        for (final String[] c : new String[][] {{"a0", a.toString()}, {"b0", b.toString()}})
        {
            final Process p = new ProcessBuilder("ip", "netns", "exec", ns, "tcpdump", "-U", "--immediate-mode",
                "-i", c[0], "-w", c[1]).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
            background.add(p);
        }
        sleep(1000); // tcpdump has no "ready" line on a file; it is listening well within this
    }

    void stopCaptures()
    {
        for (final Process p : background)
        {
            p.destroy(); // SIGTERM: tcpdump flushes and exits
            try
            {
                p.waitFor(10, TimeUnit.SECONDS);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }
        background.clear();
    }

    /** Server path 0 drops every TCP segment to the echo port (a blackhole; ARP still works). */
    void blackholePath0(final boolean on)
    {
        if (on)
        {
            in("nft", "add", "table", "inet", "robe_bh");
            in("nft", "add", "chain", "inet", "robe_bh", "in", "{", "type", "filter", "hook", "input", "priority", "0",
                ";", "}");
            in("nft", "add", "rule", "inet", "robe_bh", "in", "iifname", "a0", "tcp", "dport", Integer.toString(PORT),
                "drop");
        }
        else
        {
            Sh.run("ip", "netns", "exec", ns, "nft", "delete", "table", "inet", "robe_bh");
        }
    }

    /**
     * The server drops two of every three RSTs it receives, in arrival order (nft numgen): a lossy path for the
     * RSTs only, deterministic, so a losing SIM attempt's first RST is lost and its later ones are not.
     */
    void dropTwoOfThreeRsts(final boolean on)
    {
        if (on)
        {
            in("nft", "add", "table", "inet", "robe_rst");
            in("nft", "add", "chain", "inet", "robe_rst", "in", "{", "type", "filter", "hook", "input", "priority",
                "0", ";", "}");
            in("nft", "add", "rule", "inet", "robe_rst", "in", "tcp", "flags", "&", "rst", "==", "rst", "numgen",
                "inc", "mod", "3", "!=", "2", "drop");
        }
        else
        {
            Sh.run("ip", "netns", "exec", ns, "nft", "delete", "table", "inet", "robe_rst");
        }
    }

    /** @return {@code ss -tan} lines in the server namespace in a state, e.g. syn-recv. */
    List<String> sockets(final String state)
    {
        final List<String> lines = new ArrayList<>();
        Sh.ok("ip", "netns", "exec", ns, "ss", "-Htan", "state", state).stdout().lines()
            .filter(l -> !l.isBlank()).forEach(lines::add);
        return lines;
    }

    /** @return the server's MPTcpExt counter (nstat, absolute). */
    long mib(final String name)
    {
        final String out = Sh.ok("ip", "netns", "exec", ns, "nstat", "-az", name).stdout();
        for (final String line : out.lines().toList())
        {
            final String[] f = line.trim().split("\\s+");
            if (f.length >= 2 && f[0].equals(name))
            {
                return Long.parseLong(f[1]);
            }
        }
        return 0;
    }

    void in(final String... command)
    {
        final List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        full.addAll(List.of(command));
        Sh.run(java.time.Duration.ofSeconds(30), full).ok(full);
    }

    /** A run killed before its close left robe-PID behind: deleted when that PID is gone. */
    private static void removeLeftoversOfDeadRuns()
    {
        for (final String line : Sh.run("ip", "netns", "list").stdout().lines().toList())
        {
            final java.util.regex.Matcher m = java.util.regex.Pattern.compile("^robe-(\\d+)\\b").matcher(line);
            if (m.find() && ProcessHandle.of(Long.parseLong(m.group(1))).isEmpty())
            {
                new TwoPaths(m.group(1)).remove();
            }
        }
    }

    private void remove()
    {
        Sh.run("ip", "netns", "delete", ns);
        Sh.run("ip", "link", "delete", rootA);
        Sh.run("ip", "link", "delete", rootB);
    }

    private static void sleep(final long ms)
    {
        try
        {
            Thread.sleep(ms);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close()
    {
        stopCaptures();
        if (echo != null)
        {
            echo.destroyForcibly();
        }
        remove();
    }
}
