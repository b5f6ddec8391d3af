using System.Linq.Expressions;
using Cms.Api.Data;
using Cms.Api.Data.Entities;
using Cms.Api.Media;
using Cms.Api.ReadPath;
using Microsoft.EntityFrameworkCore;

namespace Cms.Api.Articles;

/// <summary>What the database hands back for an article: one query, bylines and categories included, then shaped in memory.</summary>
internal sealed class ArticleRow
{
    public Guid Id { get; init; }
    public string Slug { get; init; } = "";
    public string Title { get; init; } = "";
    public string? Summary { get; init; }
    public string? Body { get; init; }
    public Guid? CoverMediaId { get; init; }
    public string? CoverMediaFileName { get; init; }
    public int? CoverMediaWidth { get; init; }
    public int? CoverMediaHeight { get; init; }
    public string? CoverMediaAlt { get; init; }
    public string? CoverMediaCaption { get; init; }
    public string? CoverImageUrl { get; init; }
    public string? CoverImageAlt { get; init; }
    public string? CoverImageCaption { get; init; }
    public ArticleStatus Status { get; init; }
    public DateTimeOffset? PublishAt { get; init; }
    public DateTimeOffset? ExpiresAt { get; init; }
    public string? Source { get; init; }
    public string[] Tags { get; init; } = [];
    public bool AllowRating { get; init; }
    public string? SeoTitle { get; init; }
    public string? SeoDescription { get; init; }
    public string? SeoCanonicalUrl { get; init; }
    public bool SeoNoIndex { get; init; }
    public long ViewCount { get; init; }
    public long RatingTotal { get; init; }
    public int RatingCount { get; init; }
    public Guid? CreatedById { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public int Version { get; init; }
    public List<ArticleAuthorRef> Authors { get; init; } = [];
    public List<ArticleCategoryRef> Categories { get; init; } = [];

    /// <summary>A library cover takes its address and size from the item, and its alt and caption unless the article sets its own.</summary>
    private CoverImage? Cover() => CoverMediaId is { } mediaId
        ? new CoverImage(mediaId, MediaFileName.Url(mediaId, CoverMediaFileName ?? ""), CoverImageAlt ?? CoverMediaAlt, CoverImageCaption ?? CoverMediaCaption,
            CoverMediaWidth, CoverMediaHeight)
        : CoverImageUrl is null ? null : new CoverImage(null, CoverImageUrl, CoverImageAlt, CoverImageCaption, null, null);

    public ArticleResponse ToResponse(DateTimeOffset now) => new(
        Id,
        Slug,
        Title,
        Summary,
        Body,
        Cover(),
        ArticleVisibility.EffectiveStatus(Status, PublishAt, now),
        PublishAt,
        Status == ArticleStatus.Published && PublishAt <= now ? PublishAt : null,
        ExpiresAt,
        Source,
        Authors,
        Categories,
        Tags,
        AllowRating,
        ViewCount,
        new ArticleSeo(SeoTitle, SeoDescription, SeoCanonicalUrl, SeoNoIndex),
        RatingSummary.Of(RatingTotal, RatingCount),
        CreatedAt,
        UpdatedAt,
        Version);
}

internal static class ArticleQueries
{
    public static IQueryable<ArticleRow> Rows(this IQueryable<Article> articles, ArticleFields fields) =>
        articles.AsNoTracking().Select(fields.Trim(Projection));

    private static readonly Expression<Func<Article, ArticleRow>> Projection = a => new ArticleRow
        {
            Id = a.Id,
            Slug = a.Slug,
            Title = a.Title,
            Summary = a.Summary,
            Body = a.Body,
            CoverMediaId = a.CoverMediaId,
            CoverMediaFileName = a.CoverMedia!.FileName,
            CoverMediaWidth = a.CoverMedia.Width,
            CoverMediaHeight = a.CoverMedia.Height,
            CoverMediaAlt = a.CoverMedia.Alt,
            CoverMediaCaption = a.CoverMedia.Caption,
            CoverImageUrl = a.CoverImageUrl,
            CoverImageAlt = a.CoverImageAlt,
            CoverImageCaption = a.CoverImageCaption,
            Status = a.Status,
            PublishAt = a.PublishAt,
            ExpiresAt = a.ExpiresAt,
            Source = a.Source,
            Tags = a.Tags,
            AllowRating = a.AllowRating,
            SeoTitle = a.SeoTitle,
            SeoDescription = a.SeoDescription,
            SeoCanonicalUrl = a.SeoCanonicalUrl,
            SeoNoIndex = a.SeoNoIndex,
            ViewCount = a.Stats.ViewCount,
            RatingTotal = a.Stats.RatingTotal,
            RatingCount = a.Stats.RatingCount,
            CreatedById = a.CreatedById,
            CreatedAt = a.CreatedAt,
            UpdatedAt = a.UpdatedAt,
            Version = a.Version,
            Authors = a.Authors.OrderBy(x => x.Position).Select(x => new ArticleAuthorRef(x.Author.Id, x.Author.Slug, x.Author.Name, x.Author.Organization)).ToList(),
            Categories = a.Categories.OrderBy(x => x.Position).Select(x => new ArticleCategoryRef(x.Category.Id, x.Category.Slug, x.Category.Name)).ToList(),
        };

    public static Task<ArticleRow?> RowAsync(this CmsDbContext db, Guid id, CancellationToken cancellationToken) =>
        db.Articles.Where(a => a.Id == id).Rows(ArticleFields.All).SingleOrDefaultAsync(cancellationToken);
}
