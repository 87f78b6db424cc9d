package org.mpdp.dataplane.counters;

import org.agrona.concurrent.status.CountersReader;

/**
 * Layout of an mpdp counters file, in the manner of Aeron's {@code CncFileDescriptor}. All fields are
 * little endian (the native order of every platform DPDK 22.11 supports).
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                      magic "MPDC" (0x4344504d)                | 0
 *  +---------------------------------------------------------------+
 *  |         layout version, written LAST with a release store     | 4
 *  +---------------------------------------------------------------+
 *  |                        owner pid (64 bits)                    | 8
 *  +---------------------------------------------------------------+
 *  |                 start time, epoch ms (64 bits)                | 16
 *  +---------------------------------------------------------------+
 *  |                       metadata offset                         | 24
 *  |                       metadata length                         | 28
 *  |                        values offset                          | 32
 *  |                        values length                          | 36
 *  |                        max counters                           | 40
 *  +---------------------------------------------------------------+
 *  |                      ... reserved to 64 ...                   |
 *  +---------------------------------------------------------------+
 *  |    heartbeat, epoch ms (64 bits), own cache line, release     | 64
 *  +---------------------------------------------------------------+
 *  |                      ... reserved to 128 ...                  |
 *  +---------------------------------------------------------------+
 *  |   Agrona CountersManager metadata: 512 bytes per counter      | 128
 *  +---------------------------------------------------------------+
 *  |   Agrona CountersManager values: 128 bytes per counter        |
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * <p>The counter key (Agrona gives 112 bytes) holds two ints and a short metric name:
 * <pre>
 *  key 0: first key int (port, ring, worker, reason code, ...; see {@link CounterType})
 *  key 4: second key int (queue, worker, ...; -1 when unused)
 *  key 8: metric name length, then up to {@link #KEY_NAME_MAX_LENGTH} ASCII bytes, e.g. "rx"
 * </pre>
 */
public final class CountersFileDescriptor
{
    /** "MPDC" in little endian. */
    public static final int MAGIC = 0x4344_504d;
    /** The layout this code writes and reads. Bump on any incompatible change. */
    public static final int VERSION = 1;
    /** What the version field holds until the writer has finished the file. */
    public static final int NULL_VERSION = 0;

    public static final int MAGIC_OFFSET = 0;
    public static final int VERSION_OFFSET = 4;
    public static final int PID_OFFSET = 8;
    public static final int START_TIME_OFFSET = 16;
    public static final int METADATA_OFFSET_OFFSET = 24;
    public static final int METADATA_LENGTH_OFFSET = 28;
    public static final int VALUES_OFFSET_OFFSET = 32;
    public static final int VALUES_LENGTH_OFFSET = 36;
    public static final int MAX_COUNTERS_OFFSET = 40;
    public static final int HEARTBEAT_OFFSET = 64;
    public static final int HEADER_LENGTH = 128;

    public static final int KEY_FIRST_OFFSET = 0;
    public static final int KEY_SECOND_OFFSET = 4;
    public static final int KEY_NAME_LENGTH_OFFSET = 8;
    public static final int KEY_NAME_OFFSET = 12;
    public static final int KEY_NAME_MAX_LENGTH = CountersReader.MAX_KEY_LENGTH - KEY_NAME_OFFSET;
    /** Second key value when a type uses one key int only. */
    public static final int NULL_KEY = -1;

    /** Largest file this code creates: 1 M counters is 640 MiB. */
    public static final int MAX_COUNTERS = 1 << 20;

    private CountersFileDescriptor()
    {
    }

    /**
     * @param maxCounters counters the file holds.
     * @return bytes of the metadata region (4x the values region, as Agrona requires at least 2x).
     */
    public static int metadataLength(final int maxCounters)
    {
        return maxCounters * CountersReader.METADATA_LENGTH;
    }

    /**
     * @param maxCounters counters the file holds.
     * @return bytes of the values region.
     */
    public static int valuesLength(final int maxCounters)
    {
        return maxCounters * CountersReader.COUNTER_LENGTH;
    }

    /**
     * @param maxCounters counters the file holds.
     * @return the file's length.
     */
    public static long fileLength(final int maxCounters)
    {
        return (long)HEADER_LENGTH + metadataLength(maxCounters) + valuesLength(maxCounters);
    }
}
