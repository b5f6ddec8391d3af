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
}
