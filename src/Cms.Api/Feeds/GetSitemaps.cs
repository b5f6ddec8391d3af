using System.Globalization;
using Cms.Api.Infrastructure;
using Cms.Api.Infrastructure.Problems;
using Cms.Api.ReadPath;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Cms.Api.Feeds;

/// <summary>
/// The sitemap index, its article files and the Google News sitemap. Cache tags name only the kind: a file holds up to
/// 50,000 articles, far too many ids for a header (CDNs cap tags at a few KB), so a purge takes all sitemaps at once.
/// </summary>
internal static class GetSitemaps
{
    /// <summary>Google News reads the articles of the last two days, at most 1,000 of them.</summary>
    public static readonly TimeSpan NewsWindow = TimeSpan.FromDays(2);

    public const int NewsMax = 1000;

    public static async Task<Results<DocumentResult, ProblemHttpResult>> Index([AsParameters] FeedServices services, CancellationToken cancellationToken)
    {
        if (services.Configured is not { } site)
        {
            return FeedServices.NotConfigured();
        }

        var count = await services.Db.Listed(services.Time.Now()).LongCountAsync(cancellationToken);
        var files = (count + site.SitemapUrlsPerFile - 1) / site.SitemapUrlsPerFile;
        // The files sit beside the index, wherever the API is mapped.
        var path = services.Http.Request.Path.Value!;
        var folder = services.Origin + path[..(path.LastIndexOf('/') + 1)];
        var body = SitemapXml.Index(Enumerable.Range(1, (int)files).Select(n => $"{folder}articles-{n}.xml"));
        return new DocumentResult(body, XmlDocuments.Xml, []);
    }

    /// <summary>File <paramref name="n"/> (from 1): the articles at its place in (publishAt, id) order; 404 past the end.</summary>
    public static async Task<Results<DocumentResult, ProblemHttpResult>> Articles(string n, [AsParameters] FeedServices services,
        CancellationToken cancellationToken)
    {
        if (services.Configured is not { } site)
        {
            return FeedServices.NotConfigured();
        }

        var perFile = site.SitemapUrlsPerFile;
        // Only the canonical spelling ("7", not "07" or "+7"), and no number whose offset would not fit a query's.
        if (!int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1
            || number.ToString(CultureInfo.InvariantCulture) != n || number - 1 > int.MaxValue / perFile)
        {
            return Problem.NotFound("The sitemap");
        }

        var articles = await services.Db.Listed(services.Time.Now()).InSitemapOrder().Skip((number - 1) * perFile).Take(perFile)
            .ToListAsync(cancellationToken);
        if (articles.Count == 0)
        {
            return Problem.NotFound("The sitemap");
        }

        var body = SitemapXml.Urls(articles.Select(a => (site.LinkTo(a.Id, a.Slug, a.CanonicalUrl)!, a.LastModified)));
        return new DocumentResult(body, XmlDocuments.Xml, []);
    }

    /// <summary>The last two days' articles, newest first; cached until the oldest of them leaves the window.</summary>
    public static async Task<Results<DocumentResult, ProblemHttpResult>> News([AsParameters] FeedServices services, CancellationToken cancellationToken)
    {
        if (services.Configured is not { } site)
        {
            return FeedServices.NotConfigured();
        }

        var now = services.Time.Now();
        var since = now - NewsWindow;
        var articles = await services.Db.Listed(now).Where(a => a.PublishAt > since)
            .Newest().Take(NewsMax).AsSitemapArticles().ToListAsync(cancellationToken);
        var body = SitemapXml.News(site, articles.Select(a => (site.LinkTo(a.Id, a.Slug, a.CanonicalUrl)!, a)));
        return new DocumentResult(body, XmlDocuments.Xml, [], articles.Count == 0 ? null : articles.Min(a => a.PublishAt) + NewsWindow);
    }
}
