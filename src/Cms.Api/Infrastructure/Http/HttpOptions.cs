namespace Cms.Api.Infrastructure.Http;

/// <summary>Bound from <c>Cms:Http</c>.</summary>
public sealed class HttpOptions
{
    public const string SectionName = "Cms:Http";

    /// <summary>Request bodies above this size are refused with 413 (default 1 MiB).</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>A client that has not sent all its headers by then is cut off (slowloris).</summary>
    public int RequestHeadersTimeoutSeconds { get; set; } = 15;

    /// <summary>A body arriving slower than this (after the grace period) is cut off with 408.</summary>
    public int MinRequestBodyBytesPerSecond { get; set; } = 240;

    public int MinRequestBodyGraceSeconds { get; set; } = 5;

    /// <summary>Compress answers (Brotli or gzip) for clients that send Accept-Encoding.</summary>
    public bool Compression { get; set; } = true;

    /// <summary>Answers shorter than this (when their length is known) go uncompressed: cheaper to send than to pack.</summary>
    public int CompressionMinBytes { get; set; } = 8192;

    /// <summary>How long a browser or CDN may keep an anonymous API answer (Cache-Control max-age).</summary>
    public int PublicMaxAgeSeconds { get; set; } = 10;

    /// <summary>How long after that it may still serve it while fetching a fresh one (stale-while-revalidate).</summary>
    public int StaleWhileRevalidateSeconds { get; set; } = 60;

    /// <summary>Proxies (addresses or CIDR networks) whose X-Forwarded-For names the client; none by default.</summary>
    public string[] KnownProxies { get; set; } = [];
}
