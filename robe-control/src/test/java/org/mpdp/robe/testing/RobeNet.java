package org.mpdp.robe.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.mpdp.dataplane.testing.Cmd;

/**
 * Network namespaces joined by veth pairs for RobE's live tests: {@code robe-it-PID-NAME} namespaces, each veth
 * end either in one of them or in the root namespace (null), no addresses unless the test adds them. Closing
 * deletes every namespace (and with them their veth ends, and so the pairs); leftovers of dead test JVMs are
 * removed on creation, so a failed run leaves nothing behind for long.
 */
public final class RobeNet implements AutoCloseable
{
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final Pattern LEFTOVER = Pattern.compile("^(robe-it-(\\d+)-[a-z0-9]+)\\b");

    private final long pid = ProcessHandle.current().pid();
    private final List<String> namespaces = new ArrayList<>();
    private final List<String> rootLinks = new ArrayList<>();

    /** @return a fresh, empty set. */
    public static RobeNet create()
    {
        for (final String line : Cmd.run(TIMEOUT, "ip", "netns", "list").stdout().lines().toList())
        {
            final Matcher m = LEFTOVER.matcher(line);
            if (m.find() && ProcessHandle.of(Long.parseLong(m.group(2))).isEmpty())
            {
                Cmd.run(TIMEOUT, "ip", "netns", "delete", m.group(1));
            }
        }
        return new RobeNet();
    }

    /**
     * @param name one short lower-case word.
     * @return the namespace's full name, created with lo up.
     */
    public String namespace(final String name)
    {
        final String ns = "robe-it-" + pid + "-" + name;
        Cmd.run(TIMEOUT, "ip", "netns", "delete", ns);
        Cmd.run(TIMEOUT, "ip", "netns", "add", ns).ok();
        namespaces.add(ns);
        run(ns, "ip", "link", "set", "lo", "up");
        return ns;
    }

    /**
     * @param ns      namespace, or null for the root namespace.
     * @param command command.
     * @return its result, checked.
     */
    public static Cmd.Result run(final String ns, final String... command)
    {
        return Cmd.run(TIMEOUT, java.util.Map.of(), command(ns, command)).ok();
    }

    /**
     * @param ns      namespace, or null for the root namespace.
     * @param command command.
     * @return the command prefixed to run in {@code ns}.
     */
    public static List<String> command(final String ns, final String... command)
    {
        final List<String> all = new ArrayList<>();
        if (ns != null)
        {
            all.addAll(List.of("ip", "netns", "exec", ns));
        }
        all.addAll(List.of(command));
        return all;
    }

    /**
     * A veth pair, both ends up, IPv6 off. Names are {@code rb<pid><tag>a} and {@code rb<pid><tag>b}.
     *
     * @param tag  one letter or digit.
     * @param nsA  namespace of end a, or null.
     * @param macA MAC of end a (6 bytes).
     * @param nsB  namespace of end b, or null.
     * @param macB MAC of end b.
     * @return the two names.
     */
    public String[] veth(final char tag, final String nsA, final byte[] macA, final String nsB, final byte[] macB)
    {
        final String a = "rb" + pid + tag + "a";
        final String b = "rb" + pid + tag + "b";
        Cmd.run(TIMEOUT, "ip", "link", "delete", a);
        Cmd.run(TIMEOUT, "ip", "link", "add", a, "address", mac(macA), "type", "veth", "peer", "name", b,
            "address", mac(macB)).ok();
        rootLinks.add(a);
        rootLinks.add(b);
        place(a, nsA);
        place(b, nsB);
        return new String[] {a, b};
    }

    private void place(final String link, final String ns)
    {
        if (ns != null)
        {
            Cmd.run(TIMEOUT, "ip", "link", "set", link, "netns", ns).ok();
        }
        run(ns, "sysctl", "-q", "-w", "net.ipv6.conf." + link + ".disable_ipv6=1");
        run(ns, "ip", "link", "set", link, "up");
        // One wire frame per packet: no TSO/GSO super-frames for af_packet to receive, no GRO merging them.
        Cmd.run(TIMEOUT, java.util.Map.of(), command(ns, "ethtool", "-K", link, "tx", "off", "tso", "off", "gso", "off",
            "gro", "off")).ok();
    }

    /** @return {@code aa:bb:...}. */
    public static String mac(final byte[] mac)
    {
        return HexFormat.ofDelimiter(":").formatHex(mac);
    }

    /**
     * @param family one byte telling the test's MACs apart.
     * @param index  which.
     * @return a locally administered unicast MAC.
     */
    public static byte[] mac(final int family, final int index)
    {
        final long pid = ProcessHandle.current().pid();
        return new byte[] {0x02, 0x72, (byte)family, (byte)(pid >> 8), (byte)pid, (byte)index};
    }

    @Override
    public void close()
    {
        for (final String ns : namespaces)
        {
            Cmd.run(TIMEOUT, "ip", "netns", "delete", ns);
        }
        for (final String link : rootLinks)
        {
            if (java.nio.file.Files.exists(java.nio.file.Path.of("/sys/class/net", link)))
            {
                Cmd.run(TIMEOUT, "ip", "link", "delete", link);
            }
        }
    }
}
