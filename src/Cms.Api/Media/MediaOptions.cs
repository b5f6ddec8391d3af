using Cms.Api.Media.Renditions;
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

    /// <summary>The most-read small renditions kept in memory besides, answered without a file read. Unset: their share of the memory budget.</summary>
    public int? HotRenditionMegabytes { get; set; }

    /// <summary>Encodes at once; 0 derives it from memory: one per 128 MiB the runtime may use (a container's limit), 1 to the core count.</summary>
    public int MaxConcurrentEncodes { get; set; }

    /// <summary>Renditions that may wait for an encode slot; past them a request is answered 503 with Retry-After.</summary>
    public int EncodeQueueLength { get; set; } = 8;

    /// <summary>How long a rendition waits for an encode slot before it is answered 503 with Retry-After.</summary>
    public int EncodeWaitSeconds { get; set; } = 30;

    /// <summary>The AV1 encoder's effort, 0 (fastest) to 9: 2 makes an 800 px AVIF about as fast as WebP.</summary>
    public int AvifEffort { get; set; } = 2;

    /// <summary>Named renditions (<c>?preset=card</c>), as Directus has them.</summary>
    public Dictionary<string, RenditionPreset> Presets { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Anonymous readers may ask only for presets (or the whole picture): a crawler cannot fill the disk with sizes.</summary>
    public bool PresetsOnly { get; set; }
}
