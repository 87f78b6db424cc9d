package org.mpdp.dataplane.testing;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a main class in a fresh JVM with this JVM's classpath and flags. For what must happen in a
 * process that then exits, e.g. giving hugepages back: DPDK 22.11's rte_eal_cleanup leaves the
 * hugepage mappings and memfd descriptors in place, so pages are freed only when the process ends.
 */
public final class ChildJvm
{
    /** Prefix of the lines a child reports on standard output (EAL logs there too). */
    public static final String REPORT = "mpdp-child: ";

    private ChildJvm()
    {
    }

    /**
     * @param timeout longest the child may run.
     * @param main    class with a static main method.
     * @param args    program arguments.
     * @return exit code and output.
     */
    public static Cmd.Result run(final Duration timeout, final Class<?> main, final String... args)
    {
        return Cmd.run(timeout, Map.of(), command(main, args));
    }

    /**
     * @param main class with a static main method.
     * @param args program arguments.
     * @return the command line that runs it in a fresh JVM like this one, e.g. for {@link Cmd.Background}.
     */
    public static List<String> command(final Class<?> main, final String... args)
    {
        final List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse(System.getProperty("java.home") + "/bin/java"));
        for (final String arg : ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            if (!arg.startsWith("-agentlib:jdwp"))
            {
                command.add(arg);
            }
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(List.of(args));
        return command;
    }

    /**
     * Prints one {@code key value} report line for the parent.
     *
     * @param key   name.
     * @param value value.
     */
    public static void report(final String key, final Object value)
    {
        System.out.println(REPORT + key + " " + value);
        System.out.flush();
    }

    /**
     * @param output a child's standard output.
     * @return its report lines as key to value.
     */
    public static Map<String, String> reports(final String output)
    {
        final Map<String, String> values = new HashMap<>();
        output.lines().filter(l -> l.startsWith(REPORT)).map(l -> l.substring(REPORT.length()).split(" ", 2))
            .forEach(kv -> values.put(kv[0], kv.length > 1 ? kv[1] : ""));
        return values;
    }
}
