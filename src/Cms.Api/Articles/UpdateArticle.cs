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

    /// <summary>Saves <paramref name="request"/> (validated) over <paramref name="article"/>: shared by PUT and PATCH.</summary>
    public static async Task<Results<Ok<ArticleResponse>, ValidationProblem, ProblemHttpResult>> ReplaceAsync(
        Article article, ArticleRequest request, HttpContext http, CmsDbContext db, ArticleWriter writer, TimeProvider time, CancellationToken cancellationToken)
    {
        var id = article.Id;
        const string forbidden = "Authors may edit only their own drafts, and keep them drafts.";
        var viewer = Viewer.Of(http);
        if (ArticleAccess.RefuseChange(viewer, article.CreatedById, article.Status, article.PublishAt, article.ExpiresAt, time.GetUtcNow(), forbidden) is { } refused)
        {
            return refused;
        }

        if (!ArticleAccess.MayWrite(viewer, request.Status ?? ArticleStatus.Draft))
        {
            return Problem.Of(StatusCodes.Status403Forbidden, ProblemCodes.Forbidden, "Forbidden", forbidden);
        }

        if (!Preconditions.Matches(http, article.Version))
        {
            return Problem.VersionMismatch(article.Version);
        }

        if (await writer.MissingReferencesAsync(request, cancellationToken) is { Count: > 0 } missing)
        {
            return Problem.Validation(missing);
        }

        var now = time.Now();
        writer.Apply(article, request, now);
        if (request.Slug is { } newSlug && newSlug != article.Slug)
        {
            // The old slug stays in article_slugs, still pointing here: it answers 301 to the new one.
            article.Slug = newSlug;
            db.ArticleSlugs.Add(new ArticleSlug { Slug = newSlug, ArticleId = id });
        }

        article.Version++;
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
