using Cms.Api.Content;
using Cms.Api.Data;
using Cms.Api.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Cms.Api.Articles;

/// <summary>What create and replace share: checking references, cleaning the body, and settling status and times.</summary>
internal sealed partial class ArticleWriter(CmsDbContext db, HtmlBodySanitizer sanitizer, RevisionLog revisions)
{
    /// <summary>Every save keeps a revision, staged with it.</summary>
    public RevisionLog Revisions => revisions;

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

        var inBody = MediaIds(null, request.Body);
        var mediaIds = request.CoverImage?.MediaId is { } cover ? [.. inBody, cover] : inBody;
        var foundMedia = await db.Media.Where(m => mediaIds.Contains(m.Id)).Select(m => m.Id).ToListAsync(cancellationToken);
        if (request.CoverImage?.MediaId is { } coverId && !foundMedia.Contains(coverId))
        {
            errors["coverImage.mediaId"] = [$"No media item has the id {coverId}."];
        }

        var missingInBody = inBody.Except(foundMedia).ToList();
        if (missingInBody.Count > 0)
        {
            errors["body"] = [$"The body shows media that is not in the library: {string.Join(", ", missingInBody)}."];
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
        article.CoverMediaId = request.CoverImage?.MediaId;
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
        var used = MediaIds(article.CoverMediaId, article.Body);
        article.Media.RemoveAll(m => !used.Contains(m.MediaId));
        article.Media.AddRange(used.Where(id => article.Media.All(m => m.MediaId != id)).Select(id => new ArticleMedia { ArticleId = article.Id, MediaId = id }));
        Relink(article.Authors, request.AuthorIds ?? [], (id, position) => new ArticleAuthor { ArticleId = article.Id, AuthorId = id, Position = position }, x => x.AuthorId, (x, p) => x.Position = p);
        Relink(article.Categories, request.CategoryIds ?? [], (id, position) => new ArticleCategory { ArticleId = article.Id, CategoryId = id, Position = position }, x => x.CategoryId, (x, p) => x.Position = p);
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>
    /// The media an article shows: its cover and every <c>/media/{id}/</c> address in its body (pictures, srcset, links;
    /// counting one in plain text too only keeps an item from being deleted, never breaks a page).
    /// </summary>
    public static HashSet<Guid> MediaIds(Guid? cover, string? body)
    {
        var ids = new HashSet<Guid>();
        if (cover is { } id)
        {
            ids.Add(id);
        }

        foreach (System.Text.RegularExpressions.Match match in MediaAddress().Matches(body ?? ""))
        {
            ids.Add(Guid.Parse(match.Groups[1].ValueSpan));
        }

        return ids;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"/media/([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})/")]
    private static partial System.Text.RegularExpressions.Regex MediaAddress();

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
