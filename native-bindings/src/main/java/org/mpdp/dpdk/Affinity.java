package org.mpdp.dpdk;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.BitSet;

/**
 * Thread CPU affinity through libc's sched_getaffinity/sched_setaffinity (pid 0 = the calling thread).
 * Used to pin poll-mode loops to a core and to undo the pinning rte_eal_init applies to its caller.
 */
public final class Affinity
{
    /** Bytes in glibc's cpu_set_t (CPU_SETSIZE 1024 bits). */
    public static final int CPU_SET_LENGTH = 128;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");
    private static final long ERRNO_OFFSET = Linker.Option.captureStateLayout()
        .byteOffset(java.lang.foreign.MemoryLayout.PathElement.groupElement("errno"));
    private static final FunctionDescriptor DESC =
        FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG, ValueLayout.ADDRESS);
    private static final MethodHandle SCHED_SETAFFINITY = LINKER.downcallHandle(
        LINKER.defaultLookup().findOrThrow("sched_setaffinity"), DESC, CAPTURE_ERRNO);
    private static final MethodHandle SCHED_GETAFFINITY = LINKER.downcallHandle(
        LINKER.defaultLookup().findOrThrow("sched_getaffinity"), DESC, CAPTURE_ERRNO);

    private Affinity()
    {
    }

    /**
     * @return the CPUs the calling thread may run on.
     */
    public static BitSet current()
    {
        try (Arena arena = Arena.ofConfined())
        {
            final MemorySegment set = arena.allocate(CPU_SET_LENGTH, 8);
            final MemorySegment state = arena.allocate(Linker.Option.captureStateLayout());
            final int rc = (int)SCHED_GETAFFINITY.invokeExact(state, 0, (long)CPU_SET_LENGTH, set);
            if (rc != 0)
            {
                throw new DpdkException("sched_getaffinity failed: errno=" + state.get(ValueLayout.JAVA_INT, ERRNO_OFFSET));
            }
            return BitSet.valueOf(set.toArray(ValueLayout.JAVA_BYTE));
        }
        catch (final RuntimeException | Error ex)
        {
            throw ex;
        }
        catch (final Throwable ex)
        {
            throw new AssertionError(ex);
        }
    }

    /**
     * Restricts the calling thread to the given CPUs.
     *
     * @param cpus CPU numbers, at least one.
     */
    public static void set(final BitSet cpus)
    {
        if (cpus.isEmpty() || cpus.length() > CPU_SET_LENGTH * 8)
        {
            throw new IllegalArgumentException("cpus=" + cpus + " must name 1 to " + (CPU_SET_LENGTH * 8) + " CPUs");
        }
        try (Arena arena = Arena.ofConfined())
        {
            final MemorySegment set = arena.allocate(CPU_SET_LENGTH, 8);
            set.copyFrom(MemorySegment.ofArray(cpus.toByteArray()));
            final MemorySegment state = arena.allocate(Linker.Option.captureStateLayout());
            final int rc = (int)SCHED_SETAFFINITY.invokeExact(state, 0, (long)CPU_SET_LENGTH, set);
            if (rc != 0)
            {
                throw new DpdkException("sched_setaffinity(cpus=" + cpus + ") failed: errno=" +
                    state.get(ValueLayout.JAVA_INT, ERRNO_OFFSET), state.get(ValueLayout.JAVA_INT, ERRNO_OFFSET));
            }
        }
        catch (final RuntimeException | Error ex)
        {
            throw ex;
        }
        catch (final Throwable ex)
        {
            throw new AssertionError(ex);
        }
    }

    /**
     * Pins the calling thread to one CPU.
     *
     * @param cpu the CPU number.
     */
    public static void pin(final int cpu)
    {
        final BitSet one = new BitSet();
        one.set(cpu);
        set(one);
    }
}
