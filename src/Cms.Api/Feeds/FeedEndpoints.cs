using Cms.Api.Infrastructure.OpenApi;
using Cms.Api.ReadPath;

namespace Cms.Api.Feeds;

internal static class FeedEndpoints
{
    public static IEndpointRouteBuilder MapFeedEndpoints(this IEndpointRouteBuilder api)
    {
        var feeds = api.MapGroup("/feeds").WithTags("Feeds").CachedForReaders(ReadCachePolicy.Documents)
            .DescribeParameter("category", "A category's slug: only its articles.");

        feeds.MapGet("/rss", GetFeed.Rss)
            .WithName("getRssFeed")
            .WithSummary("The newest articles as RSS 2.0")
            .WithDescription($"The {GetFeed.Size} newest articles readers can see, newest first; category=slug for one category's (404 for an unknown one). " +
                "Each item's guid is urn:uuid:{id} (isPermaLink=\"false\"), its link the article's page on the public site (or its seo.canonicalUrl).")
            .Produces<string>(StatusCodes.Status200OK, "application/rss+xml")
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        feeds.MapGet("/atom", GetFeed.Atom)
            .WithName("getAtomFeed")
            .WithSummary("The newest articles as Atom 1.0")
            .WithDescription($"The same {GetFeed.Size} articles as the RSS feed; category=slug for one category's (404 for an unknown one). Entry ids are urn:uuid:{{id}}.")
            .Produces<string>(StatusCodes.Status200OK, "application/atom+xml")
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        var sitemaps = api.MapGroup("/sitemaps").WithTags("Sitemaps").CachedForReaders(ReadCachePolicy.Documents);

        sitemaps.MapGet("/index.xml", GetSitemaps.Index)
            .WithName("getSitemapIndex")
            .WithSummary("The sitemap index (sitemaps.org)")
            .WithDescription("Lists articles-{n}.xml, n from 1, by absolute URL on this API, as many files as the visible articles fill. Submit this one to search engines.")
            .Produces<string>(StatusCodes.Status200OK, "application/xml")
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        sitemaps.MapGet("/articles-{n}.xml", GetSitemaps.Articles)
            .DescribeParameter("n", "The file's number, from 1, as the index lists them.")
            .WithName("getArticleSitemap")
            .WithSummary("One sitemap file of articles")
            .WithDescription("Up to 50,000 article URLs with lastmod, oldest first by publishAt; a number past the last file (or not a number) answers 404.")
            .Produces<string>(StatusCodes.Status200OK, "application/xml")
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        sitemaps.MapGet("/news.xml", GetSitemaps.News)
            .WithName("getNewsSitemap")
            .WithSummary("The Google News sitemap")
            .WithDescription($"Articles published in the last two days, newest first, at most {GetSitemaps.NewsMax}, with news:publication (the site's name and language), publication_date and title.")
            .Produces<string>(StatusCodes.Status200OK, "application/xml")
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        return api;
    }
}
