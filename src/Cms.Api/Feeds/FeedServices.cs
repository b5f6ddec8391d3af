using Cms.Api.Infrastructure.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Cms.Api.Feeds;

/// <summary>What every feed and sitemap handler needs besides its parameters.</summary>
internal readonly record struct FeedServices(HttpContext Http, Data.CmsDbContext Db, IOptions<SiteOptions> Site, TimeProvider Time)
{
    /// <summary>This service as the caller reached it, for links to its own documents (the cache keeps one answer per host).</summary>
    public string Origin => $"{Http.Request.Scheme}://{Http.Request.Host}{Http.Request.PathBase}";

    /// <summary>Null until Cms:Site:BaseUrl is set: links to the site cannot be guessed.</summary>
    public SiteOptions? Configured => string.IsNullOrEmpty(Site.Value.BaseUrl) ? null : Site.Value;

    public static ProblemHttpResult NotConfigured() => Problem.Of(StatusCodes.Status503ServiceUnavailable, ProblemCodes.SiteNotConfigured,
        "Site not configured", "Feeds and sitemaps link to the public site, and Cms:Site:BaseUrl is not set.");
}
