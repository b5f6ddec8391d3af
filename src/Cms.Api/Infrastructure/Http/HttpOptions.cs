namespace Cms.Api.Infrastructure.Http;

/// <summary>Bound from <c>Cms:Http</c>.</summary>
public sealed class HttpOptions
{
    public const string SectionName = "Cms:Http";

    /// <summary>Request bodies above this size are refused with 413 (default 1 MiB).</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;
}
