using Cms.Api.Data;
using Cms.Api.Data.Entities;
using Cms.Api.Infrastructure.Http;
using Cms.Api.Infrastructure.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Cms.Api.Articles;

internal static class DeleteArticle
{
    public static async Task<Results<NoContent, ProblemHttpResult>> Handle(Guid id, HttpContext http, CmsDbContext db, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var article = await db.Articles.AsNoTracking().Where(a => a.Id == id)
            .Select(a => new { a.Version, a.Status, a.CreatedById, a.PublishAt, a.ExpiresAt, a.Slug, a.Title }).SingleOrDefaultAsync(cancellationToken);
        if (article is null)
        {
            return Problem.NotFound("The article");
        }

        if (ArticleAccess.RefuseChange(Viewer.Of(http), article.CreatedById, article.Status, article.PublishAt, article.ExpiresAt, time.GetUtcNow(),
                "Authors may delete only their own drafts.") is { } refused)
        {
            return refused;
        }

        if (!Preconditions.Matches(http, article.Version))
        {
            return Problem.VersionMismatch(article.Version);
        }

        // A tracked delete, not ExecuteDelete: saving it is what reports article.deleted to webhooks, in the same transaction.
        // The version is the DELETE's condition, as it was.
        db.Articles.Remove(new Article { Id = id, Version = article.Version, Slug = article.Slug, Title = article.Title, Body = "" });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return TypedResults.NoContent();
        }
        catch (DbUpdateConcurrencyException)
        {
            return Problem.VersionMismatch(article.Version + 1);
        }
    }
}
