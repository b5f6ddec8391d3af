using Cms.Api.Data;
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
            .Select(a => new { a.Version, a.Status, a.CreatedById, a.PublishAt, a.ExpiresAt }).SingleOrDefaultAsync(cancellationToken);
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

        var deleted = await db.Articles.Where(a => a.Id == id && a.Version == article.Version).ExecuteDeleteAsync(cancellationToken);
        return deleted == 1 ? TypedResults.NoContent() : Problem.VersionMismatch(article.Version + 1);
    }
}
