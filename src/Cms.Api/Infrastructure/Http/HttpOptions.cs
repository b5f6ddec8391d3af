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
}
