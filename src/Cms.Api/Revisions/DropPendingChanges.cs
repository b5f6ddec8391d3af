using Cms.Api.Articles;
using Cms.Api.Data;
using Cms.Api.Infrastructure.Http;
using Cms.Api.Infrastructure.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Cms.Api.Revisions;

internal static class DropPendingChanges
{
    /// <summary>Deletes the pending revisions: the live article is as it was, and the next save starts from it.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> Handle(
        Guid id, HttpContext http, CmsDbContext db, ArticleWriter writer, TimeProvider time, CancellationToken cancellationToken)
    {
        var (article, refused) = await EditableArticle.FindAsync(db, id, http, time, cancellationToken);
        if (article is null)
        {
            return refused!;
        }

        var head = await writer.Revisions.HeadAsync(id, article.Version, cancellationToken);
        if (head.Pending is null)
        {
            return Problem.NotFound("Pending changes to this article");
        }

        if (!Preconditions.Matches(http, head.Current))
        {
            return Problem.VersionMismatch(head.Current);
        }

        var live = article.Version;
        var dropped = await db.ArticleRevisions.Where(r => r.ArticleId == id && r.Version > live && r.Version <= head.Current)
            .ExecuteDeleteAsync(cancellationToken);
        return dropped > 0 ? TypedResults.NoContent() : Problem.VersionMismatch(head.Current);
    }
}
