package org.mpdp.dataplane.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.mpdp.dataplane.config.RunConfig.Counters;
import org.mpdp.dataplane.config.RunConfig.Eal;
import org.mpdp.dataplane.config.RunConfig.Latency;
import org.mpdp.dataplane.config.RunConfig.Mirror;
import org.mpdp.dataplane.config.RunConfig.PortSpec;
import org.mpdp.dataplane.config.RunConfig.Report;
import org.mpdp.dataplane.config.RunConfig.Rings;
import org.mpdp.dataplane.config.RunConfig.Tables;
import org.mpdp.dataplane.track.Action;
import org.mpdp.dataplane.track.IngressFilter;
import org.mpdp.dataplane.track.Reason;
import org.mpdp.dataplane.track.Tracker;
import org.mpdp.dpdk.Affinity;
import org.mpdp.dpdk.EalOptions;

/**
 * Reads a {@link RunConfig}: YAML file → tree → {@code --set} overrides → one binding pass that
 * checks every value and collects every error line → cross-field checks (in {@link LayoutBinder}
 * for cores and pools). Throws a {@link ConfigException} with all the lines, or returns the config.
 */
final class ConfigLoader
{
    static final int MAX_PORTS = 32;
    static final int MAX_QUEUES = 64;
    static final long SECOND = 1_000_000_000L;
    static final long HOUR = 3600 * SECOND;

    private static final Pattern PCI = Pattern.compile("([0-9a-fA-F]{4}:)?[0-9a-fA-F]{2}:[01][0-9a-fA-F]\\.[0-7]");
    private static final Pattern VDEV = Pattern.compile("([a-z][a-z0-9_]*[0-9]+)((,[A-Za-z0-9_-]+=[^,\\s]*)*)");
    private static final Pattern QPAIRS = Pattern.compile(",qpairs=(\\d+)");
    private static final Pattern IPV4 = Pattern.compile(
        "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
    private static final Pattern FILE_PREFIX = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final List<String> LOG_LEVELS =
        List.of("emergency", "alert", "critical", "error", "warning", "notice", "info", "debug");
    private static final List<String> HUGEPAGES = List.of("auto", "on", "off");
    private static final List<String> ACTIONS = List.of("forward", "flag", "drop");
    /** EAL options the file sets through its own keys. */
    private static final Map<String, String> OWNED_EAL_ARGS = Map.ofEntries(
        Map.entry("-l", "layout"), Map.entry("--lcores", "layout"), Map.entry("-c", "layout"),
        Map.entry("-a", "ports"), Map.entry("--allow", "ports"), Map.entry("--vdev", "ports"),
        Map.entry("--file-prefix", "eal.file-prefix"), Map.entry("--in-memory", "eal.in-memory"),
        Map.entry("--no-huge", "eal.hugepages"), Map.entry("-m", "eal.memory-mb"),
        Map.entry("--socket-mem", "eal.memory-mb"), Map.entry("--log-level", "eal.log-level"),
        Map.entry("--telemetry", "counters.telemetry"), Map.entry("--no-telemetry", "counters.telemetry"));

    private ConfigLoader()
    {
    }

    /**
     * @return the CPUs this process may run on.
     */
    static BitSet allowedCpus()
    {
        return Affinity.current();
    }

    /**
     * @param file      YAML file.
     * @param overrides {@code key.path=value} strings.
     * @param cpus      the CPUs cores may be chosen from.
     * @return the effective configuration.
     * @throws ConfigException with one line per problem.
     */
    static RunConfig load(final Path file, final List<String> overrides, final BitSet cpus) throws ConfigException
    {
        final Object tree;
        try (Reader in = Files.newBufferedReader(file))
        {
            tree = YamlTree.read(in);
        }
        catch (final NoSuchFileException ex)
        {
            throw new ConfigException(List.of(file + ": no such config file"));
        }
        catch (final YamlTree.SyntaxError ex)
        {
            throw new ConfigException(List.of(file + ":" + ex.line + ":" + ex.column + ": " + ex.getMessage()));
        }
        catch (final IOException ex)
        {
            throw new ConfigException(List.of(file + ": cannot read config file: " + ex.getMessage()));
        }
        return bind(tree, overrides, cpus, file.toString());
    }

    @SuppressWarnings("unchecked")
    static RunConfig bind(final Object tree, final List<String> overrides, final BitSet cpus, final String file)
        throws ConfigException
    {
        final List<String> errors = new ArrayList<>();
        if (tree != null && !(tree instanceof Map<?, ?>))
        {
            throw new ConfigException(List.of(file + ":1: the top level must be a mapping of sections (eal:, ports:, ...)"));
        }
        final Map<String, Object> root = tree == null ? new LinkedHashMap<>() : (Map<String, Object>)tree;
        Overrides.apply(root, overrides, errors);
        if (!errors.isEmpty())
        {
            throw new ConfigException(errors);
        }
        final Section top = Section.of("", root, errors);
        final Eal eal = eal(top.section("eal"));
        final List<PortSpec> ports = ports(top);
        final Rings rings = rings(top.section("rings"));
        final LayoutBinder layout = new LayoutBinder(top.section("layout"), ports, cpus);
        final RunConfig.Pools pools = layout.pools(top.section("pools"), rings);
        final Tables tables = tables(top.section("tables"));
        final Map<Reason, Action> policy = policy(top.section("policy"));
        final Section c = top.section("counters");
        final Counters counters = new Counters(c.path("path",
            org.mpdp.dataplane.counters.CountersFile.pathFor(eal.filePrefix())), c.bool("telemetry", true),
            c.integer("prometheus-port", Counters.PROMETHEUS_OFF, 0, 65535));
        c.finish();
        final Latency latency = latency(top.section("latency"));
        final Mirror mirror = mirror(top.section("mirror"));
        final Section r = top.section("report");
        final Report report = new Report(output(r, "path"));
        r.finish();
        final Section x = top.section("rx");
        final RunConfig.Rx rx = new RunConfig.Rx(x.integer("max-pps", 0, 0, 1_000_000_000));
        x.finish();
        final RunConfig.Control control = control(top.section("control"), ports.size());
        final Section st = top.section("state");
        final RunConfig.State state = new RunConfig.State(output(st, "snapshot"),
            st.choice("unknown", "fail-open", List.of("fail-open", "fail-closed")).equals("fail-closed"),
            st.nanos("grace", 30_000_000_000L, 1_000_000_000L, 3_600_000_000_000L));
        st.finish();
        // robe: belongs to robe-control (org.mpdp.robe.RobeConfig), which reads the same file; mpdp run ignores it.
        top.raw("robe");
        top.finish();
        if (!errors.isEmpty())
        {
            throw new ConfigException(errors);
        }
        return new RunConfig(eal, ports, layout.layout(), rings, pools, tables, policy, counters, latency, mirror,
            report, rx, control, state);
    }

    private static Eal eal(final Section s)
    {
        final List<String> args = s.strings("args");
        for (int i = 0; i < args.size(); i++)
        {
            final String arg = args.get(i);
            final String option = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (OWNED_EAL_ARGS.containsKey(option))
            {
                s.errorLine(s.pathOf("args") + "[" + i + "]=" + arg + ": set by " + OWNED_EAL_ARGS.get(option) +
                    ", not eal.args");
            }
        }
        final String hugepages = s.choice("hugepages", "auto", HUGEPAGES);
        final Eal eal = new Eal(args, EalOptions.Hugepages.valueOf(hugepages.toUpperCase()),
            s.string("file-prefix", "mpdp", FILE_PREFIX, "must be 1 to 64 letters, digits, '-' or '_'"),
            s.bool("in-memory", false), s.integer("memory-mb", 1024, 16, 1 << 20),
            s.choice("log-level", "notice", LOG_LEVELS));
        if (eal.inMemory() && eal.hugepages() == EalOptions.Hugepages.OFF)
        {
            // EAL takes --in-memory as "hugepages without files": with --no-huge rte_eal_init fails (EINVAL).
            s.error("in-memory", "not with eal.hugepages=off (EAL refuses --in-memory with --no-huge; " +
                "--no-huge already keeps no runtime files)");
        }
        s.finish();
        return eal;
    }

    private static List<PortSpec> ports(final Section top)
    {
        final List<Section> sections = top.sections("ports");
        if (sections.isEmpty())
        {
            top.errorLine("ports: at least one port is needed (- pci: 0000:01:00.0 or - vdev: net_null0)");
        }
        else if (sections.size() > MAX_PORTS)
        {
            top.error("ports", sections.size() + " ports: at most " + MAX_PORTS + " (RTE_MAX_ETHPORTS)");
        }
        final List<PortSpec> ports = new ArrayList<>();
        final Map<String, String> devices = new LinkedHashMap<>();
        for (final Section s : sections)
        {
            final PortSpec p = port(s);
            if (p.device() != null)
            {
                final String id = p.pci() != null ? (p.pci().length() == 7 ? "0000:" + p.pci() : p.pci()).toLowerCase() :
                    p.vdev().split(",", 2)[0];
                final String key = p.pci() != null ? "pci" : "vdev";
                final String previous = devices.putIfAbsent(id, s.path());
                if (previous != null)
                {
                    s.error(key, "the same device as " + previous);
                }
            }
            ports.add(p);
        }
        return ports;
    }

    private static PortSpec port(final Section s)
    {
        final boolean hasPci = s.has("pci");
        final boolean hasVdev = s.has("vdev");
        if (hasPci == hasVdev)
        {
            s.errorLine(s.path() + ": needs exactly one of pci and vdev" + (hasPci ? ", not both" : ""));
        }
        final String pci = s.string("pci", null, PCI, "must be a PCI address DDDD:BB:DD.F, e.g. 0000:01:00.0");
        final String vdev = s.string("vdev", null, VDEV,
            "must be a driver name with an instance number and key=value arguments, e.g. net_af_packet0,iface=veth0");
        final boolean both = s.has("queues") && (s.has("rx-queues") || s.has("tx-queues"));
        if (both)
        {
            s.error("queues", "give queues, or rx-queues and tx-queues, not both");
        }
        final int queues = s.integer("queues", 1, 1, MAX_QUEUES);
        final int rxQueues = s.integer("rx-queues", queues, 1, MAX_QUEUES);
        final int txQueues = s.integer("tx-queues", queues, 1, MAX_QUEUES);
        if (vdev != null)
        {
            final Matcher m = QPAIRS.matcher(vdev);
            if (m.find() && Math.max(rxQueues, txQueues) > Integer.parseInt(m.group(1)))
            {
                final String key = s.has("queues") ? "queues" : rxQueues > txQueues ? "rx-queues" : "tx-queues";
                s.error(key, "more than the vdev's qpairs=" + m.group(1));
            }
        }
        final int rxDesc = s.integer("rx-descriptors", 1024, 32, 32768);
        final int txDesc = s.integer("tx-descriptors", 1024, 32, 32768);
        int mtu = s.integer("mtu", 0, 0, 65535);
        if (mtu > 0 && mtu < 68)
        {
            s.error("mtu", "must be 0 (the driver's default) or 68..65535");
            mtu = 0;
        }
        final List<String> sources = s.strings("sources");
        for (final String prefix : sources)
        {
            final String problem = IngressFilter.checkPrefix(prefix);
            if (problem != null)
            {
                s.errorLine(s.path() + ".sources=" + prefix + ": " + problem);
            }
        }
        final PortSpec p = new PortSpec(pci, hasPci && hasVdev ? null : vdev, rxQueues, txQueues, rxDesc, txDesc, mtu,
            s.bool("promiscuous", true), sources);
        s.finish();
        return p;
    }

    private static Rings rings(final Section s)
    {
        int size = s.integer("size", 1024, 16, 1 << 24);
        if (Integer.bitCount(size) != 1)
        {
            s.error("size", "must be a power of two 16..16777216");
            size = 1024;
        }
        int burst = s.integer("burst", 32, 1, 512);
        if (burst > size)
        {
            s.error("burst", "must be at most rings.size=" + size);
            burst = Math.min(32, size);
        }
        s.finish();
        return new Rings(size, burst);
    }

    private static Tables tables(final Section s)
    {
        final int connections = s.integer("max-connections", 1_000_000, 16, 1 << 26);
        int subflows = s.integer("max-subflows", 4_000_000, 16, 1 << 26);
        if (subflows < connections)
        {
            s.error("max-subflows", "must be at least tables.max-connections=" + connections +
                " (every connection has a subflow)");
            subflows = connections;
        }
        int halfOpen = s.intOrAuto("half-open-budget", 1, 1 << 26);
        if (halfOpen > subflows)
        {
            s.error("half-open-budget", "must be at most tables.max-subflows=" + subflows);
        }
        if (halfOpen == Section.AUTO || halfOpen > subflows)
        {
            halfOpen = Math.min(subflows, Math.max(16, subflows / 4));
        }
        final Section e = s.section("eviction");
        final Tables t = new Tables(connections, subflows, halfOpen,
            e.nanos("idle-timeout", 300 * SECOND, SECOND, 24 * HOUR),
            e.nanos("linger", 30 * SECOND, 1_000_000L, HOUR),
            e.integer("budget", Tracker.DEFAULT_EVICT_BUDGET, 1, 1 << 20));
        e.finish();
        s.finish();
        return t;
    }

    private static Map<Reason, Action> policy(final Section s)
    {
        final Map<Reason, Action> policy = new EnumMap<>(Reason.class);
        for (final Reason r : Reason.values())
        {
            policy.put(r, r.defaultAction());
        }
        final List<String> labels = new ArrayList<>();
        for (final Reason r : Reason.values())
        {
            labels.add(r.label());
        }
        for (final String label : s.keys())
        {
            final Reason reason = Reason.byLabel(label);
            if (reason == null)
            {
                s.errorLine(Section.unknown(s.pathOf(label), "reason", label, labels, "reasons"));
                continue;
            }
            final String action = s.choice(label, reason.defaultAction().name().toLowerCase(), ACTIONS);
            if (reason == Reason.OK && !action.equals("forward"))
            {
                s.error(label, "must be forward (ok is a packet without a reason)");
                continue;
            }
            policy.put(reason, Action.valueOf(action.toUpperCase()));
        }
        return policy;
    }

    private static Latency latency(final Section s)
    {
        final Latency l = new Latency(output(s, "hlog"), s.nanos("interval", SECOND, 10_000_000L, HOUR));
        s.finish();
        return l;
    }

    private static Mirror mirror(final Section s)
    {
        final Mirror m = new Mirror(output(s, "pcap"), s.integer("max-packets-per-second", 1000, 1, 10_000_000),
            s.integer("snaplen", 256, 64, 65535));
        s.finish();
        return m;
    }

    /**
     * {@code control.responder}: a list of {@code port} (index into ports:) with {@code ipv4} and/or
     * {@code ipv6}, unicast addresses answered on that port; at most {@code ControlTraffic.MAX_ENTRIES},
     * no address twice. (Two spellings of one IPv6 address are not caught.)
     */
    private static RunConfig.Control control(final Section s, final int portCount)
    {
        final List<RunConfig.ResponderAddress> list = new ArrayList<>();
        final Map<Integer, String> seen = new LinkedHashMap<>();
        final Map<String, String> seen6 = new LinkedHashMap<>();
        final List<Section> entries = s.sections("responder");
        if (entries.size() > org.mpdp.dataplane.steer.ControlTraffic.MAX_ENTRIES)
        {
            s.error("responder", entries.size() + " addresses: at most " +
                org.mpdp.dataplane.steer.ControlTraffic.MAX_ENTRIES);
        }
        for (final Section r : entries)
        {
            final int port = r.integer("port", 0, 0, MAX_PORTS - 1);
            if (port >= portCount)
            {
                r.error("port", "no such port: ports: has " + portCount + " (0.." + (portCount - 1) + ")");
            }
            final String text = r.string("ipv4", null, IPV4, "must be a dotted-quad IPv4 address, e.g. 198.18.0.1");
            final String text6 = r.string("ipv6", null, IPV6, "must be an IPv6 address, e.g. 2001:2::1");
            if (!r.has("ipv4") && !r.has("ipv6"))
            {
                r.errorLine(r.path() + ": needs ipv4 or ipv6 (the address answered for ARP/ND and echo)");
            }
            r.finish();
            long high = 0;
            long low = 0;
            if (text6 != null)
            {
                final byte[] b;
                try
                {
                    b = java.net.InetAddress.ofLiteral(text6).getAddress();
                }
                catch (final IllegalArgumentException ex)
                {
                    r.error("ipv6", "must be an IPv6 address, e.g. 2001:2::1");
                    continue;
                }
                if (b.length != 16 || (b[0] & 0xFF) == 0xFF || java.util.Arrays.equals(b, new byte[16]))
                {
                    r.error("ipv6", "must be a unicast IPv6 address (not ::, multicast or IPv4-mapped)");
                    continue;
                }
                for (int i = 0; i < 8; i++)
                {
                    high = high << 8 | b[i] & 0xFF;
                    low = low << 8 | b[8 + i] & 0xFF;
                }
                final String previous6 = seen6.putIfAbsent(text6.toLowerCase(), r.path());
                if (previous6 != null)
                {
                    r.error("ipv6", "the same address as " + previous6);
                    continue;
                }
            }
            if (text == null)
            {
                if (text6 != null)
                {
                    list.add(new RunConfig.ResponderAddress(port, null, 0, text6, high, low));
                }
                continue;
            }
            int address = 0;
            for (final String octet : text.split("\\."))
            {
                address = address << 8 | Integer.parseInt(octet);
            }
            final int first = address >>> 24;
            if (address == 0 || address == -1 || first == 127 || first >= 224)
            {
                r.error("ipv4", "must be a unicast address (not 0.0.0.0, loopback, multicast or broadcast)");
                continue;
            }
            final String previous = seen.putIfAbsent(address, r.path());
            if (previous != null)
            {
                r.error("ipv4", "the same address as " + previous);
                continue;
            }
            list.add(new RunConfig.ResponderAddress(port, text, address, text6, high, low));
        }
        final boolean forward = s.bool("forward", true);
        s.finish();
        return new RunConfig.Control(list, forward);
    }

    /**
     * An output file: optional, and its directory must exist.
     */
    private static Path output(final Section s, final String key)
    {
        final Path p = s.path(key, null);
        if (p != null)
        {
            final Path dir = p.toAbsolutePath().getParent();
            if (dir != null && !Files.isDirectory(dir))
            {
                s.error(key, "directory " + dir + " does not exist");
            }
        }
        return p;
    }
}
