package org.mpdp.dpdk;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;

import org.junit.jupiter.api.Test;

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
        assertTrue(Files.isRegularFile(dir.resolve("librte_net_null.so")), dir + " has no librte_net_null.so");
    }
}
