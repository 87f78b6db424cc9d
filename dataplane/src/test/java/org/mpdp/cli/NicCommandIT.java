package org.mpdp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mpdp.dataplane.testing.Cmd;

/**
 * {@code scripts/mpdp nic} on this machine's real PCI devices, as far as a box without a spare NIC
 * allows: status, the refusal to take the interface of the default route or of an SSH session, the
 * errors for bad, absent and non-network devices, the remembered driver, a missing dpdk-devbind.py.
 * Nothing here rebinds a device: every case stops before dpdk-devbind.py would run.
 */
final class NicCommandIT
{
    private static final Path NIC = Path.of("..", "scripts", "lib", "nic.sh").toAbsolutePath().normalize();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private Cmd.Result nic(final Map<String, String> extraEnv, final String... args)
    {
        final Map<String, String> env = new HashMap<>(extraEnv);
        env.putIfAbsent("MPDP_NIC_STATE", dir.resolve("nic-drivers").toString());
        env.putIfAbsent("SSH_CONNECTION", "");
        final List<String> command = new ArrayList<>(List.of(NIC.toString()));
        command.addAll(List.of(args));
        return Cmd.run(TIMEOUT, env, command);
    }

    /** The PCI address and interface that carry this machine's IPv4 default route, if a PCI NIC does. */
    private static Optional<String[]> defaultRoutePciNic()
    {
        final Cmd.Result route = Cmd.run(TIMEOUT, "ip", "-o", "-4", "route", "show", "default");
        final String[] words = route.stdout().trim().split("\\s+");
        for (int i = 0; i + 1 < words.length; i++)
        {
            if (words[i].equals("dev"))
            {
                final String ifc = words[i + 1];
                final Path real;
                try
                {
                    real = Path.of("/sys/class/net", ifc).toRealPath();
                }
                catch (final IOException ex)
                {
                    return Optional.empty();
                }
                String pci = null;
                for (final Path part : real)
                {
                    if (part.toString().matches("[0-9a-f]{4}:[0-9a-f]{2}:[0-9a-f]{2}\\.[0-7]"))
                    {
                        pci = part.toString();
                    }
                }
                return pci == null ? Optional.empty() : Optional.of(new String[] {pci, ifc});
            }
        }
        return Optional.empty();
    }

    private static Optional<String> nonNetworkPciDevice() throws IOException
    {
        try (Stream<Path> devices = Files.list(Path.of("/sys/bus/pci/devices")))
        {
            return devices.filter(d ->
            {
                try
                {
                    return !Files.readString(d.resolve("class")).startsWith("0x02");
                }
                catch (final IOException ex)
                {
                    return false;
                }
            }).map(d -> d.getFileName().toString()).sorted().findFirst();
        }
    }

    @Test
    void shouldListNetworkDevicesAndTheIommu()
    {
        final Cmd.Result status = nic(Map.of(), "status");
        assertEquals(0, status.exit(), status.toString());
        assertTrue(status.stdout().startsWith("PCI "), status.toString());
        assertTrue(status.stdout().contains("\nIOMMU: "), status.toString());
        defaultRoutePciNic().ifPresent(nic ->
            assertTrue(status.stdout().contains(nic[0]) && status.stdout().contains("refused: its interface " + nic[1] +
                " carries a default route"), status.toString()));
    }

    @Test
    void shouldRefuseTheInterfaceOfTheDefaultRouteAndBindNothing()
    {
        final Optional<String[]> nic = defaultRoutePciNic();
        assumeTrue(nic.isPresent(), "NicCommandIT: the default route is not on a PCI NIC here");
        final String pci = nic.get()[0];
        final String ifc = nic.get()[1];
        final String before = driverOf(pci);
        final Cmd.Result bind = nic(Map.of(), "bind", pci);
        assertEquals(1, bind.exit(), bind.toString());
        assertTrue(bind.stderr().contains("refused: " + pci + ": its interface " + ifc + " carries a default route"),
            bind.toString());
        assertTrue(bind.stderr().contains("nothing bound"), bind.toString());
        assertEquals(before, driverOf(pci), "the driver changed");
        assertFalse(Files.exists(dir.resolve("nic-drivers")), "a refused bind remembered a driver");
    }

    @Test
    void shouldRefuseTheInterfaceOfAnSshSession()
    {
        final Optional<String[]> nic = defaultRoutePciNic();
        assumeTrue(nic.isPresent(), "NicCommandIT: no PCI NIC with an address here");
        final String ifc = nic.get()[1];
        final Cmd.Result addr = Cmd.run(TIMEOUT, "ip", "-o", "-4", "addr", "show", "dev", ifc);
        final String[] words = addr.stdout().trim().split("\\s+");
        assumeTrue(words.length > 3, "NicCommandIT: " + ifc + " has no IPv4 address");
        final String local = words[3].split("/")[0];
        // An SSH session as sshd's environment describes it: client address and port, server address and port.
        final Cmd.Result bind = nic(Map.of("SSH_CONNECTION", "198.18.0.9 40022 " + local + " 22"), "bind", nic.get()[0]);
        assertEquals(1, bind.exit(), bind.toString());
        assertTrue(bind.stderr().contains("its interface " + ifc + " carries an SSH session"), bind.toString());
    }

    @Test
    void shouldNameBadAbsentAndNonNetworkDevices() throws IOException
    {
        final Cmd.Result bad = nic(Map.of(), "bind", "zz:1");
        assertEquals(2, bad.exit(), bad.toString());
        assertTrue(bad.stderr().contains("'zz:1' is not a PCI address (DDDD:BB:DD.F)"), bad.toString());
        final Cmd.Result absent = nic(Map.of(), "bind", "ff:1f.7");
        assertEquals(1, absent.exit(), absent.toString());
        assertTrue(absent.stderr().contains("no PCI device 0000:ff:1f.7"), absent.toString());
        final Cmd.Result none = nic(Map.of(), "bind");
        assertEquals(2, none.exit(), none.toString());
        final Optional<String> other = nonNetworkPciDevice();
        if (other.isPresent())
        {
            final Cmd.Result notNet = nic(Map.of(), "bind", other.get());
            assertEquals(1, notNet.exit(), notNet.toString());
            assertTrue(notNet.stderr().contains(other.get() + " is not a network device"), notNet.toString());
        }
        final Cmd.Result unknown = nic(Map.of(), "frobnicate");
        assertEquals(2, unknown.exit(), unknown.toString());
    }

    @Test
    void shouldGiveBackOnlyToARememberedOrNamedDriver() throws IOException
    {
        final Optional<String[]> nic = defaultRoutePciNic();
        assumeTrue(nic.isPresent(), "NicCommandIT: no PCI NIC here");
        final String pci = nic.get()[0];
        final String before = driverOf(pci);
        final Cmd.Result unknown = nic(Map.of(), "unbind", pci);
        assertEquals(1, unknown.exit(), unknown.toString());
        assertTrue(unknown.stderr().contains("no kernel driver remembered for " + pci + " (it was not bound by mpdp " +
            "nic bind): pass --driver NAME"), unknown.toString());
        // What bind writes: the status shows the driver it would give the device back to.
        Files.writeString(dir.resolve("nic-drivers"), pci + " ixgbe\n");
        final Cmd.Result status = nic(Map.of(), "status");
        assertTrue(status.stdout().lines().anyMatch(l -> l.startsWith(pci) && l.contains(" ixgbe ")), status.toString());
        // With a remembered driver, unbind gets as far as dpdk-devbind.py, which is named when missing.
        final Cmd.Result noTool = nic(Map.of("MPDP_DEVBIND", "dpdk-devbind-missing.py"), "unbind", pci);
        assertEquals(1, noTool.exit(), noTool.toString());
        assertTrue(noTool.stderr().contains("dpdk-devbind-missing.py not found: install the dpdk package"),
            noTool.toString());
        assertEquals(before, driverOf(pci), "the driver changed");
    }

    private static String driverOf(final String pci)
    {
        try
        {
            return Path.of("/sys/bus/pci/devices", pci, "driver").toRealPath().getFileName().toString();
        }
        catch (final IOException ex)
        {
            return "";
        }
    }
}
