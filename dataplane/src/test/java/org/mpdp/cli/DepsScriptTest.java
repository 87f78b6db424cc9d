package org.mpdp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mpdp.dataplane.testing.Cmd;
import org.mpdp.dataplane.testing.LiveTestbed;

/**
 * scripts/lib/deps.sh, the first thing every command runs, under the callers' {@code set -euo pipefail}:
 * a package that is not installed must be named (or installed), never end the command in silence. On a
 * fresh machine dpkg-query's exit 1 for such a package ended {@code scripts/mpdp test} with no output.
 * Run as nobody, so the script takes its non-root branch and names the package instead of calling apt.
 */
final class DepsScriptTest
{
    @Test
    void shouldNameMissingPackagesUnderPipefail() throws IOException
    {
        assumeTrue(Cmd.run(Duration.ofSeconds(10), "id", "-u").stdout().trim().equals("0"),
            "needs root to run the script as nobody");
        final String deps = Files.readString(LiveTestbed.root().resolve("scripts/lib/deps.sh"));
        final String script = "set -euo pipefail\n" + deps + "\nMPDP_DEB_PACKAGES=(bash mpdp-no-such-package)\n" +
            "mpdp_install_deps\necho installed\n"; // as scripts/mpdp calls it: a statement, so set -e applies
        final Cmd.Result r = Cmd.run(Duration.ofSeconds(30), java.util.Map.of(),
            List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "bash", "-c", script));
        final String out = r.stdout() + r.stderr();
        assertEquals(1, r.exit(), out);
        assertTrue(r.stderr().contains("mpdp: missing packages: mpdp-no-such-package;"), out);
        assertTrue(r.stdout().isEmpty(), out);
    }
}
