namespace Cms.Api.Infrastructure.Http;

/// <summary>Bound from <c>Cms:Cors</c>: which browser origins (other sites' frontends) may call the API.</summary>
public sealed class CmsCorsOptions
{
    public const string SectionName = "Cms:Cors";

    /// <summary>Exact origins such as https://tin.example.vn. Empty (the default): no cross-origin browser calls.</summary>
    public string[] AllowedOrigins { get; set; } = [];

    /// <summary>How long a browser may remember a preflight answer.</summary>
    public int PreflightMaxAgeSeconds { get; set; } = 600;
}
