using Cms.Api.Data;
using Cms.Api.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Cms.Api.Feeds;

/// <summary>An article as a feed shows it.</summary>
internal sealed record FeedArticle(Guid Id, string Slug, string? CanonicalUrl, string Title, string? Summary, DateTimeOffset PublishAt,
    DateTimeOffset UpdatedAt, List<string> Authors, List<string> Categories)
{
    public DateTimeOffset LastModified => FeedQueries.LastModified(PublishAt, UpdatedAt);
}

/// <summary>An article as a sitemap lists it: its address and when it last changed for a reader.</summary>
internal sealed record SitemapArticle(Guid Id, string Slug, string? CanonicalUrl, string Title, DateTimeOffset PublishAt, DateTimeOffset UpdatedAt)
{
    public DateTimeOffset LastModified => FeedQueries.LastModified(PublishAt, UpdatedAt);
}

internal static class FeedQueries
{
    /// <summary>A scheduled article edited before it went out changed, for a reader, when it went out.</summary>
    public static DateTimeOffset LastModified(DateTimeOffset publishAt, DateTimeOffset updatedAt) => updatedAt > publishAt ? updatedAt : publishAt;

    /// <summary>What feeds and sitemaps may show now: visible to readers and open to search engines.</summary>
    public static IQueryable<Article> Listed(this CmsDbContext db, DateTimeOffset now) =>
        db.Articles.AsNoTracking().Where(ArticleVisibility.VisibleAt(now)).Where(a => !a.SeoNoIndex);

    /// <summary>Newest first; the id breaks ties so the order never wavers.</summary>
    public static IQueryable<Article> Newest(this IQueryable<Article> articles) => articles.OrderByDescending(a => a.PublishAt).ThenByDescending(a => a.Id);

    public static Task<List<FeedArticle>> NewestAsync(this IQueryable<Article> articles, int count, CancellationToken cancellationToken) =>
        articles.Newest().Take(count)
            .Select(a => new FeedArticle(a.Id, a.Slug, a.SeoCanonicalUrl, a.Title, a.Summary, a.PublishAt!.Value, a.UpdatedAt,
                a.Authors.OrderBy(x => x.Position).Select(x => x.Author.Name).ToList(),
                a.Categories.OrderBy(x => x.Position).Select(x => x.Category.Name).ToList()))
            .ToListAsync(cancellationToken);

    /// <summary>Oldest first by (publishAt, id): a stable order, so an article stays in its file until older ones go.</summary>
    public static IQueryable<SitemapArticle> InSitemapOrder(this IQueryable<Article> articles) =>
        articles.OrderBy(a => a.PublishAt).ThenBy(a => a.Id).AsSitemapArticles();

    public static IQueryable<SitemapArticle> AsSitemapArticles(this IQueryable<Article> articles) =>
        articles.Select(a => new SitemapArticle(a.Id, a.Slug, a.SeoCanonicalUrl, a.Title, a.PublishAt!.Value, a.UpdatedAt));
}
