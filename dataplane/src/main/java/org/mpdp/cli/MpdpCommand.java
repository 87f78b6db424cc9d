package org.mpdp.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.ServiceLoader;

import org.mpdp.dataplane.telemetry.MpdpTelemetry;
import org.mpdp.dpdk.DpdkException;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code mpdp} command line. Every sub-command takes {@code --config FILE}: a properties file
 * whose keys are option names without dashes (e.g. {@code queues = 2}); options on the command line win.
 */
@Command(name = "mpdp", mixinStandardHelpOptions = true, version = "mpdp " + MpdpTelemetry.MPDP_VERSION,
    description = "Kernel-bypass Multipath TCP data plane on DPDK.")
public final class MpdpCommand implements Runnable
{
    /** Built-in sub-commands, in the order the usage lists them. */
    private static final List<Class<?>> SUBCOMMANDS = List.of(ForwardCommand.class, DemoCommand.class,
        AnalyzeCommand.class, GenerateTraceCommand.class, ForgeCommand.class, BenchCommand.class, RunCommand.class, StatCommand.class,
        LatencyCommand.class);

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run()
    {
        spec.commandLine().usage(System.out);
    }

    /**
     * Entry point.
     *
     * @param args command line.
     */
    public static void main(final String[] args)
    {
        System.exit(execute(args));
    }

    /**
     * Runs a command line and returns its exit code, for tests and the bench orchestrator.
     *
     * @param args command line.
     * @return exit code: 0 ok, 1 runtime failure, 2 usage error.
     */
    public static int execute(final String... args)
    {
        // picocli builds the model of every sub-command it is given, by reflection (a quarter to half a
        // second here for all of them, forward's EAL options and the benches included): when the first
        // argument names one, it is the only one added. Its parsing, help and errors are the same.
        final String first = args.length > 0 ? args[0] : "";
        final boolean one = SUBCOMMANDS.stream().anyMatch(c -> name(c).equals(first));
        final CommandLine cli = new CommandLine(new MpdpCommand());
        for (final Class<?> c : SUBCOMMANDS)
        {
            if (!one || name(c).equals(first))
            {
                cli.addSubcommand(name(c), c);
            }
        }
        if (!one)
        {
            for (final MpdpSubcommand sub : ServiceLoader.load(MpdpSubcommand.class))
            {
                cli.addSubcommand(sub.name(), sub.command());
            }
        }
        try
        {
            final Path config = configPath(args);
            if (config != null)
            {
                cli.setDefaultValueProvider(new CommandLine.PropertiesDefaultProvider(load(config)));
            }
        }
        catch (final IllegalArgumentException ex)
        {
            System.err.println("mpdp: " + ex.getMessage());
            return 2;
        }
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) ->
        {
            if (ex instanceof DpdkException || ex instanceof IllegalArgumentException || ex instanceof IOException)
            {
                System.err.println("mpdp: " + ex.getMessage());
                return 1;
            }
            throw ex;
        });
        return cli.execute(args);
    }

    private static String name(final Class<?> command)
    {
        return command.getAnnotation(Command.class).name();
    }

    private static Path configPath(final String[] args)
    {
        if (args.length > 0 && (args[0].equals("run") || args[0].equals("robe")))
        {
            return null; // run's and robe's --config is YAML, read by RunConfig, not a properties file of defaults
        }
        for (int i = 0; i < args.length; i++)
        {
            if (args[i].equals("--config") && i + 1 < args.length)
            {
                return Path.of(args[i + 1]);
            }
            if (args[i].startsWith("--config="))
            {
                return Path.of(args[i].substring("--config=".length()));
            }
        }
        return null;
    }

    private static Properties load(final Path file)
    {
        final Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file))
        {
            properties.load(in);
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException("cannot read config file " + file + ": " + ex.getMessage());
        }
        return properties;
    }
}
