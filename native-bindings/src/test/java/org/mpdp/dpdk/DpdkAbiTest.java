package org.mpdp.dpdk;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release check at start, and the driver directory found through the shim.
 */
final class DpdkAbiTest
{
    @Test
    void shouldRefuseAReleaseWhoseLayoutsWereNeverProbed()
    {
        final DpdkException ex = assertThrows(DpdkException.class, () -> DpdkAbi.check(2311));
        assertTrue(ex.getMessage().startsWith("DPDK 23.11 is not a supported ABI (supported: 22.11, 24.11)"),
            ex.getMessage());
        assertDoesNotThrow(() -> DpdkAbi.check(2211));
        assertDoesNotThrow(() -> DpdkAbi.check(2411));
    }

    @Test
    void shouldRunOnASupportedRelease()
    {
        assertDoesNotThrow(() -> DpdkAbi.current().check());
    }

    @Test
    void shouldFindTheDriverDirectoryOfTheInstalledDpdk()
    {
        // The EAL's compiled-in default: an existing directory holding net_null, which every vdev test uses.
        final var dir = Eal.driverDirectory();
        assertTrue(dir.toString().contains("/dpdk/pmds-"), dir.toString());
        assertTrue(Eal.installedNetDrivers(dir).contains("net_null"), dir + " has no net_null driver");
    }

    @Test
    void shouldFindDriversAlsoUnderTheirVersionedNamesOnly(@TempDir final Path dir) throws IOException
    {
        // A server with the runtime packages alone has no librte_net_*.so links, only .so.23 and .so.23.0.
        for (final String name : List.of("librte_net_null.so.23", "librte_net_null.so.23.0", "librte_net_pcap.so",
            "librte_bus_pci.so.23", "librte_net_af_packet.so.25.0", "README"))
        {
            Files.createFile(dir.resolve(name));
        }
        assertEquals(List.of("net_af_packet", "net_null", "net_pcap"), Eal.installedNetDrivers(dir));
    }
}
