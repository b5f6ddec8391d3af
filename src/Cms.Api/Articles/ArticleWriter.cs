using Cms.Api.Content;
using Cms.Api.Data;
using Cms.Api.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Cms.Api.Articles;

/// <summary>What create and replace share: checking references, cleaning the body, and settling status and times.</summary>
internal sealed class ArticleWriter(CmsDbContext db, HtmlBodySanitizer sanitizer)
{
    /// <summary>Field errors for ids that name nothing; empty when all exist.</summary>
    public async Task<Dictionary<string, string[]>> MissingReferencesAsync(ArticleRequest request, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var authorIds = request.AuthorIds ?? [];
        var foundAuthors = await db.Authors.Where(a => authorIds.Contains(a.Id)).Select(a => a.Id).ToListAsync(cancellationToken);
        var missingAuthors = authorIds.Except(foundAuthors).ToList();
        if (missingAuthors.Count > 0)
        {
            errors["authorIds"] = [$"No author has the id(s) {string.Join(", ", missingAuthors)}."];
        }

        var categoryIds = request.CategoryIds ?? [];
        var foundCategories = await db.Categories.Where(c => categoryIds.Contains(c.Id)).Select(c => c.Id).ToListAsync(cancellationToken);
        var missingCategories = categoryIds.Except(foundCategories).ToList();
        if (missingCategories.Count > 0)
        {
            errors["categoryIds"] = [$"No category has the id(s) {string.Join(", ", missingCategories)}."];
        }

        return errors;
    }

    /// <summary>Copies the request onto the article. Scheduled is stored as published with a future publishAt.</summary>
    public void Apply(Article article, ArticleRequest request, DateTimeOffset now)
    {
        var status = request.Status ?? ArticleStatus.Draft;
        article.Title = request.Title.Trim();
        article.Summary = request.Summary?.Trim();
        article.Body = sanitizer.Sanitize(request.Body ?? "");
        article.CoverImageUrl = request.CoverImage?.Url;
        article.CoverImageAlt = request.CoverImage?.Alt;
        article.CoverImageCaption = request.CoverImage?.Caption;
        article.Status = status == ArticleStatus.Scheduled ? ArticleStatus.Published : status;
        article.PublishAt = status == ArticleStatus.Published ? request.PublishAt ?? article.PublishAt ?? now : request.PublishAt;
        article.ExpiresAt = request.ExpiresAt;
        article.Source = request.Source?.Trim();
        article.Tags = (request.Tags ?? []).Select(t => t.Trim()).Where(t => t.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        article.AllowRating = request.AllowRating ?? true;
        article.SeoTitle = Blank(request.Seo?.Title);
        article.SeoDescription = Blank(request.Seo?.Description);
        article.SeoCanonicalUrl = Blank(request.Seo?.CanonicalUrl);
        article.SeoNoIndex = request.Seo?.NoIndex ?? false;
        article.UpdatedAt = now;
        Relink(article.Authors, request.AuthorIds ?? [], (id, position) => new ArticleAuthor { ArticleId = article.Id, AuthorId = id, Position = position }, x => x.AuthorId, (x, p) => x.Position = p);
        Relink(article.Categories, request.CategoryIds ?? [], (id, position) => new ArticleCategory { ArticleId = article.Id, CategoryId = id, Position = position }, x => x.CategoryId, (x, p) => x.Position = p);
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>Keeps rows whose target stays (moving their position), removes the rest, adds the new ones: no key is deleted and re-added.</summary>
    private static void Relink<T>(List<T> links, Guid[] targetIds, Func<Guid, int, T> create, Func<T, Guid> target, Action<T, int> setPosition)
    {
        var wanted = targetIds.Distinct().ToList();
        links.RemoveAll(link => !wanted.Contains(target(link)));
        for (var position = 0; position < wanted.Count; position++)
        {
            var existing = links.FirstOrDefault(link => target(link) == wanted[position]);
            if (existing is null)
            {
                links.Add(create(wanted[position], position));
            }
            else
            {
                setPosition(existing, position);
            }
        }
    }
}
