package org.mpdp.dpdk.ffi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.SymbolLookup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Loads libmpdp_shim.so, the one library the bindings look symbols up in. The shim is linked with
 * {@code --no-as-needed} against the DPDK libraries, so its dlopen handle also resolves every DPDK
 * symbol in {@link dpdk_h}. This is the hand-written stand-in for jextract's {@code --library} option.
 *
 * <p>Search order: system property {@code mpdp.shim.path}, then the copy inside the jar (or the
 * classes directory), extracted to a temporary file because dlopen needs a real path, and unlinked as soon as
 * it is loaded.
 */
public final class NativeLibrary
{
    /** Class-path resource the native-bindings build writes the shim to. */
    public static final String RESOURCE = "/native/linux-x86_64/libmpdp_shim.so";

    private static final SymbolLookup LOOKUP = load();

    private NativeLibrary()
    {
    }

    static SymbolLookup lookup()
    {
        return LOOKUP;
    }

    private static SymbolLookup load()
    {
        final String override = System.getProperty("mpdp.shim.path");
        final Path path = override != null ? Path.of(override) : extract();
        try
        {
            return SymbolLookup.libraryLookup(path, Arena.global());
        }
        catch (final IllegalArgumentException ex)
        {
            throw new UnsatisfiedLinkError("cannot load " + path + ": " + ex.getMessage() +
                " (is DPDK 22.11 or 24.11 installed, the one the shim was built against? scripts/mpdp installs " +
                "libdpdk-dev; the Debian package depends on the runtime libraries)");
        }
        finally
        {
            if (override == null)
            {
                // dlopen has mapped it (or failed): the name is no longer needed, and unlinked now it cannot be
                // left behind by a JVM that is killed (deleteOnExit runs on a normal exit only).
                try
                {
                    Files.deleteIfExists(path);
                }
                catch (final IOException ignored)
                {
                    path.toFile().deleteOnExit();
                }
            }
        }
    }

    private static Path extract()
    {
        try (InputStream in = NativeLibrary.class.getResourceAsStream(RESOURCE))
        {
            if (in == null)
            {
                throw new UnsatisfiedLinkError("resource " + RESOURCE + " is missing: build native-bindings with Maven");
            }
            final Path file = Files.createTempFile("libmpdp_shim", ".so");
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot extract " + RESOURCE, ex);
        }
    }
}
