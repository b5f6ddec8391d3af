using Cms.Api.Content;
using Cms.Api.Data;
using Cms.Api.Data.Entities;
using Cms.Api.Infrastructure;
using Cms.Api.Infrastructure.Http;
using Cms.Api.Infrastructure.Problems;
using Cms.Api.Infrastructure.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Cms.Api.Articles;

/// <summary>Why an article is saved: edits may merge into the editor's previous revision; restores and publishes never do.</summary>
internal enum ArticleSave
{
    Edit,
    Restore,
    PublishPending,
}

internal static class UpdateArticle
{
    /// <summary>
    /// Replaces the article. The version read here is the condition of the UPDATE itself, so of two editors saving
    /// the same version exactly one wins and the other gets 412, whether or not they sent If-Match.
    /// </summary>
    public static async Task<Results<Ok<ArticleResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid id, WholeBody<ArticleRequest> body, HttpContext http, CmsDbContext db, ArticleWriter writer, TimeProvider time, CancellationToken cancellationToken)
    {
        var article = await LoadAsync(db, id, cancellationToken);
        return article is null ? Problem.NotFound("The article") : await ReplaceAsync(article, body.Value, http, db, writer, time, cancellationToken);
    }

    /// <summary>The article with its bylines and categories, tracked for a replace.</summary>
    public static Task<Article?> LoadAsync(CmsDbContext db, Guid id, CancellationToken cancellationToken) =>
        db.Articles.Include(a => a.Authors).Include(a => a.Categories).Include(a => a.Media).AsSplitQuery().SingleOrDefaultAsync(a => a.Id == id, cancellationToken);

    /// <summary>
    /// Saves <paramref name="request"/> (validated) over <paramref name="article"/>, with its revision: the one save path
    /// of PUT, PATCH, restore and publishing pending changes.
    /// </summary>
    public static async Task<Results<Ok<ArticleResponse>, ValidationProblem, ProblemHttpResult>> ReplaceAsync(
        Article article, ArticleRequest request, HttpContext http, CmsDbContext db, ArticleWriter writer, TimeProvider time, CancellationToken cancellationToken,
        ArticleSave kind = ArticleSave.Edit)
    {
        var id = article.Id;
        var viewer = Viewer.Of(http);
        var now = time.Now();
        if (ArticleAccess.RefuseSave(viewer, article, request.Status, now) is { } refused)
        {
            return refused;
        }

        // Pending changes are the article's newest state: If-Match names them, and an edit of the live article would
        // silently leave them behind, so it is refused until they are published or dropped.
        var head = await writer.Revisions.HeadAsync(id, article.Version, cancellationToken);
        if (!Preconditions.Matches(http, head.Current))
        {
            return Problem.VersionMismatch(head.Current);
        }

        if (head.Pending is not null && kind != ArticleSave.PublishPending)
        {
            return Problem.Conflict(ProblemCodes.PendingChanges,
                "This article has pending changes: save this edit to them (PUT or PATCH .../pending), or publish or drop them first.");
        }

        if (await writer.MissingReferencesAsync(request, cancellationToken) is { Count: > 0 } missing)
        {
            return Problem.Validation(missing);
        }

        var wasLive = ArticleVisibility.IsVisible(article.Status, article.PublishAt, article.ExpiresAt, now);
        var previous = await writer.Revisions.FindAsync(id, article.Version, cancellationToken);
        writer.Apply(article, request, now);
        if (request.Slug is { } newSlug && newSlug != article.Slug)
        {
            // The old slug stays in article_slugs, still pointing here: it answers 301 to the new one. Going back to
            // a slug of its own (a restore, say) reuses its row.
            article.Slug = newSlug;
            if (!await db.ArticleSlugs.AnyAsync(s => s.Slug == newSlug && s.ArticleId == id, cancellationToken))
            {
                db.ArticleSlugs.Add(new ArticleSlug { Slug = newSlug, ArticleId = id });
            }
        }

        article.Version = head.Next;
        writer.Revisions.Stage(id, article.Version, ArticleRequest.Stored(article), viewer.UserId, now,
            live: ArticleVisibility.IsVisible(article.Status, article.PublishAt, article.ExpiresAt, now), pending: false, previous,
            mayMerge: kind == ArticleSave.Edit && !wasLive);
        if (await db.SaveVersionedAsync(db.Articles.Where(a => a.Id == id).Select(a => (int?)a.Version), "The article",
                $"The slug '{request.Slug}' is or was used by another article.", cancellationToken) is { } problem)
        {
            return problem;
        }

        var row = await db.RowAsync(id, cancellationToken);
        if (row is null)
        {
            // Saved, then deleted by another editor before it could be read back.
            return Problem.NotFound("The article");
        }

        EntityTag.Set(http, row.Version);
        return TypedResults.Ok(row.ToResponse(now));
    }
}
