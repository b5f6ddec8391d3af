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
        bool saved;
        try
        {
            saved = await db.SaveWithSlugAsync(db.ArticleSlugs.Select(s => s.Slug), request.Slug, Slug.From(request.Title) ?? "article", slug =>
            {
                var article = new Article { Id = id, Slug = slug, Title = "", Body = "", CreatedById = viewer.UserId, CreatedAt = now, Version = 1,
                    Stats = new ArticleStats { ArticleId = id },
                };
                writer.Apply(article, request, now);
                db.Articles.Add(article);
                db.ArticleSlugs.Add(new ArticleSlug { Slug = slug, ArticleId = id });
            }, cancellationToken);
        }
        catch (DbUpdateException e) when (e.IsForeignKeyViolation())
        {
            // An author, category or media item it names was deleted between the check above and the save.
            return Problem.Conflict(ProblemCodes.Conflict, "Something this article refers to was deleted meanwhile. Read it again and retry.");
        }

        if (!saved)
        {
            return Problem.Conflict(ProblemCodes.SlugTaken, $"The slug '{request.Slug}' is or was used by another article.");
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
}
