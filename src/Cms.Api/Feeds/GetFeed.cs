using System.ServiceModel.Syndication;
using Cms.Api.Content;
using Cms.Api.Infrastructure;
using Cms.Api.Infrastructure.Problems;
using Cms.Api.ReadPath;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Cms.Api.Feeds;

/// <summary>The newest visible articles as RSS 2.0 or Atom 1.0, all of them or one category's.</summary>
internal static class GetFeed
{
    public const int Size = 50;

    public static Task<Results<DocumentResult, ProblemHttpResult>> Rss(string? category, [AsParameters] FeedServices services,
        CancellationToken cancellationToken) =>
        HandleAsync(category, services, feed => new Rss20FeedFormatter(feed), XmlDocuments.Rss, cancellationToken);

    public static Task<Results<DocumentResult, ProblemHttpResult>> Atom(string? category, [AsParameters] FeedServices services,
        CancellationToken cancellationToken) =>
        HandleAsync(category, services, feed => new Atom10FeedFormatter(feed), XmlDocuments.Atom, cancellationToken);

    private static async Task<Results<DocumentResult, ProblemHttpResult>> HandleAsync(string? category, FeedServices services,
        Func<SyndicationFeed, SyndicationFeedFormatter> formatter, string contentType, CancellationToken cancellationToken)
    {
        if (services.Configured is not { } site)
        {
            return FeedServices.NotConfigured();
        }

        var now = services.Time.Now();
        var articles = services.Db.Listed(now);
        var title = site.Name;
        var self = services.Origin + services.Http.Request.Path;
        if (!string.IsNullOrEmpty(category))
        {
            // What cannot be a slug names no category: not worth a query (and a NUL would upset PostgreSQL's text).
            var found = !Slug.IsValid(category) ? null : await services.Db.Categories.AsNoTracking().Where(c => c.Slug == category)
                .Select(c => new { c.Id, c.Name }).SingleOrDefaultAsync(cancellationToken);
            if (found is null)
            {
                return Problem.NotFound("The category");
            }

            articles = articles.Where(a => a.Categories.Any(c => c.CategoryId == found.Id));
            title = $"{site.Name}: {XmlDocuments.Text(found.Name)}";
            self += "?category=" + Uri.EscapeDataString(category);
        }

        var items = await articles.NewestAsync(Size, cancellationToken);
        var feed = new SyndicationFeed(title, title, new Uri(site.BaseUrl!), self, items.Count == 0 ? now : items.Max(i => i.LastModified))
        {
            Language = site.Language,
            Items = items.Select(item => Item(item, site)).ToList(),
        };
        // Atom wants an author for the feed unless every entry names one; the publication is that author.
        feed.Authors.Add(new SyndicationPerson { Name = site.Name });
        feed.Links.Add(new SyndicationLink(new Uri(self), "self", null, contentType.Split(';')[0], 0));
        var body = XmlDocuments.Write(writer => formatter(feed).WriteTo(writer));
        return new DocumentResult(body, contentType, items.Select(i => i.Id).ToList());
    }

    private static SyndicationItem Item(FeedArticle article, SiteOptions site)
    {
        // The id, not the link, identifies an entry: a changed slug must not make readers see the article again.
        var item = new SyndicationItem(XmlDocuments.Text(article.Title), XmlDocuments.Text(article.Summary ?? article.Title), new Uri(site.LinkTo(article.Id, article.Slug, article.CanonicalUrl)!), $"urn:uuid:{article.Id}",
            article.LastModified)
        {
            PublishDate = article.PublishAt,
        };
        foreach (var author in article.Authors)
        {
            item.Authors.Add(new SyndicationPerson { Name = XmlDocuments.Text(author) });
        }

        foreach (var category in article.Categories)
        {
            item.Categories.Add(new SyndicationCategory(XmlDocuments.Text(category)));
        }

        return item;
    }
}
