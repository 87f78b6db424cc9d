package org.mpdp.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.ServiceLoader;

import org.mpdp.dpdk.DpdkException;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code mpdp} command line. Every sub-command takes {@code --config FILE}: a properties file
 * whose keys are option names without dashes (e.g. {@code queues = 2}); options on the command line win.
 */
@Command(name = "mpdp", mixinStandardHelpOptions = true, version = "mpdp 0.1.0",
    description = "Kernel-bypass Multipath TCP data plane on DPDK.",
    subcommands = {ForwardCommand.class, DemoCommand.class, AnalyzeCommand.class, GenerateTraceCommand.class,
        BenchCommand.class, LatencyCommand.class})
public final class MpdpCommand implements Runnable
{
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
        final CommandLine cli = new CommandLine(new MpdpCommand());
        for (final MpdpSubcommand sub : ServiceLoader.load(MpdpSubcommand.class))
        {
            cli.addSubcommand(sub.name(), sub.command());
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

    private static Path configPath(final String[] args)
    {
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
