using System.Runtime.InteropServices;

namespace PocketBaseSharp.Server.Data;

/// <summary>
/// glibc's malloc, which holds the native memory of SQLite (page caches, statements) and of the
/// runtime's JIT. By default it gives every thread that allocates its own arena (up to 8 per core)
/// and keeps freed memory in them: tens of megabytes of resident memory that nothing uses once
/// the readers that filled them are closed (docs/realtime.md, "Memory per client"). Elsewhere
/// (musl, macOS, Windows) these calls are unavailable and nothing happens.
/// </summary>
public static class NativeHeap
{
    private const int ArenaMax = -8; // M_ARENA_MAX

    /// <summary>At most two arenas per core for the threads that allocate from now on.</summary>
    public static void LimitArenas() => Try(() => MallOpt(ArenaMax, 2 * Environment.ProcessorCount));

    /// <summary>Returns the free pages of every arena to the operating system.</summary>
    public static void Trim() => Try(() => MallocTrim(0));

    private static void Try(Func<int> call)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        try
        {
            call();
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // Not glibc.
        }
    }

    [DllImport("libc", EntryPoint = "mallopt")]
    private static extern int MallOpt(int param, int value);

    [DllImport("libc", EntryPoint = "malloc_trim")]
    private static extern int MallocTrim(nuint pad);
}
