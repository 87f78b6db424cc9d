package org.mpdp.dpdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A driver directory without drivers is named before rte_eal_init, which would skip it silently and
 * then fail to parse the vdev. One test: Eal.start works once per JVM (surefire forks per class).
 */
final class EalDriverDirectoryTest
{
    @Test
    void shouldNameAMissingDriverDirectory(@TempDir final Path dir)
    {
        final Path missing = dir.resolve("pmds-none");
        System.setProperty(Eal.PMD_DIR_PROPERTY, missing.toString());
        try
        {
            assertEquals(missing, Eal.driverDirectory());
            final DpdkException ex = assertThrows(DpdkException.class,
                () -> Eal.start(EalOptions.defaults(List.of("net_null0"))));
            assertEquals("DPDK driver directory " + missing + " does not exist (from -Dmpdp.dpdk.pmd-dir): install " +
                "the DPDK driver packages (librte-net-null*, librte-net-pcap*, librte-mempool-ring*, ...) or set " +
                "-Dmpdp.dpdk.pmd-dir=DIR", ex.getMessage());
        }
        finally
        {
            System.clearProperty(Eal.PMD_DIR_PROPERTY);
        }
    }
}
