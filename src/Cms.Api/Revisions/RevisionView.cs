using Cms.Api.Articles;
using Cms.Api.Data;
using Cms.Api.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Cms.Api.Revisions;

/// <summary>
/// A kept state shown in the article shape: its content (one revision row), the names of the authors, categories and
/// cover it names as they are now (a deleted one is left out), and the article's own id, creation and counters.
/// </summary>
internal static class RevisionView
{
    public static async Task<ArticleResponse> ToResponseAsync(CmsDbContext db, Article article, ArticleRequest content, int version, DateTimeOffset savedAt,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var authorIds = content.AuthorIds ?? [];
        var categoryIds = content.CategoryIds ?? [];
        var authors = await db.Authors.AsNoTracking().Where(a => authorIds.Contains(a.Id))
            .Select(a => new ArticleAuthorRef(a.Id, a.Slug, a.Name, a.Organization)).ToDictionaryAsync(a => a.Id, cancellationToken);
        var categories = await db.Categories.AsNoTracking().Where(c => categoryIds.Contains(c.Id))
            .Select(c => new ArticleCategoryRef(c.Id, c.Slug, c.Name)).ToDictionaryAsync(c => c.Id, cancellationToken);
        var coverId = content.CoverImage?.MediaId;
        var cover = coverId is null ? null : await db.Media.AsNoTracking().Where(m => m.Id == coverId)
            .Select(m => new { m.FileName, m.Width, m.Height, m.Alt, m.Caption }).SingleOrDefaultAsync(cancellationToken);
        var stats = await db.ArticleStats.AsNoTracking().Where(s => s.ArticleId == article.Id)
            .Select(s => new { s.ViewCount, s.RatingTotal, s.RatingCount }).SingleOrDefaultAsync(cancellationToken);
        var row = new ArticleRow
        {
            Id = article.Id,
            Slug = content.Slug ?? article.Slug,
            Title = content.Title,
            Summary = content.Summary,
            Body = content.Body ?? "",
            CoverMediaId = cover is null ? null : coverId,
            CoverMediaFileName = cover?.FileName,
            CoverMediaWidth = cover?.Width,
            CoverMediaHeight = cover?.Height,
            CoverMediaAlt = cover?.Alt,
            CoverMediaCaption = cover?.Caption,
            CoverImageUrl = content.CoverImage?.Url,
            CoverImageAlt = content.CoverImage?.Alt,
            CoverImageCaption = content.CoverImage?.Caption,
            Status = content.Status ?? ArticleStatus.Draft,
            PublishAt = content.PublishAt,
            ExpiresAt = content.ExpiresAt,
            Source = content.Source,
            Tags = content.Tags ?? [],
            AllowRating = content.AllowRating ?? true,
            SeoTitle = content.Seo?.Title,
            SeoDescription = content.Seo?.Description,
            SeoCanonicalUrl = content.Seo?.CanonicalUrl,
            SeoNoIndex = content.Seo?.NoIndex ?? false,
            ViewCount = stats?.ViewCount ?? 0,
            RatingTotal = stats?.RatingTotal ?? 0,
            RatingCount = stats?.RatingCount ?? 0,
            CreatedById = article.CreatedById,
            CreatedAt = article.CreatedAt,
            UpdatedAt = savedAt,
            Version = version,
            Authors = [.. authorIds.Where(authors.ContainsKey).Select(id => authors[id])],
            Categories = [.. categoryIds.Where(categories.ContainsKey).Select(id => categories[id])],
        };
        return row.ToResponse(now);
    }
}
