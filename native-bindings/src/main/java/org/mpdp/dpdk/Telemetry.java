package org.mpdp.dpdk;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.mpdp.dpdk.ffi.dpdk_h;
import org.mpdp.dpdk.ffi.telemetry_cb;

/**
 * Application commands on DPDK's telemetry socket ({@code /var/run/dpdk/<file-prefix>/dpdk_telemetry.v2},
 * read by {@code dpdk-telemetry.py}), registered with rte_telemetry_register_cmd through an FFM upcall.
 *
 * <p>Threads. DPDK 22.11 answers each client connection on its own pthread, created by the telemetry
 * library (not an EAL lcore); up to 10 at once, so a handler may run concurrently with itself. The first
 * upcall on such a thread attaches it to the JVM (HotSpot does this for any foreign thread) and the JVM
 * detaches it when the thread ends, so a connection pays one attach. Nothing of this touches the packet
 * path: handlers must read only published values (volatile loads of counters) and take no lock a packet
 * thread takes.
 *
 * <p>Errors. An exception must never unwind into C (the JVM would abort): {@link #dispatch} catches
 * every {@link Throwable}, counts it in {@link #failures()} and returns {@code -EIO}; DPDK then replies
 * {@code {"<command>": null}}, as it does for any negative return.
 *
 * <p>Limits, each proved against the installed library by LayoutProbeTest: a command is {@code /} then
 * {@code [A-Za-z0-9_/]}, at most {@link #MAX_COMMAND_LENGTH} characters; help at most {@link #MAX_HELP_LENGTH};
 * a dict key is {@code [A-Za-z0-9_/]}, at most {@link #MAX_KEY_LENGTH}; a dict at most {@link #MAX_DICT_ENTRIES}
 * entries; the whole JSON reply at most {@link #MAX_REPLY_LENGTH} bytes, beyond which DPDK drops entries
 * silently (so callers budget with {@link TelemetryData#jsonLength()}).
 */
public final class Telemetry
{
    /** telemetry.c MAX_CMD_LEN is 56 bytes with the NUL: 55 characters. */
    public static final int MAX_COMMAND_LENGTH = 55;
    /** Help text is copied into RTE_TEL_MAX_STRING_LEN bytes with the NUL. */
    public static final int MAX_HELP_LENGTH = dpdk_h.RTE_TEL_MAX_STRING_LEN() - 1;
    /** A dict key (name) is copied into RTE_TEL_MAX_STRING_LEN bytes with the NUL; longer gives E2BIG. */
    public static final int MAX_KEY_LENGTH = dpdk_h.RTE_TEL_MAX_STRING_LEN() - 1;
    /** A string value in a dict or array, likewise. */
    public static final int MAX_STRING_VALUE_LENGTH = dpdk_h.RTE_TEL_MAX_STRING_LEN() - 1;
    /** Entries one dict holds; the next add returns -ENOSPC. */
    public static final int MAX_DICT_ENTRIES = dpdk_h.RTE_TEL_MAX_DICT_ENTRIES();
    /** Entries one array holds. */
    public static final int MAX_ARRAY_ENTRIES = dpdk_h.RTE_TEL_MAX_ARRAY_ENTRIES();
    /**
     * telemetry.c MAX_OUTPUT_LEN (internal, so not probed from a header): the reply buffer, NUL included.
     * The server announces it as {@code max_output_len} when a client connects; TelemetryIT checks that.
     */
    public static final int MAX_REPLY_LENGTH = 16 * 1024;

    /** Linux errno values a handler returns negated. */
    public static final int EIO = 5;
    public static final int ENOENT = 2;
    public static final int EINVAL = 22;
    public static final int ENOSPC = 28;
    /** Positive return of the add calls when a key or string was truncated. */
    public static final int E2BIG = 7;

    private static final Set<String> REGISTERED = new HashSet<>();
    private static final AtomicLong FAILURES = new AtomicLong();
    private static volatile Throwable lastFailure;

    private Telemetry()
    {
    }

    /**
     * A command's implementation, called on a telemetry thread.
     */
    @FunctionalInterface
    public interface Handler
    {
        /**
         * @param command the command as the client sent it, e.g. {@code /mpdp/counters}.
         * @param params  what followed the first comma, or null when there was none.
         * @param out     the reply to fill: start a dict, array or string first.
         * @return 0, or a negative errno (the client then gets null).
         */
        int handle(String command, String params, TelemetryData out);
    }

    /**
     * Registers a command. Call after EAL init (with telemetry on), from any thread, once per command:
     * DPDK 22.11 accepts a second registration of the same name and lists it twice, so this refuses one.
     * The upcall stub and the C strings live in the global arena, as long as the process: DPDK keeps the
     * function pointer and offers no way to unregister.
     *
     * @param command e.g. {@code /mpdp/counters}.
     * @param help    one line for {@code /help,<command>}.
     * @param handler the implementation.
     * @throws IllegalArgumentException when the name or help breaks DPDK's rules, or was registered before.
     * @throws DpdkException when rte_telemetry_register_cmd fails.
     */
    public static synchronized void register(final String command, final String help, final Handler handler)
    {
        checkCommand(command);
        if (help.length() > MAX_HELP_LENGTH || !help.chars().allMatch(c -> c >= 0x20 && c < 0x7f && c != '"'))
        {
            throw new IllegalArgumentException("telemetry help of command=" + command + " must be at most " +
                MAX_HELP_LENGTH + " printable ASCII characters without '\"': " + help);
        }
        if (REGISTERED.contains(command))
        {
            throw new IllegalArgumentException("telemetry command=" + command + " is already registered");
        }
        final Arena global = Arena.global();
        final MemorySegment stub = telemetry_cb.allocate((cmd, params, info) -> dispatch(handler, cmd, params, info),
            global);
        DpdkException.check(dpdk_h.rte_telemetry_register_cmd(global.allocateFrom(command), stub,
            global.allocateFrom(help)), "rte_telemetry_register_cmd(cmd=" + command + ")");
        REGISTERED.add(command);
    }

    /**
     * @param command a command name.
     * @throws IllegalArgumentException naming the rule it breaks.
     */
    public static void checkCommand(final String command)
    {
        if (command.isEmpty() || command.charAt(0) != '/' || command.length() > MAX_COMMAND_LENGTH ||
            !command.chars().allMatch(Telemetry::isNameChar))
        {
            throw new IllegalArgumentException("telemetry command=" + command + " must be '/' then [A-Za-z0-9_/], " +
                "at most " + MAX_COMMAND_LENGTH + " characters");
        }
    }

    /**
     * @param c a character.
     * @return whether DPDK allows it in a command or dict key: {@code [A-Za-z0-9_/]}.
     */
    public static boolean isNameChar(final int c)
    {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '/';
    }

    /**
     * @return how many handler calls ended in an exception, since the process started.
     */
    public static long failures()
    {
        return FAILURES.get();
    }

    /**
     * @return the last exception a handler threw, or null.
     */
    public static Throwable lastFailure()
    {
        return lastFailure;
    }

    /**
     * The upcall target, on a telemetry thread. Never throws.
     */
    static int dispatch(final Handler handler, final MemorySegment cmd, final MemorySegment params,
        final MemorySegment info)
    {
        try (Arena arena = Arena.ofConfined())
        {
            // The descriptor's C_POINTER targets an unbounded byte sequence, so the strings are readable as is.
            final String command = cmd.getString(0);
            // telemetry.c splits the request at the first comma with strtok: no comma gives a NULL params.
            final String parameters = params.address() == 0 ? null : params.getString(0);
            return handler.handle(command, parameters, new TelemetryData(info, arena));
        }
        catch (final Throwable ex)
        {
            FAILURES.incrementAndGet();
            lastFailure = ex;
            return -EIO;
        }
    }
}
