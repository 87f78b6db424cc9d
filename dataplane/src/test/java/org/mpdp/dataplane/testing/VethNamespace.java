package org.mpdp.dataplane.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A veth pair with one end in the root namespace (for DPDK's net_af_packet) and the peer in a fresh
 * network namespace with an IPv4 address, IPv6 off (no router solicitations or MLD reports) and a
 * static neighbour entry for the root side, so nothing needs ARP. Names and MACs derive from the
 * pid, so parallel test JVMs do not collide; {@link #close()} removes everything, and
 * {@link #create} first removes leftovers of an earlier run with the same names.
 */
public final class VethNamespace implements AutoCloseable
{
    /** Longest any ip/sysctl call may take. */
    public static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final String namespace;
    private final String rootIf;
    private final String nsIf;
    private final byte[] rootMac;
    private final byte[] nsMac;
    private final byte[] rootIp;
    private final byte[] nsIp;

    private VethNamespace(final String namespace, final String rootIf, final String nsIf, final byte[] rootMac,
        final byte[] nsMac, final byte[] rootIp, final byte[] nsIp)
    {
        this.namespace = namespace;
        this.rootIf = rootIf;
        this.nsIf = nsIf;
        this.rootMac = rootMac;
        this.nsMac = nsMac;
        this.rootIp = rootIp;
        this.nsIp = nsIp;
    }

    /**
     * Creates the namespace and the pair, both ends up, and waits for the root end's carrier.
     *
     * @param rootIp address the namespace reaches the root end at (not configured on the root end: DPDK owns it).
     * @param nsIp   address of the namespace end, a /24.
     * @return the set-up pair.
     * @throws IllegalStateException when a command fails; whatever was created is removed first.
     */
    public static VethNamespace create(final byte[] rootIp, final byte[] nsIp)
    {
        return create("", rootIp, nsIp);
    }

    /**
     * A second (third, ...) pair in the same JVM: names and MACs also carry {@code tag}.
     *
     * @param tag    "" or one lower-case letter.
     * @param rootIp address the namespace reaches the root end at (not configured on the root end).
     * @param nsIp   address of the namespace end, a /24.
     * @return the set-up pair.
     */
    public static VethNamespace create(final String tag, final byte[] rootIp, final byte[] nsIp)
    {
        if (!tag.matches("[a-z]?"))
        {
            throw new IllegalArgumentException("tag must be empty or one letter a-z: " + tag);
        }
        final long pid = ProcessHandle.current().pid();
        // Interface names hold 15 characters: "mpdpv" + a pid (at most 7 digits, pid_max 4194304) + tag + "a".
        final String name = pid + tag;
        final byte family = (byte)(0x70 + (tag.isEmpty() ? 0 : tag.charAt(0) - 'a' + 1));
        final byte[] rootMac = {0x02, 0x6d, family, (byte)(pid >> 8), (byte)pid, 0x0a};
        final byte[] nsMac = {0x02, 0x6d, family, (byte)(pid >> 8), (byte)pid, 0x0b};
        final VethNamespace veth = new VethNamespace("mpdp-it-" + pid + (tag.isEmpty() ? "" : "-" + tag),
            "mpdpv" + name + "a", "mpdpv" + name + "b", rootMac, nsMac, rootIp, nsIp);
        removeLeftoversOfDeadRuns();
        veth.removeQuietly();
        try
        {
            veth.setUp();
        }
        catch (final RuntimeException ex)
        {
            veth.removeQuietly();
            throw ex;
        }
        return veth;
    }

    /** Namespaces named mpdp-it-PID whose PID is gone were left by a killed test JVM: remove them and their veth. */
    private static void removeLeftoversOfDeadRuns()
    {
        final Pattern name = Pattern.compile("^(mpdp-it-(\\d+)(-[a-z])?)\\b");
        for (final String line : Cmd.run(TIMEOUT, "ip", "netns", "list").stdout().lines().toList())
        {
            final Matcher m = name.matcher(line);
            if (m.find() && ProcessHandle.of(Long.parseLong(m.group(2))).isEmpty())
            {
                // Deleting the namespace deletes its veth end, and with it the root end.
                Cmd.run(TIMEOUT, "ip", "netns", "delete", m.group(1));
            }
        }
    }

    private void setUp()
    {
        ip("netns", "add", namespace);
        ip("link", "add", rootIf, "address", mac(rootMac), "type", "veth", "peer", "name", nsIf, "address", mac(nsMac),
            "netns", namespace);
        // IPv6 off before the links go up, so they never send router solicitations or MLD reports.
        Cmd.run(TIMEOUT, "sysctl", "-q", "-w", "net.ipv6.conf." + rootIf + ".disable_ipv6=1").ok();
        inNamespace("sysctl", "-q", "-w", "net.ipv6.conf." + nsIf + ".disable_ipv6=1");
        ip("link", "set", rootIf, "up");
        ip("-n", namespace, "link", "set", "lo", "up");
        ip("-n", namespace, "addr", "add", ipv4(nsIp) + "/24", "dev", nsIf);
        ip("-n", namespace, "link", "set", nsIf, "up");
        ip("-n", namespace, "neigh", "replace", ipv4(rootIp), "lladdr", mac(rootMac), "dev", nsIf, "nud", "permanent");
        final Path operstate = Path.of("/sys/class/net", rootIf, "operstate");
        final long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!"up".equals(read(operstate)))
        {
            if (System.nanoTime() > deadline)
            {
                throw new IllegalStateException(rootIf + " did not come up: operstate " + read(operstate));
            }
            Cmd.sleep(10);
        }
    }

    private static String read(final Path file)
    {
        try
        {
            return Files.readString(file).strip();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private static void ip(final String... args)
    {
        final List<String> command = new ArrayList<>();
        command.add("ip");
        command.addAll(List.of(args));
        Cmd.run(TIMEOUT, Map.of(), command).ok();
    }

    /**
     * Runs a command inside the namespace and checks it exits 0.
     *
     * @param command program and arguments.
     * @return its result.
     */
    public Cmd.Result inNamespace(final String... command)
    {
        return Cmd.run(TIMEOUT, Map.of(), inNamespaceCommand(command)).ok();
    }

    /**
     * @param command program and arguments.
     * @return {@code ip netns exec NAMESPACE command...}.
     */
    public List<String> inNamespaceCommand(final String... command)
    {
        final List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
        full.addAll(List.of(command));
        return full;
    }

    /**
     * @return network namespace name.
     */
    public String namespace()
    {
        return namespace;
    }

    /**
     * @return the root-namespace end, for net_af_packet.
     */
    public String rootInterface()
    {
        return rootIf;
    }

    /**
     * @return the end inside the namespace.
     */
    public String namespaceInterface()
    {
        return nsIf;
    }

    /**
     * @return MAC of the root end.
     */
    public byte[] rootMac()
    {
        return rootMac.clone();
    }

    /**
     * @return MAC of the namespace end.
     */
    public byte[] namespaceMac()
    {
        return nsMac.clone();
    }

    /**
     * @return IPv4 address the namespace uses for the root end.
     */
    public byte[] rootIp()
    {
        return rootIp.clone();
    }

    /**
     * @return IPv4 address of the namespace end.
     */
    public byte[] namespaceIp()
    {
        return nsIp.clone();
    }

    /**
     * @param address 4 bytes.
     * @return dotted quad.
     */
    public static String ipv4(final byte[] address)
    {
        return (address[0] & 0xFF) + "." + (address[1] & 0xFF) + "." + (address[2] & 0xFF) + "." + (address[3] & 0xFF);
    }

    private static String mac(final byte[] mac)
    {
        return HexFormat.ofDelimiter(":").formatHex(mac);
    }

    /** Deleting the namespace destroys its veth end and with it the pair; the root end is deleted too in case. */
    private void removeQuietly()
    {
        Cmd.run(TIMEOUT, "ip", "netns", "delete", namespace);
        Cmd.run(TIMEOUT, "ip", "link", "delete", rootIf);
    }

    /**
     * Removes the namespace and the pair.
     *
     * @throws IllegalStateException when either is still there afterwards.
     */
    @Override
    public void close()
    {
        removeQuietly();
        // The kernel tears a deleted namespace's devices down in the background: give it a moment.
        final long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (exists())
        {
            if (System.nanoTime() > deadline)
            {
                throw new IllegalStateException("namespace " + namespace + " or interface " + rootIf +
                    " still exists after deleting them");
            }
            Cmd.sleep(20);
            Cmd.run(TIMEOUT, "ip", "link", "delete", rootIf);
        }
    }

    private boolean exists()
    {
        final String namespaces = Cmd.run(TIMEOUT, "ip", "netns", "list").stdout();
        return namespaces.lines().anyMatch(l -> l.split(" ")[0].equals(namespace)) ||
            Files.exists(Path.of("/sys/class/net", rootIf));
    }
}
