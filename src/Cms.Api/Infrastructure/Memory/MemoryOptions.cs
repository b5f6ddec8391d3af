namespace Cms.Api.Infrastructure.Memory;

/// <summary>Bound from <c>Cms:Memory</c>.</summary>
public sealed class MemoryOptions
{
    public const string SectionName = "Cms:Memory";

    /// <summary>
    /// Every in-memory cache together (answers, articles, hot renditions). Unset: an eighth of the memory the runtime may use
    /// (a container's limit, else the machine's), between 16 and 224 MiB. A cache's own size setting, when given, wins.
    /// </summary>
    public int? CacheMegabytes { get; set; }

    /// <summary>
    /// glibc malloc arenas at most (Linux with glibc only; 0 leaves glibc's rule, eight per core; MALLOC_ARENA_MAX wins):
    /// fewer arenas keep less freed memory after bursts of image work, for no throughput measured (BENCHMARKS.md, session 14).
    /// </summary>
    public int MallocArenas { get; set; } = 2;

    /// <summary>
    /// Every this many seconds the service looks whether it has gone quiet after a load (at most one request a second), and
    /// then gives freed memory back to the system once (a compacting collection and a heap trim). 0 turns it off.
    /// </summary>
    public int IdleReleaseSeconds { get; set; } = 10;
}
