package org.mpdp.dpdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * The layout probe and the shim against Debian trixie's DPDK 24.11, in a trixie root made with
 * debootstrap (scripts/lib/debroot.sh, cached under /var/cache/mpdp-test): the probe compiled and run
 * there must agree with {@link LayoutProbeTest#javaSide(int) the Java side for 24.11}, and the shim
 * must build there with -Werror and report 24.11 and an existing driver directory. The host's own
 * DPDK (bookworm's 22.11) is LayoutProbeTest's. Skips, saying why, without root or network.
 */
final class DebianAbiProbeIT
{
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final String CFLAGS = "$(pkg-config --cflags libdpdk)";
    /** The shim's link line from native-bindings/pom.xml. */
    private static final String SHIM_LIBS = "-Wl,--no-as-needed -lrte_eal -lrte_kvargs -lrte_telemetry -lrte_ring " +
        "-lrte_mempool -lrte_mbuf -lrte_net -lrte_ethdev -lrte_net_ring";

    @Test
    void shouldAgreeWithTrixiesDpdk2411() throws Exception
    {
        assumeTrue("root".equals(System.getProperty("user.name")),
            "DebianAbiProbeIT skipped: making and entering a trixie root needs root");
        final Result tar = bash("debroot() { . scripts/lib/debroot.sh; mpdp_debroot_tar \"$@\"; }; " +
            "debroot trixie trixie-dpdk libdpdk-dev gcc libc6-dev pkg-config", 1200);
        assumeTrue(tar.rc == 0, () -> "DebianAbiProbeIT skipped: no trixie root could be made:\n" + tar.err);
        final Result dir = bash(". scripts/lib/debroot.sh; mpdp_debroot_workdir trixie", 60);
        check(dir, "a directory for the trixie root");
        final Path root = Path.of(dir.out.trim());
        try
        {
            check(bash(". scripts/lib/debroot.sh; mpdp_debroot_unpack '" + tar.out.trim() + "' '" + root + "' && " +
                "mpdp_debroot_mount '" + root + "'", 600), "unpack and mount the trixie root");
            for (final String file : List.of("src/test/c/layout_probe.c", "src/test/c/shim_abi.c",
                "src/main/c/mpdp_shim.c", "src/main/c/mpdp_sha256.c", "src/main/c/mpdp_shim.h"))
            {
                final Path source = Path.of(file);
                Files.copy(source, root.resolve("tmp").resolve(source.getFileName()));
            }
            final Result probe = chroot(root, "gcc -O0 -Wall -Werror " + CFLAGS + " -o /tmp/layout_probe " +
                "/tmp/layout_probe.c -lrte_telemetry && /tmp/layout_probe");
            check(probe, "the layout probe in the trixie root");
            final Map<String, Long> c = LayoutProbeTest.parse(probe.out);
            assertEquals(24L, c.get("version.RTE_VER_YEAR"), "trixie's DPDK is not 24.x: " + c);
            LayoutProbeTest.assertAgree(c, LayoutProbeTest.javaSide(2411));

            final Result shim = chroot(root, "gcc -O2 -fPIC -shared -Wall -Wextra -Werror " + CFLAGS +
                " -o /tmp/libmpdp_shim.so /tmp/mpdp_shim.c /tmp/mpdp_sha256.c " + SHIM_LIBS + " && gcc -Wall -Werror -o /tmp/shim_abi " +
                "/tmp/shim_abi.c -L/tmp -lmpdp_shim && LD_LIBRARY_PATH=/tmp /tmp/shim_abi");
            check(shim, "the shim in the trixie root");
            assertTrue(shim.out.contains("release 2411\n"), shim.out);
            assertTrue(DpdkAbi.isSupported(2411));
            final String pmdDir = shim.out.replaceAll("(?s).*pmd_dir (\\S+)\n.*", "$1");
            assertEquals("/usr/lib/x86_64-linux-gnu/dpdk/pmds-25.0", pmdDir, shim.out);
            assertTrue(Files.isRegularFile(root.resolve(pmdDir.substring(1)).resolve("librte_net_null.so")),
                "no net_null driver in the trixie root's " + pmdDir);
        }
        finally
        {
            bash(". scripts/lib/debroot.sh; mpdp_debroot_remove '" + root + "'", 300);
        }
    }

    private static Result chroot(final Path root, final String script) throws IOException, InterruptedException
    {
        return run(List.of("chroot", root.toString(), "sh", "-c", script), 600);
    }

    private static Result bash(final String script, final int seconds) throws IOException, InterruptedException
    {
        return run(List.of("bash", "-c", "cd '" + REPO + "' && " + script), seconds);
    }

    private static void check(final Result result, final String what)
    {
        if (result.rc != 0)
        {
            fail(what + " failed (exit " + result.rc + "):\n" + result.out + result.err);
        }
    }

    private static Result run(final List<String> command, final int seconds) throws IOException, InterruptedException
    {
        final Path out = Files.createTempFile("abi-out", ".txt");
        final Path err = Files.createTempFile("abi-err", ".txt");
        try
        {
            final Process p = new ProcessBuilder(new ArrayList<>(command)).redirectOutput(out.toFile())
                .redirectError(err.toFile()).start();
            if (!p.waitFor(seconds, TimeUnit.SECONDS))
            {
                p.destroyForcibly().waitFor();
                return new Result(-1, Files.readString(out), "timed out after " + seconds + " s\n" + Files.readString(err));
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        }
        finally
        {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private record Result(int rc, String out, String err)
    {
    }
}
