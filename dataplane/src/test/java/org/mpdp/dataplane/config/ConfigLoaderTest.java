package org.mpdp.dataplane.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;

import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.SleepingIdleStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mpdp.dataplane.config.RunConfig.Mode;
import org.mpdp.dataplane.config.RunConfig.QueueAssignment;
import org.mpdp.dataplane.config.RunConfig.TxMode;
import org.mpdp.dataplane.track.Action;
import org.mpdp.dataplane.track.Reason;
import org.mpdp.dpdk.EalOptions;

/**
 * The loader on the shipped example and on one bad value per rule: each bad file must give exactly
 * one line, naming the key path, the value and what is allowed. The CPUs are fixed (0-7) so that the
 * core rules do not depend on this machine.
 */
final class ConfigLoaderTest
{
    private static final BitSet CPUS = cpus(0, 8);
    private static final String TWO_PORTS = "ports:\n  - vdev: net_null0\n  - vdev: net_null1\n";

    @TempDir
    Path dir;

    private static BitSet cpus(final int from, final int to)
    {
        final BitSet set = new BitSet();
        set.set(from, to);
        return set;
    }

    private Path write(final String yaml) throws IOException
    {
        final Path file = dir.resolve("mpdp.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    private RunConfig load(final String yaml, final String... overrides) throws Exception
    {
        return ConfigLoader.load(write(yaml), List.of(overrides), CPUS);
    }

    private void assertError(final String expected, final String yaml, final String... overrides) throws IOException
    {
        final Path file = write(yaml);
        final ConfigException ex = assertThrows(ConfigException.class,
            () -> ConfigLoader.load(file, List.of(overrides), CPUS));
        assertEquals(List.of(expected), ex.errors());
    }

    private static Path example() throws IOException
    {
        try (var in = ConfigLoaderTest.class.getResourceAsStream("/mpdp-example.yaml"))
        {
            final Path file = Files.createTempFile("mpdp-example", ".yaml");
            Files.write(file, in.readAllBytes());
            return file;
        }
    }

    @Test
    void shouldLoadTheExampleWithItsDefaults() throws Exception
    {
        final RunConfig c = ConfigLoader.load(example(), List.of(), CPUS);
        assertEquals(EalOptions.Hugepages.AUTO, c.eal().hugepages());
        assertEquals("mpdp", c.eal().filePrefix());
        assertEquals(2, c.ports().size());
        assertEquals("net_null0", c.ports().get(0).vdev());
        assertEquals(1, c.ports().get(1).rxQueues());
        assertEquals(Mode.RUN_TO_COMPLETION, c.layout().mode());
        assertEquals(List.of(6, 7), c.layout().cores(), "auto takes the highest allowed CPUs");
        assertEquals(List.of(new QueueAssignment(0, 0, 6), new QueueAssignment(1, 0, 7)), c.layout().rxAssignments());
        assertInstanceOf(BackoffIdleStrategy.class, c.layout().idle().newIdleStrategy());
        assertEquals(1024, c.rings().size());
        assertEquals(8192, c.pools().mbufs());
        assertEquals(1_000_000, c.tables().maxConnections());
        assertEquals(1_000_000, c.tables().halfOpenBudget());
        assertEquals(300_000_000_000L, c.tables().idleTimeoutNanos());
        assertEquals(Path.of("/dev/shm/mpdp/mpdp/counters.dat"), c.counters().path());
        assertEquals(true, c.counters().telemetry());
        assertEquals(true, c.ealOptions().telemetry());
        assertEquals(RunConfig.Counters.PROMETHEUS_OFF, c.counters().prometheusPort());
        assertNull(c.mirror().pcap());
        for (final Reason r : Reason.values())
        {
            assertEquals(r.defaultAction(), c.verdictPolicy().action(r), r.label());
        }
        assertEquals("6,7", c.ealOptions().lcores());
        assertEquals(List.of("net_null0", "net_null1"), c.ealOptions().vdevs());
    }

    @Test
    void shouldReadPciAddressesAndVdevArgumentsAsWritten() throws Exception
    {
        final RunConfig c = load("ports:\n  - pci: 0000:01:00.0\n    queues: 2\n" +
            "  - vdev: net_af_packet0,iface=veth0,qpairs=2\n    rx-queues: 2\n    mtu: 9000\n    promiscuous: false\n");
        assertEquals("0000:01:00.0", c.ports().get(0).pci());
        assertEquals(2, c.ports().get(0).txQueues());
        assertEquals("net_af_packet0,iface=veth0,qpairs=2", c.ports().get(1).vdev());
        assertEquals(2, c.ports().get(1).rxQueues());
        assertEquals(1, c.ports().get(1).txQueues());
        assertEquals(9000, c.ports().get(1).toPortConfig().mtu());
        assertEquals(List.of("0000:01:00.0"), c.ealOptions().pciDevices());
        assertEquals(4, c.layout().cores().size());
    }

    @Test
    void shouldBindAPipelinedLayoutAndItsIdleStrategy() throws Exception
    {
        final RunConfig c = load("ports:\n  - vdev: net_null0\n    queues: 2\n" +
            "layout:\n  mode: pipelined\n  rx-cores: [1]\n  worker-cores: [2, 3]\n  tx: cores\n  tx-cores: [4]\n" +
            "  idle:\n    strategy: sleep-ns\n    sleep: 5us\n");
        assertEquals(TxMode.CORES, c.layout().tx());
        assertEquals(List.of(1, 2, 3, 4), c.layout().allCores());
        assertEquals(List.of(new QueueAssignment(0, 0, 1), new QueueAssignment(0, 1, 1)), c.layout().rxAssignments());
        assertEquals(5_000, c.layout().idle().sleepNanos());
        assertInstanceOf(SleepingIdleStrategy.class, c.layout().idle().newIdleStrategy());
        // 2 queues x 1024 RX and TX descriptors, 4 threads x (burst 32 + cache 256), 3 rings of 1024
        assertEquals(2 * 2 * 1024 + 4 * (32 + 256) + 3 * 1024, c.pools().mbufs());
    }

    @Test
    void shouldApplyOverridesTypedLikeTheFile() throws Exception
    {
        final RunConfig c = load(TWO_PORTS, "ports[1].queues=2", "layout.cores=[3, 4, 5]",
            "ports[2].pci=0000:03:00.1", "policy.mid-stream=drop", "layout.idle.strategy=busy-spin",
            "eal.args=[--log-color=false]", "tables.eviction.linger=");
        assertEquals(2, c.ports().get(1).rxQueues());
        assertEquals("0000:03:00.1", c.ports().get(2).pci());
        assertEquals(List.of(3, 4, 5), c.layout().cores());
        assertEquals(Action.DROP, c.verdictPolicy().action(Reason.MID_STREAM));
        assertInstanceOf(BusySpinIdleStrategy.class, c.layout().idle().newIdleStrategy());
        assertEquals(List.of("--log-color=false"), c.eal().args());
        assertEquals(30_000_000_000L, c.tables().lingerNanos());
    }

    @Test
    void shouldRejectBadOverrides() throws Exception
    {
        assertError("--set ports[5].queues=2: ports has 2 entries (use ports[2] to add one)", TWO_PORTS,
            "ports[5].queues=2");
        assertError("--set ports: must be key.path=value, e.g. ports[0].queues=2", TWO_PORTS, "ports");
        assertError("ports[0].queues=0: must be 1..64", TWO_PORTS, "ports[0].queues=0");
    }

    @Test
    void shouldReadControlForwardAndLeaveRobeToRobeControl() throws Exception
    {
        assertEquals(true, load(TWO_PORTS).control().forward(), "a bridge by default");
        assertEquals(false, load(TWO_PORTS + "control:\n  forward: false\n").control().forward());
        assertEquals(false, load(TWO_PORTS, "control.forward=false").control().forward());
        // robe: is robe-control's: any content passes mpdp run's checks.
        assertEquals(true, load(TWO_PORTS + "robe:\n  mode: sim\n  paths: []\n").control().forward());
    }

    @Test
    void shouldSuggestTheNearestKey() throws Exception
    {
        assertError("layout.corse: unknown key, did you mean layout.cores?", TWO_PORTS + "layout:\n  corse: [1]\n");
        assertError("ports[1].queue: unknown key, did you mean ports[1].queues?",
            "ports:\n  - vdev: net_null0\n  - vdev: net_null1\n    queue: 2\n");
        assertError("tabels: unknown key, did you mean tables?", TWO_PORTS + "tabels:\n  max-connections: 10\n");
        assertError("policy.mid-strem: unknown reason, did you mean policy.mid-stream?",
            TWO_PORTS + "policy:\n  mid-strem: drop\n");
        assertError("zzz: unknown key (top-level keys: eal, ports, rings, layout, pools, tables, policy, counters, " +
            "latency, mirror, report, rx, control, state, robe)", TWO_PORTS + "zzz: 1\n");
    }

    @Test
    void shouldNameTheFileAndLineOfSyntaxErrorsAndAMissingFile() throws Exception
    {
        final Path file = write("ports:\n  - vdev: net_null0\n    queues: [1\n");
        final ConfigException ex = assertThrows(ConfigException.class, () -> ConfigLoader.load(file, List.of(), CPUS));
        assertEquals(1, ex.errors().size());
        assertEquals(true, ex.errors().getFirst().startsWith(file + ":4:1: while parsing a flow sequence: expected ',' or ']'"), ex.getMessage());
        final Path dup = write("ports:\n  - vdev: net_null0\n    queues: 1\n    queues: 2\n");
        final ConfigException d = assertThrows(ConfigException.class, () -> ConfigLoader.load(dup, List.of(), CPUS));
        assertEquals(List.of(dup + ":4:11: Duplicate field 'queues'"), d.errors());
        final Path missing = dir.resolve("absent.yaml");
        final ConfigException m = assertThrows(ConfigException.class, () -> ConfigLoader.load(missing, List.of(), CPUS));
        assertEquals(List.of(missing + ": no such config file"), m.errors());
    }

    @Test
    void shouldGiveOneLinePerBadValue() throws Exception
    {
        assertError("eal.hugepages=sometimes: must be auto, on or off", TWO_PORTS + "eal:\n  hugepages: sometimes\n");
        assertError("eal.file-prefix=a/b: must be 1 to 64 letters, digits, '-' or '_'",
            TWO_PORTS + "eal:\n  file-prefix: a/b\n");
        assertError("eal.in-memory=yes: must be true or false", TWO_PORTS + "eal:\n  in-memory: yes\n");
        assertError("eal.in-memory=true: not with eal.hugepages=off (EAL refuses --in-memory with --no-huge; " +
            "--no-huge already keeps no runtime files)", TWO_PORTS + "eal:\n  in-memory: true\n  hugepages: off\n");
        assertEquals(EalOptions.Hugepages.ON, load(TWO_PORTS + "eal:\n  in-memory: true\n  hugepages: on\n")
            .eal().hugepages());
        assertError("eal.args[0]=--vdev=net_null2: set by ports, not eal.args",
            TWO_PORTS + "eal:\n  args: [--vdev=net_null2]\n");
        assertError("ports: at least one port is needed (- pci: 0000:01:00.0 or - vdev: net_null0)", "eal: {}\n");
        assertError("ports[1].pci=01:00: must be a PCI address DDDD:BB:DD.F, e.g. 0000:01:00.0",
            "ports:\n  - vdev: net_null0\n  - pci: 01:00\n");
        assertError("ports[0].vdev=net null: must be a driver name with an instance number and key=value " +
            "arguments, e.g. net_af_packet0,iface=veth0", "ports:\n  - vdev: net null\n");
        assertError("ports[1]: needs exactly one of pci and vdev",
            "ports:\n  - vdev: net_null0\n  - queues: 1\n");
        assertError("ports[0]: needs exactly one of pci and vdev, not both",
            "ports:\n  - vdev: net_null0\n    pci: 0000:01:00.0\n");
        assertError("ports[1].vdev=net_null0: the same device as ports[0]",
            "ports:\n  - vdev: net_null0\n  - vdev: net_null0\n");
        assertError("ports[0].queues=4: more than the vdev's qpairs=2",
            "ports:\n  - vdev: net_af_packet0,iface=veth0,qpairs=2\n    queues: 4\n");
        assertError("ports[0].queues=2: give queues, or rx-queues and tx-queues, not both",
            "ports:\n  - vdev: net_null0\n    queues: 2\n    rx-queues: 2\n");
        assertError("ports[0].rx-descriptors=16: must be 32..32768",
            "ports:\n  - vdev: net_null0\n    rx-descriptors: 16\n");
        assertError("ports[0].mtu=40: must be 0 (the driver's default) or 68..65535",
            "ports:\n  - vdev: net_null0\n    mtu: 40\n");
        assertError("ports[0].queues=two: must be 1..64", "ports:\n  - vdev: net_null0\n    queues: two\n");
    }

    @Test
    void shouldLetPipelinedThreadsShareACpuOnlyWhenTheyGiveItUp() throws Exception
    {
        // Two workers and the RX thread on two CPUs (a small VM): allowed with backoff, with a warning.
        final RunConfig c = load(TWO_PORTS + "layout:\n  mode: pipelined\n  rx-cores: [0]\n  worker-cores: [0, 1]\n");
        assertEquals(List.of(0, 1), c.layout().workerCores());
        assertEquals(List.of("CPU 0 runs 2 packet threads: they take turns (layout.idle.strategy=backoff), so " +
            "expect less throughput and more latency than one thread per CPU"), c.layout().sharedCpus());
        assertEquals("0,1", c.ealOptions().lcores());
        assertEquals(List.of(), load(TWO_PORTS + "layout:\n  mode: pipelined\n  rx-cores: [0]\n  worker-cores: [1]\n")
            .layout().sharedCpus());
        assertError("layout.worker-cores[0]=0: CPU 0 is already layout.rx-cores[0]; a CPU is shared only with an " +
            "idle strategy that gives it up (backoff, yield, sleep-ns, sleep-ms), not noop", TWO_PORTS +
            "layout:\n  mode: pipelined\n  rx-cores: [0]\n  worker-cores: [0]\n  idle:\n    strategy: noop\n");
    }

    @Test
    void shouldCheckTheLayout() throws Exception
    {
        assertError("layout.mode=rtc: must be run-to-completion or pipelined", TWO_PORTS + "layout:\n  mode: rtc\n");
        assertError("layout.cores[1]=2: CPU 2 is already layout.cores[0]", TWO_PORTS + "layout:\n  cores: [2, 2]\n");
        assertError("layout.cores=[1, 2, 3]: 3 cores for 2 (port, RX queue) pairs; at most 2",
            TWO_PORTS + "layout:\n  cores: [1, 2, 3]\n");
        assertError("layout.cores[0]=9: not a CPU this process may run on (0-7)", TWO_PORTS + "layout:\n  cores: [9]\n");
        assertError("layout.cores[0]=x: must be a CPU number 0..1023", TWO_PORTS + "layout:\n  cores: [x]\n");
        assertError("layout.cores=auto: needs 10 CPUs (one per port and RX queue), this process may run on 8 (0-7)",
            "ports:\n  - vdev: net_null0\n    queues: 10\n");
        assertError("layout.rx-cores=[1]: only with layout.mode=pipelined", TWO_PORTS + "layout:\n  rx-cores: [1]\n");
        assertError("layout.worker-cores: required with layout.mode=pipelined (a list of CPU numbers, e.g. [1])",
            TWO_PORTS + "layout:\n  mode: pipelined\n  rx-cores: [1]\n");
        assertError("layout.worker-cores[0]=1: CPU 1 is already layout.rx-cores[0]; a CPU is shared only with an " +
            "idle strategy that gives it up (backoff, yield, sleep-ns, sleep-ms), not spin", TWO_PORTS +
            "layout:\n  mode: pipelined\n  rx-cores: [1]\n  worker-cores: [1]\n  idle:\n    strategy: spin\n");
        assertError("layout.worker-cores[1]=9: not a CPU this process may run on (0-7)", TWO_PORTS +
            "layout:\n  mode: pipelined\n  rx-cores: [1]\n  worker-cores: [1, 9]\n");
        assertError("layout.tx-cores: required with layout.tx=cores (a list of CPU numbers, e.g. [1])",
            TWO_PORTS + "layout:\n  mode: pipelined\n  rx-cores: [1]\n  worker-cores: [2]\n  tx: cores\n");
        assertError("layout.tx-cores=[3]: only with layout.tx=cores",
            TWO_PORTS + "layout:\n  mode: pipelined\n  rx-cores: [1]\n  worker-cores: [2]\n  tx-cores: [3]\n");
        assertError("layout.idle.strategy=spinning: must be spin, noop, yield, sleep-ns, sleep-ms, backoff or busy-spin",
            TWO_PORTS + "layout:\n  idle:\n    strategy: spinning\n");
        assertError("layout.idle.sleep=1us: only with layout.idle.strategy=sleep-ns or sleep-ms",
            TWO_PORTS + "layout:\n  idle:\n    sleep: 1us\n");
        assertError("layout.idle.max-park=1us: must be at least layout.idle.min-park=1ms",
            TWO_PORTS + "layout:\n  idle:\n    min-park: 1ms\n    max-park: 1us\n");
        assertError("layout.idle.min-park=10: must be a duration 1ns..1s with a unit (ns, us, ms, s, m, h)",
            TWO_PORTS + "layout:\n  idle:\n    min-park: 10\n");
    }

    @Test
    void shouldCheckRingsPoolsTablesPolicyAndOutputs() throws Exception
    {
        assertError("rings.size=1000: must be a power of two 16..16777216", TWO_PORTS + "rings:\n  size: 1000\n");
        assertError("rings.burst=64: must be at most rings.size=32", TWO_PORTS + "rings:\n  size: 32\n  burst: 64\n");
        assertError("pools.mbufs=2048: must be at least 4672: every RX and TX descriptor, a burst and a cache per core",
            TWO_PORTS + "pools:\n  mbufs: 2048\n");
        assertError("pools.cache-size=600: must be 0..512", TWO_PORTS + "pools:\n  cache-size: 600\n");
        assertError("pools.cache-size=512: must be at most pools.mbufs/1.5=400 (rte_mempool_create)",
            "ports:\n  - vdev: net_null0\n    rx-descriptors: 32\n    tx-descriptors: 32\n" +
            "rings:\n  burst: 1\npools:\n  mbufs: 600\n  cache-size: 512\n");
        assertError("tables.max-subflows=100: must be at least tables.max-connections=1000 (every connection has a " +
            "subflow)", TWO_PORTS + "tables:\n  max-connections: 1000\n  max-subflows: 100\n");
        assertError("tables.half-open-budget=5000: must be at most tables.max-subflows=4000",
            TWO_PORTS + "tables:\n  max-connections: 1000\n  max-subflows: 4000\n  half-open-budget: 5000\n");
        assertError("tables.eviction.idle-timeout=0s: must be a duration 1s..24h with a unit (ns, us, ms, s, m, h)",
            TWO_PORTS + "tables:\n  eviction:\n    idle-timeout: 0s\n");
        assertError("tables.eviction.budget=0: must be 1..1048576", TWO_PORTS + "tables:\n  eviction:\n    budget: 0\n");
        assertError("policy.mid-stream=block: must be forward, flag or drop", TWO_PORTS + "policy:\n  mid-stream: block\n");
        assertError("policy.ok=drop: must be forward (ok is a packet without a reason)",
            TWO_PORTS + "policy:\n  ok: drop\n");
        assertError("mirror.pcap=/nonexistent-dir/m.pcap: directory /nonexistent-dir does not exist",
            TWO_PORTS + "mirror:\n  pcap: /nonexistent-dir/m.pcap\n");
        assertError("mirror.max-packets-per-second=0: must be 1..10000000",
            TWO_PORTS + "mirror:\n  max-packets-per-second: 0\n");
        assertError("latency.interval=1ms: must be a duration 10ms..1h with a unit (ns, us, ms, s, m, h)",
            TWO_PORTS + "latency:\n  interval: 1ms\n");
        assertError("layout=[1]: must be a mapping of keys to values", TWO_PORTS + "layout: [1]\n");
        assertError("counters.prometheus-port=70000: must be 0..65535",
            TWO_PORTS + "counters:\n  prometheus-port: 70000\n");
        assertError("counters.telemetry=yes: must be true or false", TWO_PORTS + "counters:\n  telemetry: yes\n");
    }

    @Test
    void shouldBindTheStateSection() throws Exception
    {
        final RunConfig d = load(TWO_PORTS);
        assertEquals(new RunConfig.State(null, false, 30_000_000_000L), d.state());
        assertEquals(true, d.summary().contains("state: snapshot off, unknown fail-open for 30s after an unclean " +
            "start"), d.summary());
        final Path snapshot = dir.resolve("state.snapshot");
        final RunConfig c = load(TWO_PORTS + "state:\n  snapshot: " + snapshot + "\n  unknown: fail-closed\n" +
            "  grace: 2m\n");
        assertEquals(new RunConfig.State(snapshot, true, 120_000_000_000L), c.state());
        assertError("state.unknown=open: must be fail-open or fail-closed", TWO_PORTS + "state:\n  unknown: open\n");
        assertError("state.grace=500ms: must be a duration 1s..1h with a unit (ns, us, ms, s, m, h)", TWO_PORTS + "state:\n  grace: 500ms\n");
        assertError("state.snapshot=/nonexistent-mpdp/s: directory /nonexistent-mpdp does not exist",
            TWO_PORTS + "state:\n  snapshot: /nonexistent-mpdp/s\n");
    }

    @Test
    void shouldBindAndCheckTheControlResponder() throws Exception
    {
        assertEquals(false, load(TWO_PORTS).control().enabled());
        final RunConfig c = load(TWO_PORTS + "control:\n  responder:\n    - port: 1\n      ipv4: 198.18.0.1\n" +
            "    - ipv4: 198.19.255.254\n      ipv6: 2001:2::1\n    - ipv6: 2001:2:0:1::ff\n");
        assertEquals(List.of(new RunConfig.ResponderAddress(1, "198.18.0.1", 0xC612_0001, null, 0, 0),
            new RunConfig.ResponderAddress(0, "198.19.255.254", 0xC613_FFFE, "2001:2::1", 0x2001_0002_0000_0000L, 1),
            new RunConfig.ResponderAddress(0, null, 0, "2001:2:0:1::ff", 0x2001_0002_0000_0001L, 0xFF)),
            c.control().responder());
        assertEquals(true, c.summary().contains("control: responder port 1 198.18.0.1 port 0 198.19.255.254 " +
            "2001:2::1 port 0 2001:2:0:1::ff"), c.summary());
        assertError("control.responder[0].ipv6=2001:2::1::2: must be an IPv6 address, e.g. 2001:2::1",
            TWO_PORTS + "control:\n  responder:\n    - ipv6: 2001:2::1::2\n");
        assertError("control.responder[0].ipv6=ff02::1: must be a unicast IPv6 address (not ::, multicast or " +
            "IPv4-mapped)", TWO_PORTS + "control:\n  responder:\n    - ipv6: ff02::1\n");
        assertError("control.responder[0].port=2: no such port: ports: has 2 (0..1)",
            TWO_PORTS + "control:\n  responder:\n    - port: 2\n      ipv4: 198.18.0.1\n");
        assertError("control.responder[0].ipv4=198.18.0.256: must be a dotted-quad IPv4 address, e.g. 198.18.0.1",
            TWO_PORTS + "control:\n  responder:\n    - ipv4: 198.18.0.256\n");
        assertError("control.responder[0]: needs ipv4 or ipv6 (the address answered for ARP/ND and echo)",
            TWO_PORTS + "control:\n  responder:\n    - port: 0\n");
        assertError("control.responder[0].ipv4=224.0.0.1: must be a unicast address (not 0.0.0.0, loopback, " +
            "multicast or broadcast)", TWO_PORTS + "control:\n  responder:\n    - ipv4: 224.0.0.1\n");
        assertError("control.responder[1].ipv4=198.18.0.1: the same address as control.responder[0]",
            TWO_PORTS + "control:\n  responder:\n    - ipv4: 198.18.0.1\n    - port: 1\n      ipv4: 198.18.0.1\n");
        assertError("control.responder[0].mac: unknown key (control.responder[0] keys: port, ipv4, ipv6)", TWO_PORTS +
            "control:\n  responder:\n    - ipv4: 198.18.0.1\n      mac: 1\n");
    }

    @Test
    void shouldTurnTelemetryOffAndThePrometheusExporterOn() throws Exception
    {
        final RunConfig c = load(TWO_PORTS + "counters:\n  telemetry: false\n  prometheus-port: 9464\n");
        assertEquals(false, c.counters().telemetry());
        assertEquals(9464, c.counters().prometheusPort());
        assertEquals(true, c.ealOptions().toArgs(false).contains("--no-telemetry"));
        assertEquals(false, load(TWO_PORTS).ealOptions().toArgs(false).contains("--no-telemetry"));
    }

    @Test
    void shouldReadTheRxRateLimit() throws Exception
    {
        assertEquals(0, load(TWO_PORTS).rx().maxPps());
        assertEquals(1_500_000, load(TWO_PORTS + "rx:\n  max-pps: 1500000\n").rx().maxPps());
        assertEquals(250_000, load(TWO_PORTS, "rx.max-pps=250000").rx().maxPps());
        assertError("rx.max-pps=-1: must be 0..1000000000", TWO_PORTS, "rx.max-pps=-1");
    }

    @Test
    void shouldReadIngressSourcePrefixesPerPort() throws Exception
    {
        final RunConfig c = load("ports:\n  - vdev: net_null0\n    sources: [198.18.2.0/24, 'fe80::/10']\n" +
            "  - vdev: net_null1\n");
        assertEquals(List.of("198.18.2.0/24", "fe80::/10"), c.ports().get(0).sources());
        assertEquals(List.of(), c.ports().get(1).sources());
        assertEquals(List.of("198.18.1.0/24"), load(TWO_PORTS, "ports[1].sources=[198.18.1.0/24]").ports().get(1)
            .sources());
        assertError("ports[0].sources=198.18.2.0/33: prefix length must be 0..32",
            "ports:\n  - vdev: net_null0\n    sources: [198.18.2.0/33]\n");
        assertError("ports[0].sources=198.18.2: must be an IPv4 or IPv6 prefix, e.g. 198.18.2.0/24 or fe80::/10",
            "ports:\n  - vdev: net_null0\n    sources: [198.18.2]\n");
    }

    @Test
    void shouldReportEveryProblemOfAFileOneLineEach() throws Exception
    {
        final Path file = write("ports:\n  - vdev: net_null0\n    queues: 0\nrings:\n  size: 3\nfoo: 1\n");
        final ConfigException ex = assertThrows(ConfigException.class, () -> ConfigLoader.load(file, List.of(), CPUS));
        assertEquals(3, ex.errors().size(), ex.getMessage());
        assertEquals(String.join("\n", ex.errors()), ex.getMessage());
    }
}
