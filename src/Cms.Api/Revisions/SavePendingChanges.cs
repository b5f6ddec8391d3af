using Cms.Api.Articles;
using Cms.Api.Data;
using Cms.Api.Data.Entities;
using Cms.Api.Infrastructure;
using Cms.Api.Infrastructure.Http;
using Cms.Api.Infrastructure.Problems;
using Cms.Api.Infrastructure.Validation;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Cms.Api.Revisions;

/// <summary>
/// PUT and PATCH of pending changes: stored as a pending revision only. The <c>articles</c> row is not touched, so
/// readers, lists, search, sync, feeds and the read cache cannot see them (nor are they told anything changed).
/// </summary>
internal static class SavePendingChanges
{
    public static async Task<Results<Ok<ArticleResponse>, ValidationProblem, ProblemHttpResult>> Put(
        Guid id, WholeBody<ArticleRequest> body, HttpContext http, CmsDbContext db, ArticleWriter writer, TimeProvider time, CancellationToken cancellationToken)
    {
        var article = await UpdateArticle.LoadAsync(db, id, cancellationToken);
        if (article is null)
        {
            return Problem.NotFound("The article");
        }

        var head = await writer.Revisions.HeadAsync(id, article.Version, cancellationToken);
        return await SaveAsync(article, head, body.Value, http, db, writer, time, cancellationToken);
    }

    /// <summary>Merged onto the pending changes when there are some, else onto the live article.</summary>
    public static async Task<Results<Ok<ArticleResponse>, ValidationProblem, ProblemHttpResult>> Patch(
        Guid id, MergePatch patch, HttpContext http, CmsDbContext db, ArticleWriter writer, IValidator<ArticleRequest> validator, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var article = await UpdateArticle.LoadAsync(db, id, cancellationToken);
        if (article is null)
        {
            return Problem.NotFound("The article");
        }

        var head = await writer.Revisions.HeadAsync(id, article.Version, cancellationToken);
        var current = head.Pending is { } pending ? RevisionLog.Deserialize(pending.Content) : ArticleRequest.Of(article, time.Now());
        var (request, invalid) = await patch.MergeAsync(current, validator, http);
        return invalid is not null ? invalid : await SaveAsync(article, head, request, http, db, writer, time, cancellationToken);
    }

    private static async Task<Results<Ok<ArticleResponse>, ValidationProblem, ProblemHttpResult>> SaveAsync(Article article, RevisionLog.Head head,
        ArticleRequest request, HttpContext http, CmsDbContext db, ArticleWriter writer, TimeProvider time, CancellationToken cancellationToken)
    {
        var id = article.Id;
        var viewer = Viewer.Of(http);
        var now = time.Now();
        if (ArticleAccess.RefuseSave(viewer, article, request.Status, now) is { } refused)
        {
            return refused;
        }

        if (!Preconditions.Matches(http, head.Current))
        {
            return Problem.VersionMismatch(head.Current);
        }

        if (await writer.MissingReferencesAsync(request, cancellationToken) is { Count: > 0 } missing)
        {
            return Problem.Validation(missing);
        }

        // A null slug keeps the one the pending changes (or the article) have. One another article holds is refused
        // now, not first at publish; publish checks again.
        var slug = request.Slug ?? (head.Pending is { } p ? RevisionLog.Deserialize(p.Content).Slug : null) ?? article.Slug;
        if (await db.ArticleSlugs.AnyAsync(s => s.Slug == slug && s.ArticleId != id, cancellationToken))
        {
            return Problem.Conflict(ProblemCodes.SlugTaken, $"The slug '{slug}' is or was used by another article.");
        }

        // The content as a save would store it (body sanitized, texts trimmed), worked out on a copy nobody tracks.
        var state = new Article { Id = id, Slug = slug, Title = "", Body = "", PublishAt = article.PublishAt };
        writer.Apply(state, request, now);
        var previous = head.Pending ?? await writer.Revisions.FindAsync(id, article.Version, cancellationToken);
        writer.Revisions.Stage(id, head.Next, ArticleRequest.Stored(state), viewer.UserId, now, live: false, pending: true, previous, mayMerge: true);
        await PendingMediaUses.StageAsync(db, id, head.Next, state, cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Exception e) when (e is DbUpdateConcurrencyException || (e is DbUpdateException u && u.IsUniqueViolation()))
        {
            // Another save took this version first (or merged away the revision this one merges into).
            return Problem.VersionMismatch(head.Next);
        }
        catch (DbUpdateException e) when (e.IsForeignKeyViolation())
        {
            // A picture it uses was deleted after the check above (the keys let only one of the two land), or the article was.
            return await db.Articles.AnyAsync(a => a.Id == id, cancellationToken)
                ? Problem.Conflict(ProblemCodes.Conflict, "Something this edit refers to was deleted meanwhile. Read it again and retry.")
                : Problem.NotFound("The article");
        }

        EntityTag.Set(http, head.Next);
        var response = await RevisionView.ToResponseAsync(db, article, ArticleRequest.Stored(state), head.Next, now, now, cancellationToken);
        return TypedResults.Ok(response with { HasPendingChanges = true });
    }
}
