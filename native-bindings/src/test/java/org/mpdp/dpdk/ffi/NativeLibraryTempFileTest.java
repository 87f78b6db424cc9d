package org.mpdp.dpdk.ffi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shim extracted from the jar for dlopen leaves no file behind, even when the JVM is killed (mpdp's harnesses
 * stop JVMs with SIGKILL, and deleteOnExit alone left one {@code libmpdp_shim*.so} in /tmp per killed run).
 */
final class NativeLibraryTempFileTest
{
    /** The child JVM: loads the shim, resolves a symbol through it, says so and waits to be killed. */
    public static void main(final String[] args) throws InterruptedException
    {
        System.out.println("loaded " + NativeLibrary.lookup().find("rte_eal_init").isPresent());
        System.out.flush();
        Thread.sleep(60_000);
    }

    @Test
    void shouldLeaveNoExtractedShimWhenKilled(@TempDir final Path tmp) throws IOException, InterruptedException
    {
        final Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        final Process child = new ProcessBuilder(List.of(java.toString(), "--enable-native-access=ALL-UNNAMED",
            "-Djava.io.tmpdir=" + tmp, "-cp", System.getProperty("java.class.path"),
            NativeLibraryTempFileTest.class.getName())).redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
            StandardCharsets.UTF_8)))
        {
            String line;
            do
            {
                line = out.readLine();
            }
            while (line != null && !line.startsWith("loaded "));
            assertEquals("loaded true", line, "the child loaded the shim and found a DPDK symbol through it");
            // Loaded and still running: already no file (it is unlinked once dlopen has it).
            assertEquals(List.of(), shims(tmp), "extracted shim still on disk while the JVM runs");
        }
        finally
        {
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }
        assertEquals(List.of(), shims(tmp), "extracted shim left behind by a killed JVM");
    }

    private static List<Path> shims(final Path dir) throws IOException
    {
        try (Stream<Path> files = Files.list(dir))
        {
            return files.filter(f -> f.getFileName().toString().startsWith("libmpdp_shim")).toList();
        }
    }
}
