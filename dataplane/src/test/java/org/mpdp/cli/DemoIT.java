package org.mpdp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mpdp.dataplane.testing.Cmd;
import org.mpdp.dataplane.testing.LiveTestbed;

/**
 * {@code scripts/mpdp demo} (scripts/lib/demo.sh) runs end to end: testbed up, kernel MPTCP echoed
 * byte-exact through {@code mpdp run}, the live views answer, the forged joins and spoofed SYNs are
 * counted under their reasons, mpdp stops cleanly with 0 mbufs out, and nothing is left behind.
 */
final class DemoIT
{
    @TempDir
    Path dir;

    @Test
    void shouldRunTheLiveDemoAndLeaveNothing()
    {
        final String name = "mdemo" + ProcessHandle.current().pid();
        final Map<String, String> env = new HashMap<>();
        env.put("MPDP_TESTBED_DIR", dir.toString());
        env.put("MPDP_DEMO_NAME", name);
        env.put("MPDP_CLASSPATH", System.getProperty("java.class.path"));
        env.put("JAVA_HOME", System.getProperty("java.home"));
        final Cmd.Result r = Cmd.run(Duration.ofMinutes(6), env,
            List.of("bash", LiveTestbed.root().resolve("scripts/lib/demo.sh").toString()));
        final String out = r.stdout() + r.stderr();
        assertEquals(0, r.exit(), out);
        assertTrue(out.contains("echoed byte-exact: 4 of 4 connections"), out);
        // Counted where they reached mpdp's RX (a busy box may overflow the AF_PACKET ring before it: see the
        // README's attack section); none may reach the server, which the offline analysis below shows.
        final java.util.regex.Matcher m = java.util.regex.Pattern.compile(
            "mpdp counted: join-unknown-token (\\d+), source-not-allowed (\\d+)").matcher(out);
        assertTrue(m.find(), out);
        final int joins = Integer.parseInt(m.group(1));
        final int spoofed = Integer.parseInt(m.group(2));
        assertTrue(joins > 150 && joins <= 200 && spoofed > 1500 && spoofed <= 2000, out);
        assertTrue(out.contains("4 connection(s), 0 subflow(s) picked up mid-stream"), "stat --connections: " + out);
        assertTrue(out.contains("mbufs still in use after the ports closed 0"), out);
        assertTrue(out.contains("verdict reasons: none"), "no forged packet in the server's capture: " + out);
        assertFalse(Cmd.run(Duration.ofSeconds(10), "ip", "netns", "list").stdout().contains(name), "namespaces left");
    }
}
