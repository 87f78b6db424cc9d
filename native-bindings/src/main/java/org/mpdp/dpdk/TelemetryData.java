package org.mpdp.dpdk;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import org.mpdp.dpdk.ffi.dpdk_h;

/**
 * The reply a telemetry handler fills: DPDK's {@code struct rte_tel_data}, valid during one handler call.
 * Strings are copied to C in the call's confined arena (DPDK copies them again into the reply).
 *
 * <p>It also keeps an estimate of the JSON DPDK will write for what was added ({@link #jsonLength()}), an
 * upper bound for ASCII keys and values (the dict or array braces, {@code "key":value} and the commas), so a
 * handler can stop before {@link Telemetry#MAX_REPLY_LENGTH}, where DPDK would drop entries without saying so.
 */
public final class TelemetryData
{
    private final MemorySegment data;
    private final Arena arena;
    private int entries;
    private long jsonLength;

    TelemetryData(final MemorySegment data, final Arena arena)
    {
        this.data = data;
        this.arena = arena;
    }

    /**
     * @return 0, or a negative errno.
     */
    public int startDict()
    {
        entries = 0;
        jsonLength = 2;
        return dpdk_h.rte_tel_data_start_dict(data);
    }

    /**
     * @param valueType {@code dpdk_h.RTE_TEL_STRING_VAL()}, {@code RTE_TEL_U64_VAL()}, ...
     * @return 0, or a negative errno.
     */
    public int startArray(final int valueType)
    {
        entries = 0;
        jsonLength = 2;
        return dpdk_h.rte_tel_data_start_array(data, valueType);
    }

    /**
     * Makes the reply one string.
     *
     * @param value the string, at most RTE_TEL_MAX_SINGLE_STRING_LEN - 1 bytes.
     * @return 0, E2BIG when truncated.
     */
    public int string(final String value)
    {
        jsonLength = value.length() + 2L;
        return dpdk_h.rte_tel_data_string(data, arena.allocateFrom(value));
    }

    /**
     * @param key   {@code [A-Za-z0-9_/]}, at most {@link Telemetry#MAX_KEY_LENGTH}.
     * @param value an unsigned 64-bit value.
     * @return 0, -EINVAL for a bad key, -ENOSPC when the dict is full, E2BIG when the key was truncated.
     */
    public int addU64(final String key, final long value)
    {
        jsonLength += u64EntryLength(key, value);
        entries++;
        return dpdk_h.rte_tel_data_add_dict_u64(data, arena.allocateFrom(key), value);
    }

    /**
     * @param key   as for {@link #addU64}.
     * @param value a signed 32-bit value.
     * @return as for {@link #addU64}.
     */
    public int addInt(final String key, final int value)
    {
        jsonLength += key.length() + 4L + Integer.toString(value).length();
        entries++;
        return dpdk_h.rte_tel_data_add_dict_int(data, arena.allocateFrom(key), value);
    }

    /**
     * @param key   as for {@link #addU64}.
     * @param value at most {@link Telemetry#MAX_STRING_VALUE_LENGTH} bytes, else truncated (E2BIG).
     * @return as for {@link #addU64}.
     */
    public int addString(final String key, final String value)
    {
        jsonLength += stringEntryLength(key, value);
        entries++;
        return dpdk_h.rte_tel_data_add_dict_string(data, arena.allocateFrom(key), arena.allocateFrom(value));
    }

    /**
     * @param value a string for an array started with RTE_TEL_STRING_VAL.
     * @return 0, -EINVAL for another array type, -ENOSPC when full, E2BIG when truncated.
     */
    public int addArrayString(final String value)
    {
        jsonLength += value.length() + 3L;
        entries++;
        return dpdk_h.rte_tel_data_add_array_string(data, arena.allocateFrom(value));
    }

    /**
     * @param value a value for an array started with RTE_TEL_U64_VAL.
     * @return 0, -EINVAL for another array type, -ENOSPC when full.
     */
    public int addArrayU64(final long value)
    {
        jsonLength += Long.toUnsignedString(value).length() + 1L;
        entries++;
        return dpdk_h.rte_tel_data_add_array_u64(data, value);
    }

    /**
     * @return dict or array entries added since the last start.
     */
    public int entries()
    {
        return entries;
    }

    /**
     * @return an upper bound of the JSON bytes DPDK writes for this reply so far (ASCII content), without
     *         the {@code {"<command>":...}} wrapper around it.
     */
    public long jsonLength()
    {
        return jsonLength;
    }

    /**
     * @param key   a dict key.
     * @param value its value.
     * @return the JSON bytes of {@code "key":value,}.
     */
    public static int u64EntryLength(final String key, final long value)
    {
        return key.length() + 4 + Long.toUnsignedString(value).length();
    }

    /**
     * @param key   a dict key.
     * @param value its string value (ASCII without characters JSON escapes).
     * @return the JSON bytes of {@code "key":"value",}.
     */
    public static int stringEntryLength(final String key, final String value)
    {
        return key.length() + 6 + value.length();
    }
}
