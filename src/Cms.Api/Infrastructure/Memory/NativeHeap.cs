using System.Runtime.InteropServices;

namespace Cms.Api.Infrastructure.Memory;

/// <summary>
/// glibc's malloc, which libvips' image work goes through: by default it gives each thread that allocates at once an arena
/// of its own (up to eight per core) and keeps what is freed in them, so a burst of decodes left the service's resident
/// memory hundreds of MiB up for good (BENCHMARKS.md, session 14). Only on Linux with glibc; elsewhere every call does nothing.
/// </summary>
internal static class NativeHeap
{
    private const int ArenaMaxOption = -8; // M_ARENA_MAX in malloc.h

    /// <summary>At most <paramref name="arenas"/> arenas from now on, unless MALLOC_ARENA_MAX already says how many. False where not glibc.</summary>
    public static bool LimitArenas(int arenas)
    {
        if (arenas <= 0 || !OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable("MALLOC_ARENA_MAX") is not null)
        {
            return false;
        }

        return Try(() => MallOpt(ArenaMaxOption, arenas) == 1);
    }

    /// <summary>Gives the freed pages of every arena back to the system. False where not glibc.</summary>
    public static bool Trim() => OperatingSystem.IsLinux() && Try(() => MallocTrim(0) >= 0);

    private static bool Try(Func<bool> call)
    {
        try
        {
            return call();
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // musl (Alpine) has neither call, and no per-thread arenas to tame.
            return false;
        }
    }

    [DllImport("libc", EntryPoint = "mallopt")]
    private static extern int MallOpt(int parameter, int value);

    [DllImport("libc", EntryPoint = "malloc_trim")]
    private static extern int MallocTrim(nuint pad);
}
