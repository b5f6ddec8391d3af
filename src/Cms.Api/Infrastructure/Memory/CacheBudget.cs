namespace Cms.Api.Infrastructure.Memory;

/// <summary>
/// One figure that sizes every cache, so the same build fits a 256 MiB container and a 2 GiB one: the caches are the only
/// memory that grows with the library, the rest (runtime, pools, requests in flight) is about the same everywhere.
/// </summary>
public sealed class CacheBudget
{
    private const long MiB = 1024 * 1024;

    /// <summary>224 MiB is what the caches had before there was a budget; the benchmarks' figures rest on it.</summary>
    public const long MaxDerivedBytes = 224 * MiB;

    public const long MinDerivedBytes = 16 * MiB;

    public CacheBudget(long totalBytes) => TotalBytes = totalBytes;

    public long TotalBytes { get; }

    /// <summary>Answers to lists, searches, sync and documents: 1/7 (32 of 224 MiB).</summary>
    public long AnswerBytes => TotalBytes / 7;

    /// <summary>Serialized single articles, the most read answers: 4/7 (128 of 224 MiB).</summary>
    public long ArticleBytes => TotalBytes * 4 / 7;

    /// <summary>Small renditions kept in memory: 2/7 (64 of 224 MiB).</summary>
    public long HotRenditionBytes => TotalBytes * 2 / 7;

    /// <summary>The configured figure, else an eighth of <paramref name="availableBytes"/> within 16..224 MiB.</summary>
    public static CacheBudget From(MemoryOptions options, long availableBytes) =>
        new(options.CacheMegabytes is { } configured ? configured * MiB : Math.Clamp(availableBytes / 8, MinDerivedBytes, MaxDerivedBytes));

    /// <summary>What the runtime may use: follows a container's memory limit (cgroup v1 or v2), else the machine's memory.</summary>
    public static long AvailableToRuntime() => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
}
