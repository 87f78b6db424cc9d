package org.mpdp.dpdk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What the kernel says about hugepages: free pages (/proc/meminfo) and hugetlbfs mounts (/proc/mounts).
 * EAL needs both; hugepages-setup/hugepages.sh provides them.
 *
 * @param freePages free hugepages of the default size.
 * @param pageKb    default hugepage size in KiB.
 * @param mounts    hugetlbfs mount points.
 */
public record HugepageInfo(long freePages, long pageKb, List<String> mounts)
{
    /**
     * @return the current state.
     */
    public static HugepageInfo read()
    {
        long free = 0;
        long size = 0;
        try
        {
            for (final String line : Files.readAllLines(Path.of("/proc/meminfo")))
            {
                if (line.startsWith("HugePages_Free:"))
                {
                    free = Long.parseLong(line.substring(15).trim());
                }
                else if (line.startsWith("Hugepagesize:"))
                {
                    size = Long.parseLong(line.substring(13).replace("kB", "").trim());
                }
            }
            final List<String> mounts = Files.readAllLines(Path.of("/proc/mounts")).stream()
                .map(l -> l.split(" "))
                .filter(f -> f.length > 2 && "hugetlbfs".equals(f[2]))
                .map(f -> f[1])
                .toList();
            return new HugepageInfo(free, size, mounts);
        }
        catch (final IOException | NumberFormatException ex)
        {
            return new HugepageInfo(0, 0, List.of());
        }
    }

    /**
     * @return true when EAL can take hugepages: some are free and hugetlbfs is mounted.
     */
    public boolean usable()
    {
        return freePages > 0 && !mounts.isEmpty();
    }

    /**
     * @return free hugepage memory in MiB.
     */
    public long freeMb()
    {
        return freePages * pageKb / 1024;
    }
}
