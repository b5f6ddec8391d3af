namespace Cms.Api.ReadPath;

public sealed class ReadCacheOptions
{
    public const string SectionName = "Cms:ReadCache";

    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The longest a cached whole answer is served. Content changes end it at once (content epoch); this bounds only how late view
    /// counts and ratings show, which change without touching content: flush interval (1 s) + this = the 2 s promised.
    /// </summary>
    public int MaxAgeMilliseconds { get; set; } = 1000;

    /// <summary>Lists, searches, sync and documents; unset: their share of <c>Cms:Memory:CacheMegabytes</c>.</summary>
    public int? SizeLimitMegabytes { get; set; }

    /// <summary>Single articles, cached apart from lists: they are many, and each stays until it changes. Unset: their share of the budget.</summary>
    public int? ArticleSizeLimitMegabytes { get; set; }

    /// <summary>
    /// Counters of articles nobody read for this long are no longer refreshed every second (the refresh is one query for
    /// all the others). Reading such an article again loads its counters alone, a primary-key lookup.
    /// </summary>
    public int CountersForgetSeconds { get; set; } = 30;
}
