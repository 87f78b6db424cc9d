package org.mpdp.dataplane.port;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.abort;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.agrona.concurrent.BusySpinIdleStrategy;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mpdp.dataplane.agent.Forwarder;
import org.mpdp.dataplane.testing.ChildJvm;
import org.mpdp.dataplane.testing.Cmd;
import org.mpdp.dpdk.Eal;
import org.mpdp.dpdk.EalOptions;
import org.mpdp.dpdk.EthDev;
import org.mpdp.dpdk.HugepageInfo;

/**
 * Hugepages for real: the setup scripts' own end-to-end test passes, and EAL started on pages that
 * hugepages.sh reserved forwards between two net_null ports without leaking, after which the pages
 * and the mount are given back.
 */
final class HugepagesIT
{
    /** The module runs with dataplane/ as working directory. */
    private static final Path SCRIPTS = Path.of("..", "hugepages-setup").toAbsolutePath().normalize();
    private static final Path NR_2M = Path.of("/sys/kernel/mm/hugepages/hugepages-2048kB/nr_hugepages");
    private static final Path FREE_2M = Path.of("/sys/kernel/mm/hugepages/hugepages-2048kB/free_hugepages");
    private static final int PAGES = 256;
    private static final int EAL_MB = 256;
    private static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration CHILD_TIMEOUT = Duration.ofSeconds(60);

    @BeforeAll
    static void requireWritableHugepagePool()
    {
        assumeTrue(Files.isWritable(NR_2M), NR_2M + " is missing or not writable (not root, or sysfs mounted " +
            "read-only): hugepages cannot be reserved on this machine");
        assertTrue(Files.isRegularFile(SCRIPTS.resolve("hugepages.sh")), "no hugepages.sh in " + SCRIPTS);
    }

    @Test
    void shouldPassTheHugepageScriptsOwnEndToEndTest()
    {
        final Cmd.Result result = Cmd.run(SCRIPT_TIMEOUT, SCRIPTS.resolve("test-hugepages.sh").toString());
        assertEquals(0, result.exit(), result.toString());
        final Matcher summary = Pattern.compile("(?m)^hugepages: (\\d+) passed, 0 failed").matcher(result.stdout());
        assertTrue(summary.find(), "no 'hugepages: N passed, 0 failed' line in\n" + result);
        assertTrue(Integer.parseInt(summary.group(1)) > 0, "no check passed:\n" + result);
    }

    @Test
    void shouldForwardOnReservedHugepagesWithoutLeakingThenGiveThemBack() throws IOException
    {
        final int nrBefore = read(NR_2M);
        final Path work = Files.createTempDirectory("mpdp-hugepages-it");
        final Path mount = work.resolve("huge-2M");
        final Map<String, String> env = Map.of("MPDP_HUGEPAGES_STATE_DIR", work.resolve("state").toString());
        final String script = SCRIPTS.resolve("hugepages.sh").toString();
        final Cmd.Result release;
        try
        {
            final Cmd.Result reserve = Cmd.run(SCRIPT_TIMEOUT, env, List.of(script, "reserve", Integer.toString(PAGES),
                "--mount", mount.toString()));
            if (reserve.exit() == 3)
            {
                abort("the kernel did not provide " + PAGES + " 2M hugepages (fragmented or short memory):\n" + reserve);
            }
            assertEquals(0, reserve.exit(), reserve.toString());
            final int reserved = read(NR_2M);
            assertTrue(reserved >= PAGES, "nr_hugepages after reserve: " + reserved);
            assertTrue(HugepageInfo.read().mounts().contains(mount.toString()),
                "hugetlbfs mounts " + HugepageInfo.read().mounts() + " lack " + mount);

            // EAL runs in a child JVM: DPDK 22.11 gives hugepages back only when its process exits.
            final int freeBefore = read(FREE_2M);
            final Cmd.Result child = ChildJvm.run(CHILD_TIMEOUT, ForwardOnHugepages.class);
            assertEquals(0, child.exit(), child.toString());
            final Map<String, String> reports = ChildJvm.reports(child.stdout());
            assertEquals("true", reports.get("closed"), "forwarder and EAL closed\n" + child);
            assertEquals("true", reports.get("hugepages"), "eal.hugepages() in the child\n" + child);
            assertTrue(Integer.parseInt(reports.get("pages-taken")) >= EAL_MB / 2, "EAL took " +
                reports.get("pages-taken") + " 2M hugepages, expected at least " + EAL_MB / 2 + " for -m " + EAL_MB);
            assertTrue(Long.parseLong(reports.get("forwarded")) > 1_000, "packets forwarded in 300 ms: " +
                reports.get("forwarded"));
            assertEquals("0", reports.get("tx-dropped"), "net_null never refuses a TX burst");
            assertEquals("0", reports.get("leaked"), "mbufs not back in the pools after the ports stopped");
            assertEquals(freeBefore, read(FREE_2M), "free 2M pages once the EAL process exited");
        }
        finally
        {
            release = Cmd.run(SCRIPT_TIMEOUT, env, List.of(script, "release"));
            if (release.exit() == 0 && !Files.exists(mount))
            {
                Files.deleteIfExists(work.resolve("state").resolve("lock"));
                Files.deleteIfExists(work.resolve("state"));
                Files.deleteIfExists(work);
            }
        }
        assertEquals(0, release.exit(), release.toString());
        assertEquals(nrBefore, read(NR_2M), "nr_hugepages after release");
        assertFalse(HugepageInfo.read().mounts().contains(mount.toString()), "mount still there after release");
        assertFalse(Files.exists(mount), "mount directory reserve created is still there after release");
        assertFalse(Files.exists(work), "state directory " + work + " left behind");
    }

    /**
     * The child JVM: EAL on hugepages (required), a Forwarder between net_null0 and net_null1 for
     * 300 ms, then everything closed; reports what it saw on standard output.
     */
    static final class ForwardOnHugepages
    {
        private ForwardOnHugepages()
        {
        }

        static void main(final String[] args)
        {
            try
            {
                final int freeBefore = read(FREE_2M);
                final Eal eal = Eal.start(EalOptions.defaults(List.of("net_null0", "net_null1")).withMemoryMb(EAL_MB)
                    .withHugepages(EalOptions.Hugepages.ON));
                ChildJvm.report("hugepages", eal.hugepages());
                ChildJvm.report("pages-taken", freeBefore - read(FREE_2M));
                try (Forwarder forwarder = new Forwarder(List.of(EthDev.portByName("net_null0"),
                    EthDev.portByName("net_null1")), PortConfig.defaults(1), Burst.DEFAULT_SIZE, -1,
                    new BusySpinIdleStrategy(), MbufPool.DEFAULT_DATA_ROOM))
                {
                    forwarder.start();
                    Cmd.sleep(300);
                    final int leaked = forwarder.closePortsAndCountLeaks();
                    ChildJvm.report("forwarded", forwarder.forwarded());
                    ChildJvm.report("tx-dropped", forwarder.txDropped());
                    ChildJvm.report("leaked", leaked);
                }
                eal.close();
                ChildJvm.report("closed", true);
            }
            catch (final Throwable ex)
            {
                ex.printStackTrace();
                System.exit(1);
            }
            System.exit(0);
        }
    }

    private static int read(final Path counter)
    {
        try
        {
            return Integer.parseInt(Files.readString(counter).strip());
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("cannot read " + counter, ex);
        }
    }
}
