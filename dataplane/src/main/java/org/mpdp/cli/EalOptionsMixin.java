package org.mpdp.cli;

import java.util.ArrayList;
import java.util.List;

import org.mpdp.dpdk.EalOptions;

import picocli.CommandLine.Option;

/**
 * EAL options shared by the commands that start DPDK.
 */
public final class EalOptionsMixin
{
    @Option(names = "--vdev", split = "\\s*;\\s*", paramLabel = "DEVARGS",
        description = "Virtual device, e.g. net_null0 or net_pcap0,rx_pcap=in.pcap (repeatable; ';' separates in a config file).")
    List<String> vdevs = new ArrayList<>();

    @Option(names = {"-a", "--pci"}, split = "\\s*;\\s*", paramLabel = "PCI",
        description = "PCI device to use, e.g. 0000:01:00.0 (repeatable). Without any, PCI is not scanned.")
    List<String> pci = new ArrayList<>();

    @Option(names = "--memory", defaultValue = "1024", paramLabel = "MiB", description = "EAL memory (default ${DEFAULT-VALUE}).")
    int memoryMb;

    @Option(names = "--hugepages", defaultValue = "auto", paramLabel = "auto|on|off",
        description = "Hugepages: auto uses them when free pages are mounted (default ${DEFAULT-VALUE}).")
    String hugepages;

    @Option(names = "--lcores", defaultValue = "0", paramLabel = "LIST", description = "EAL -l core list (default ${DEFAULT-VALUE}).")
    String lcores;

    @Option(names = "--log-level", defaultValue = "notice", paramLabel = "LEVEL", description = "EAL log level (default ${DEFAULT-VALUE}).")
    String logLevel;

    @Option(names = "--eal", split = "\\s+", paramLabel = "ARG", description = "Extra EAL arguments, passed verbatim.")
    List<String> extra = new ArrayList<>();

    /**
     * @return the EAL options these flags describe.
     */
    public EalOptions toOptions()
    {
        final EalOptions.Hugepages mode = switch (hugepages)
        {
            case "auto" -> EalOptions.Hugepages.AUTO;
            case "on" -> EalOptions.Hugepages.ON;
            case "off" -> EalOptions.Hugepages.OFF;
            default -> throw new IllegalArgumentException("hugepages=" + hugepages + " must be auto, on or off");
        };
        return new EalOptions(lcores, vdevs, pci, memoryMb, mode, "mpdp-" + ProcessHandle.current().pid(),
            logLevel, extra);
    }
}
