using Cms.Api.Media.Storage;

namespace Cms.Api.Media;

/// <summary>Bound from <c>Cms:Media</c>.</summary>
public sealed class MediaOptions
{
    public const string SectionName = "Cms:Media";

    /// <summary><c>local</c> (a folder; the default) or <c>s3</c> (any S3-compatible store, shared by every instance).</summary>
    public string Store { get; set; } = "local";

    /// <summary>The local store's folder; empty: beside the private PostgreSQL's data, or under the content root with a database.</summary>
    public string LocalPath { get; set; } = "";

    public S3StoreOptions S3 { get; set; } = new();

    public long MaxUploadBytes { get; set; } = 20 * 1024 * 1024;

    public long MaxPixels { get; set; } = 50_000_000;

    /// <summary>Where this instance keeps the renditions it made; empty: a folder beside the local store.</summary>
    public string RenditionCachePath { get; set; } = "";

    public int RenditionCacheMegabytes { get; set; } = 1024;

    /// <summary>Encodes at once; 0 is the core count.</summary>
    public int MaxConcurrentEncodes { get; set; }
}
