package org.mpdp.dpdk;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What rte_eal_init is started with. Built by the CLI or tests, turned into EAL arguments by {@link Eal}.
 *
 * @param lcores     EAL core list ({@code -l}), e.g. {@code "0"}; the calling thread becomes the main lcore.
 * @param vdevs      virtual devices, each a full devargs string, e.g. {@code net_pcap0,rx_pcap=a.pcap}.
 * @param pciDevices PCI addresses to use ({@code -a}); empty means no PCI scan at all ({@code --no-pci}).
 * @param memoryMb   memory to reserve, in MiB ({@code -m}).
 * @param hugepages  whether to use hugepages.
 * @param filePrefix per-process prefix for EAL's runtime files, so several mpdp/testpmd processes coexist.
 * @param logLevel   EAL {@code --log-level} value, e.g. {@code "notice"} or {@code "lib.eal:debug"}.
 * @param extraArgs  further EAL arguments passed through verbatim.
 * @param telemetry  whether DPDK's telemetry socket runs ({@code /var/run/dpdk/<filePrefix>/dpdk_telemetry.v2},
 *                   see {@link Telemetry}); off by default ({@code --no-telemetry}).
 */
public record EalOptions(
    String lcores,
    List<String> vdevs,
    List<String> pciDevices,
    int memoryMb,
    Hugepages hugepages,
    String filePrefix,
    String logLevel,
    List<String> extraArgs,
    boolean telemetry)
{
    /** How EAL gets its memory. */
    public enum Hugepages
    {
        /** Use hugepages when a hugetlbfs mount with free pages exists, else fall back to --no-huge. */
        AUTO,
        /** Require hugepages; fail with a clear error when none are free. */
        ON,
        /** Anonymous memory (--no-huge), e.g. for tests and machines without hugepages. */
        OFF
    }

    /** Checks the values. */
    public EalOptions
    {
        Objects.requireNonNull(lcores, "lcores");
        vdevs = List.copyOf(vdevs);
        pciDevices = List.copyOf(pciDevices);
        extraArgs = List.copyOf(extraArgs);
        Objects.requireNonNull(hugepages, "hugepages");
        Objects.requireNonNull(filePrefix, "filePrefix");
        Objects.requireNonNull(logLevel, "logLevel");
        if (memoryMb < 16)
        {
            throw new IllegalArgumentException("memoryMb=" + memoryMb + " is below the 16 MiB EAL needs");
        }
    }

    /**
     * Options with telemetry off, as before telemetry existed.
     *
     * @param lcores     EAL core list.
     * @param vdevs      virtual devices.
     * @param pciDevices PCI addresses.
     * @param memoryMb   memory in MiB.
     * @param hugepages  hugepage mode.
     * @param filePrefix runtime file prefix.
     * @param logLevel   EAL log level.
     * @param extraArgs  further EAL arguments.
     */
    public EalOptions(final String lcores, final List<String> vdevs, final List<String> pciDevices, final int memoryMb,
        final Hugepages hugepages, final String filePrefix, final String logLevel, final List<String> extraArgs)
    {
        this(lcores, vdevs, pciDevices, memoryMb, hugepages, filePrefix, logLevel, extraArgs, false);
    }

    /**
     * Defaults for one process: main lcore 0, 512 MiB, hugepages when present, a prefix unique to this pid.
     *
     * @param vdevs virtual devices to create.
     * @return the options.
     */
    public static EalOptions defaults(final List<String> vdevs)
    {
        return new EalOptions("0", vdevs, List.of(), 512, Hugepages.AUTO,
            "mpdp-" + ProcessHandle.current().pid(), "notice", List.of());
    }

    /**
     * @param memoryMb new memory size in MiB.
     * @return a copy with that memory size.
     */
    public EalOptions withMemoryMb(final int memoryMb)
    {
        return new EalOptions(lcores, vdevs, pciDevices, memoryMb, hugepages, filePrefix, logLevel, extraArgs, telemetry);
    }

    /**
     * @param hugepages new hugepage mode.
     * @return a copy with that mode.
     */
    public EalOptions withHugepages(final Hugepages hugepages)
    {
        return new EalOptions(lcores, vdevs, pciDevices, memoryMb, hugepages, filePrefix, logLevel, extraArgs, telemetry);
    }

    /**
     * @param pciDevices PCI addresses.
     * @return a copy with those PCI devices.
     */
    public EalOptions withPciDevices(final List<String> pciDevices)
    {
        return new EalOptions(lcores, vdevs, pciDevices, memoryMb, hugepages, filePrefix, logLevel, extraArgs, telemetry);
    }

    /**
     * @param logLevel EAL log level.
     * @return a copy with that log level.
     */
    public EalOptions withLogLevel(final String logLevel)
    {
        return new EalOptions(lcores, vdevs, pciDevices, memoryMb, hugepages, filePrefix, logLevel, extraArgs, telemetry);
    }

    /**
     * @param telemetry whether the telemetry socket runs.
     * @return a copy with telemetry on or off.
     */
    public EalOptions withTelemetry(final boolean telemetry)
    {
        return new EalOptions(lcores, vdevs, pciDevices, memoryMb, hugepages, filePrefix, logLevel, extraArgs, telemetry);
    }

    /**
     * @param filePrefix EAL --file-prefix: names the runtime directory and the telemetry socket's directory.
     * @return a copy with that prefix.
     */
    public EalOptions withFilePrefix(final String filePrefix)
    {
        return new EalOptions(lcores, vdevs, pciDevices, memoryMb, hugepages, filePrefix, logLevel, extraArgs, telemetry);
    }

    /**
     * The EAL argument vector, program name first.
     *
     * @param useHugepages the decision {@link Eal} made from {@link #hugepages()} and the machine.
     * @return the arguments.
     */
    public List<String> toArgs(final boolean useHugepages)
    {
        final List<String> args = new ArrayList<>();
        args.add("mpdp");
        args.add("-l");
        args.add(lcores);
        args.add("-m");
        args.add(Integer.toString(memoryMb));
        args.add("--file-prefix=" + filePrefix);
        args.add("--log-level=" + logLevel);
        if (!telemetry)
        {
            args.add("--no-telemetry");
        }
        if (useHugepages)
        {
            // Runtime files live only in memory: nothing to clean up after a crash.
            args.add("--in-memory");
        }
        else
        {
            // --no-huge implies legacy memory, which EAL refuses to combine with --in-memory.
            args.add("--no-huge");
            args.add("--no-shconf");
        }
        if (pciDevices.isEmpty())
        {
            args.add("--no-pci");
        }
        for (final String pci : pciDevices)
        {
            args.add("-a");
            args.add(pci);
        }
        for (final String vdev : vdevs)
        {
            args.add("--vdev=" + vdev);
        }
        args.addAll(extraArgs);
        return args;
    }
}
