package org.mpdp.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code mpdp bench ...}: benchmarks that compare mpdp with a baseline measured in the same run.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks against baselines measured in the same run.",
    subcommands = {ForwardBench.class, PipelineBench.class, AnalyzeBench.class})
public final class BenchCommand implements Runnable
{
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run()
    {
        spec.commandLine().usage(System.out);
    }
}
