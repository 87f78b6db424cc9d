package org.mpdp.dpdk;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.mpdp.dpdk.ffi.dpdk_h;
import org.mpdp.dpdk.ffi.shim_h;

/**
 * The DPDK Environment Abstraction Layer of this process. rte_eal_init works once per process, so
 * there is at most one {@code Eal}; {@link #close()} runs rte_eal_cleanup.
 *
 * <p>Errors are named before DPDK's own terse ones can confuse: an unknown virtual device driver,
 * a PCI address that produced no port, a second start, missing hugepages when they were required.
 */
public final class Eal implements AutoCloseable
{
    /** Linux errno EALREADY, which rte_eal_init sets on a second call. */
    private static final int EALREADY = 114;
    /** System property naming another driver directory (passed to EAL as -d). */
    public static final String PMD_DIR_PROPERTY = "mpdp.dpdk.pmd-dir";
    /**
     * A net driver plugin as EAL loads it: librte_net_null.so (libdpdk-dev adds that link) or only
     * librte_net_null.so.23 and .so.23.0 (the runtime packages alone, as on a server).
     */
    private static final Pattern NET_DRIVER = Pattern.compile("librte_(net_\\w+?)\\.so(\\.\\d+)*");

    private static final AtomicBoolean STARTED = new AtomicBoolean();

    private final EalOptions options;
    private final boolean hugepages;
    private final List<String> args;
    private volatile boolean closed;

    private Eal(final EalOptions options, final boolean hugepages, final List<String> args)
    {
        this.options = options;
        this.hugepages = hugepages;
        this.args = args;
    }

    /**
     * Starts EAL on the calling thread. The thread's CPU affinity is restored afterwards, because
     * rte_eal_init pins its caller to the main lcore and the JVM's later threads would inherit it.
     *
     * @param options what to start with.
     * @return the EAL of this process.
     * @throws DpdkException with a message naming the cause when EAL cannot start.
     */
    public static Eal start(final EalOptions options)
    {
        if (!STARTED.compareAndSet(false, true))
        {
            throw new DpdkException("EAL is already initialised in this process: rte_eal_init works once per " +
                "process (fork a new JVM per EAL configuration)", EALREADY);
        }
        DpdkAbi.current().check();
        final Path pmdDir = driverDirectory();
        checkVdevDrivers(pmdDir, options.vdevs());
        final boolean useHugepages = decideHugepages(options);
        final List<String> args = new ArrayList<>(options.toArgs(useHugepages));
        if (System.getProperty(PMD_DIR_PROPERTY) != null)
        {
            args.addAll(1, List.of("-d", pmdDir.toString()));
        }
        final BitSet affinity = Affinity.current();
        final int rc;
        try (Arena arena = Arena.ofConfined())
        {
            final MemorySegment argv = arena.allocate(ValueLayout.ADDRESS, args.size() + 1L);
            for (int i = 0; i < args.size(); i++)
            {
                argv.setAtIndex(ValueLayout.ADDRESS, i, arena.allocateFrom(args.get(i)));
            }
            argv.setAtIndex(ValueLayout.ADDRESS, args.size(), MemorySegment.NULL);
            rc = dpdk_h.rte_eal_init(args.size(), argv);
        }
        finally
        {
            Affinity.set(affinity);
        }
        if (rc < 0)
        {
            final int err = shim_h.mpdp_errno();
            throw new DpdkException("rte_eal_init failed: " + DpdkException.strerror(err) + " (rte_errno=" + err +
                "); args=" + String.join(" ", args) + hint(err, options), err);
        }
        final Eal eal = new Eal(options, useHugepages, List.copyOf(args));
        eal.checkDevicesBecamePorts();
        return eal;
    }

    private static boolean decideHugepages(final EalOptions options)
    {
        return switch (options.hugepages())
        {
            case OFF -> false;
            case ON ->
            {
                final HugepageInfo info = HugepageInfo.read();
                if (!info.usable() || info.freeMb() < options.memoryMb())
                {
                    throw new DpdkException("hugepages=on but only " + info.freeMb() + " MiB of hugepages are free " +
                        "(mounts=" + info.mounts() + ", need memoryMb=" + options.memoryMb() + "): run " +
                        "hugepages-setup/hugepages.sh reserve N, or use hugepages=auto/off");
                }
                yield true;
            }
            case AUTO ->
            {
                final HugepageInfo info = HugepageInfo.read();
                if (info.usable() && info.freeMb() >= options.memoryMb())
                {
                    yield true;
                }
                System.err.println("mpdp: no usable hugepages (free=" + info.freeMb() + " MiB, mounts=" +
                    info.mounts() + ", need " + options.memoryMb() + " MiB): starting EAL with --no-huge");
                yield false;
            }
        };
    }

    /**
     * The directory EAL loads its driver plugins from: the {@value #PMD_DIR_PROPERTY} property when set,
     * else the EAL's compiled-in default (RTE_EAL_PMD_PATH of the DPDK the shim was built against, e.g.
     * /usr/lib/x86_64-linux-gnu/dpdk/pmds-23.0 for Debian's 22.11, pmds-25.0 for trixie's 24.11).
     *
     * @return the driver directory; it need not exist (a build without plugins links drivers in).
     */
    public static Path driverDirectory()
    {
        final String override = System.getProperty(PMD_DIR_PROPERTY);
        if (override != null)
        {
            return Path.of(override);
        }
        return Path.of(shim_h.mpdp_pmd_dir().reinterpret(4096).getString(0));
    }

    /**
     * Names an unknown virtual device driver before EAL's "failed to parse device" does, and a missing
     * driver directory before EAL silently skips it.
     */
    private static void checkVdevDrivers(final Path pmdDir, final List<String> vdevs)
    {
        if (vdevs.isEmpty() || pmdDir.toString().isEmpty())
        {
            return;
        }
        if (!Files.isDirectory(pmdDir))
        {
            throw new DpdkException("DPDK driver directory " + pmdDir + " does not exist (" +
                (System.getProperty(PMD_DIR_PROPERTY) != null ? "from -D" + PMD_DIR_PROPERTY :
                "the EAL's default for DPDK " + DpdkAbi.current().version()) + "): install the DPDK " +
                "driver packages (librte-net-null*, librte-net-pcap*, librte-mempool-ring*, ...) or set -D" +
                PMD_DIR_PROPERTY + "=DIR");
        }
        final List<String> drivers = installedNetDrivers(pmdDir);
        if (drivers.isEmpty())
        {
            throw new DpdkException("no net driver (librte_net_*.so) in the DPDK driver directory " + pmdDir +
                ": install the DPDK driver packages (librte-net-null*, librte-net-pcap*, ...)");
        }
        for (final String vdev : vdevs)
        {
            final String name = deviceName(vdev);
            if (name.startsWith("net_") && drivers.stream().noneMatch(name::startsWith))
            {
                throw new DpdkException("unknown virtual device '" + name + "' (from vdev=" + vdev +
                    "): no installed DPDK driver matches; installed: " + String.join(", ", drivers));
            }
        }
    }

    /**
     * @param pmdDir a driver directory.
     * @return the net drivers in it (net_null, net_pcap, ...), each once, sorted.
     */
    static List<String> installedNetDrivers(final Path pmdDir)
    {
        try (Stream<Path> files = Files.list(pmdDir))
        {
            return files.map(p -> NET_DRIVER.matcher(p.getFileName().toString()))
                .filter(Matcher::matches)
                .map(m -> m.group(1))
                .distinct()
                .sorted()
                .toList();
        }
        catch (final IOException ex)
        {
            return List.of();
        }
    }

    private static String hint(final int err, final EalOptions options)
    {
        if (err == EALREADY)
        {
            return ": EAL was already initialised in this process";
        }
        if (!options.vdevs().isEmpty())
        {
            return ": check the vdev arguments " + options.vdevs() + " (see the EAL log above)";
        }
        return "";
    }

    /**
     * The device name a devargs string creates, e.g. {@code net_pcap0} for {@code net_pcap0,rx_pcap=a.pcap}.
     *
     * @param devargs devargs string.
     * @return its device name.
     */
    public static String deviceName(final String devargs)
    {
        final int comma = devargs.indexOf(',');
        return comma < 0 ? devargs : devargs.substring(0, comma);
    }

    private void checkDevicesBecamePorts()
    {
        final List<String> missing = new ArrayList<>();
        for (final String vdev : options.vdevs())
        {
            if (EthDev.portByName(deviceName(vdev)) < 0)
            {
                missing.add("vdev '" + deviceName(vdev) + "' (bad arguments? see the EAL log above)");
            }
        }
        for (final String pci : options.pciDevices())
        {
            if (EthDev.portByName(pci) < 0)
            {
                missing.add("PCI device '" + pci + "' (absent, or not bound to vfio-pci/uio_pci_generic)");
            }
        }
        if (!missing.isEmpty())
        {
            close();
            throw new DpdkException("no ethdev port for " + String.join("; ", missing));
        }
    }

    /**
     * @return true when EAL runs on hugepages, false when it fell back to --no-huge.
     */
    public boolean hugepages()
    {
        return hugepages;
    }

    /**
     * @return the arguments rte_eal_init was given.
     */
    public List<String> args()
    {
        return args;
    }

    /**
     * @return the options EAL was started with.
     */
    public EalOptions options()
    {
        return options;
    }

    /**
     * Registers the calling (non-EAL) thread with EAL so it gets an lcore id and per-lcore mempool
     * caches; without one every mbuf alloc/free goes to the shared pool ring.
     *
     * @return the lcore id given to the thread.
     */
    public static int registerThread()
    {
        DpdkException.check(dpdk_h.rte_thread_register() < 0 ? -shim_h.mpdp_errno() : 0, "rte_thread_register()");
        return shim_h.mpdp_lcore_id();
    }

    /**
     * Gives the calling thread's lcore id back.
     */
    public static void unregisterThread()
    {
        dpdk_h.rte_thread_unregister();
    }

    /**
     * rte_eal_cleanup. Ports must be stopped and closed first. With hugepages, DPDK 22.11 keeps its
     * memory mappings until the process exits, so reserved pages come back only then (HugepagesIT
     * runs its EAL in a child JVM for this reason).
     */
    @Override
    public void close()
    {
        if (!closed)
        {
            closed = true;
            dpdk_h.rte_eal_cleanup();
        }
    }
}
