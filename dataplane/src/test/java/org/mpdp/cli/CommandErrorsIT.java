package org.mpdp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.mpdp.dataplane.testing.ChildJvm;
import org.mpdp.dataplane.testing.Cmd;
import org.mpdp.dpdk.HugepageInfo;

/**
 * What a user sees when the command line or the machine is wrong: each case runs the real `mpdp`
 * entry point in its own JVM (EAL starts once per process) and must fail with a message that names
 * the cause, not a stack trace.
 */
final class CommandErrorsIT
{
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private static Cmd.Result mpdp(final String... args)
    {
        return ChildJvm.run(TIMEOUT, MpdpCommand.class, args);
    }

    private static void assertFails(final Cmd.Result r, final int exit, final String message)
    {
        final String all = r.stdout() + r.stderr();
        assertEquals(exit, r.exit(), all);
        assertTrue(all.contains(message), "expected '" + message + "' in:\n" + all);
        assertTrue(!all.contains("\tat org.mpdp"), "a stack trace instead of a message:\n" + all);
    }

    @Test
    void shouldNameAnUnknownVirtualDevice()
    {
        assertFails(mpdp("forward", "--vdev", "net_foo0", "--hugepages", "off", "--duration", "1"), 1,
            "unknown virtual device 'net_foo0'");
    }

    @Test
    void shouldNameAPciAddressThatGaveNoPort()
    {
        assertFails(mpdp("forward", "-a", "0000:00:1f.7", "--hugepages", "off", "--duration", "1"), 1,
            "PCI device '0000:00:1f.7' (absent, or not bound to vfio-pci/uio_pci_generic)");
    }

    @Test
    void shouldSayWhenHugepagesAreRequiredButMissing()
    {
        assumeTrue(!HugepageInfo.read().usable(), "hugepages are reserved on this machine: nothing missing to report");
        assertFails(mpdp("forward", "--vdev", "net_null0", "--hugepages", "on", "--duration", "1"), 1,
            "hugepages=on but only 0 MiB of hugepages are free");
    }

    @Test
    void shouldRejectBadOptionValuesAndAMissingConfigFile()
    {
        assertFails(mpdp("forward", "--vdev", "net_null0", "--hugepages", "sometimes"), 1,
            "hugepages=sometimes must be auto, on or off");
        assertFails(mpdp("forward", "--config", "/nonexistent/mpdp.properties"), 2,
            "cannot read config file /nonexistent/mpdp.properties");
        assertFails(mpdp("analyze", "/nonexistent.pcap"), 1, "cannot read capture /nonexistent.pcap");
    }

    @Test
    void shouldTakeDefaultsFromAConfigFile() throws Exception
    {
        final java.nio.file.Path config = java.nio.file.Files.createTempFile("mpdp", ".properties");
        java.nio.file.Files.writeString(config, "vdev = net_null0 ; net_null1\nhugepages = off\nduration = 1\n" +
            "stats-interval = 0\nresult = true\nmemory = 256\n");
        final Cmd.Result r = mpdp("forward", "--config", config.toString());
        java.nio.file.Files.delete(config);
        assertEquals(0, r.exit(), r.stdout() + r.stderr());
        assertTrue(r.stdout().contains("2 port(s)") && r.stdout().contains("RESULT forwarded_pps="), r.stdout());
        assertTrue(r.stdout().contains("leaked_mbufs=0"), r.stdout());
    }
}
