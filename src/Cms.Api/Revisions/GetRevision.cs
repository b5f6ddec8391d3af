using Cms.Api.Articles;
using Cms.Api.Data;
using Cms.Api.Infrastructure;
using Cms.Api.Infrastructure.Http;
using Cms.Api.Infrastructure.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Cms.Api.Revisions;

internal static class GetRevision
{
    /// <summary>The article as it was at <paramref name="version"/>: one revision row, shown in the article shape.</summary>
    public static async Task<Results<Ok<ArticleResponse>, ProblemHttpResult>> Handle(
        Guid id, int version, HttpContext http, CmsDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var (article, refused) = await EditableArticle.FindAsync(db, id, http, time, cancellationToken);
        if (article is null)
        {
            return refused!;
        }

        var revision = await db.ArticleRevisions.AsNoTracking().SingleOrDefaultAsync(r => r.ArticleId == id && r.Version == version, cancellationToken);
        if (revision is null)
        {
            return Problem.NotFound($"Revision {version}");
        }

        EntityTag.Set(http, revision.Version);
        return TypedResults.Ok(await RevisionView.ToResponseAsync(db, article, RevisionLog.Deserialize(revision.Content), revision.Version, revision.SavedAt,
            time.Now(), cancellationToken));
    }
}
