using Cms.Api.Articles;
using Cms.Api.Data;
using Cms.Api.Infrastructure;
using Cms.Api.Infrastructure.Http;
using Cms.Api.Infrastructure.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cms.Api.Revisions;

internal static class GetPendingChanges
{
    /// <summary>The article with its pending changes applied; its version (and ETag) is theirs, what publish's If-Match names.</summary>
    public static async Task<Results<Ok<ArticleResponse>, ProblemHttpResult>> Handle(
        Guid id, HttpContext http, CmsDbContext db, ArticleWriter writer, TimeProvider time, CancellationToken cancellationToken)
    {
        var (article, refused) = await EditableArticle.FindAsync(db, id, http, time, cancellationToken);
        if (article is null)
        {
            return refused!;
        }

        var pending = (await writer.Revisions.HeadAsync(id, article.Version, cancellationToken)).Pending;
        if (pending is null)
        {
            return Problem.NotFound("Pending changes to this article");
        }

        EntityTag.Set(http, pending.Version);
        var response = await RevisionView.ToResponseAsync(db, article, RevisionLog.Deserialize(pending.Content), pending.Version, pending.SavedAt, time.Now(),
            cancellationToken);
        return TypedResults.Ok(response with { HasPendingChanges = true });
    }
}
