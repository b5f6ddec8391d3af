using Cms.Api.Content;
using Cms.Api.Data;
using Cms.Api.Data.Entities;
using Cms.Api.Infrastructure;
using Cms.Api.Infrastructure.Http;
using Cms.Api.Infrastructure.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Cms.Api.Articles;

internal static class CreateArticle
{
    public static async Task<Results<Created<ArticleResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        ArticleRequest request, HttpContext http, CmsDbContext db, ArticleWriter writer, TimeProvider time, CancellationToken cancellationToken)
    {
        var viewer = Viewer.Of(http);
        if (!ArticleAccess.MayWrite(viewer, request.Status ?? ArticleStatus.Draft))
        {
            return Problem.Of(StatusCodes.Status403Forbidden, ProblemCodes.Forbidden, "Forbidden", "Authors write drafts; an editor publishes them.");
        }

        if (await writer.MissingReferencesAsync(request, cancellationToken) is { Count: > 0 } missing)
        {
            return Problem.Validation(missing);
        }

        var now = time.Now();
        var id = Guid.CreateVersion7(now);
        var problem = await InsertAsync(db, writer, new NewArticle(id, 1, viewer.UserId, now, null), request, viewer.UserId, now, cancellationToken);
        if (problem is not null)
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
        return TypedResults.Created($"/api/v1/articles/{id}", row.ToResponse(now));
    }

    /// <summary>Who an inserted article is: a new one, or a deleted one coming back (its id, creator and a slug to try first).</summary>
    public sealed record NewArticle(Guid Id, int Version, Guid? CreatedById, DateTimeOffset CreatedAt, string? PreferredSlug);

    /// <summary>
    /// Inserts the article with its slug and its revision, in one SaveChanges: the requested slug (409 when taken), or
    /// the first free one of the preferred slug's family (itself when free) or of the title's. Null when saved.
    /// </summary>
    public static async Task<ProblemHttpResult?> InsertAsync(CmsDbContext db, ArticleWriter writer, NewArticle what, ArticleRequest request, Guid? savedBy,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var id = what.Id;
        var baseSlug = what.PreferredSlug ?? Slug.From(request.Title) ?? "article";
        bool saved;
        try
        {
            saved = await db.SaveWithSlugAsync(db.ArticleSlugs.Select(s => s.Slug), request.Slug, baseSlug, slug =>
            {
                var article = new Article { Id = id, Slug = slug, Title = "", Body = "", CreatedById = what.CreatedById, CreatedAt = what.CreatedAt,
                    Version = what.Version, Stats = new ArticleStats { ArticleId = id },
                };
                writer.Apply(article, request, now);
                db.Articles.Add(article);
                db.ArticleSlugs.Add(new ArticleSlug { Slug = slug, ArticleId = id });
                writer.Revisions.Stage(id, what.Version, ArticleRequest.Stored(article), savedBy, now,
                    live: ArticleVisibility.IsVisible(article.Status, article.PublishAt, article.ExpiresAt, now), pending: false, previous: null, mayMerge: false);
            }, cancellationToken);
        }
        catch (DbUpdateException e) when (e.IsForeignKeyViolation())
        {
            // An author, category or media item it names was deleted between the check and the save.
            return Problem.Conflict(ProblemCodes.Conflict, "Something this article refers to was deleted meanwhile. Read it again and retry.");
        }

        return saved ? null : Problem.Conflict(ProblemCodes.SlugTaken, $"The slug '{request.Slug}' is or was used by another article.");
    }
}
