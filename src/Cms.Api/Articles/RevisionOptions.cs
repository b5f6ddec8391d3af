namespace Cms.Api.Articles;

/// <summary><c>Cms:Revisions</c>: how saves are kept (Revisions/README.md).</summary>
public sealed class RevisionOptions
{
    public const string SectionName = "Cms:Revisions";

    /// <summary>A user's save within this many seconds of their previous save that is not live merges into it.</summary>
    public int MergeWindowSeconds { get; set; } = 300;

    /// <summary>At most this many revisions an article; the purge drops the oldest, never the live or pending ones.</summary>
    public int MaxPerArticle { get; set; } = 200;

    /// <summary>How long a deleted article can be brought back; then it and its history are purged.</summary>
    public int KeepDeletedDays { get; set; } = 30;

    public int PurgeIntervalMinutes { get; set; } = 60;
}
