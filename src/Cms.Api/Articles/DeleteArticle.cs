using Cms.Api.Data;
using Cms.Api.Data.Entities;
using Cms.Api.Infrastructure.Http;
using Cms.Api.Infrastructure.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Cms.Api.Articles;

internal static class DeleteArticle
{
    /// <summary>
    /// Deletes the row as before (bylines, categories, slugs, media uses and preview links go with it; sync's tombstone
    /// trigger fires as ever) and keeps what undelete needs: a <see cref="DeletedArticle"/> naming the revision that
    /// holds its content. Pending changes are dropped. One transaction.
    /// </summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> Handle(Guid id, HttpContext http, CmsDbContext db, ArticleWriter writer, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var article = await UpdateArticle.LoadAsync(db, id, cancellationToken);
        if (article is null)
        {
            return Problem.NotFound("The article");
        }

        var viewer = Viewer.Of(http);
        var now = time.GetUtcNow();
        if (ArticleAccess.RefuseEdit(viewer, article, now, "Authors may delete only their own drafts.") is { } refused)
        {
            return refused;
        }

        if (!Preconditions.Matches(http, article.Version))
        {
            return Problem.VersionMismatch(article.Version);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var deleted = await db.Articles.Where(a => a.Id == id && a.Version == article.Version).ExecuteDeleteAsync(cancellationToken);
        if (deleted != 1)
        {
            return Problem.VersionMismatch(article.Version + 1);
        }

        await db.ArticleRevisions.Where(r => r.ArticleId == id && r.Version > article.Version).ExecuteDeleteAsync(cancellationToken);
        if (await writer.Revisions.FindAsync(id, article.Version, cancellationToken) is null)
        {
            // Saved before revisions were kept: its content is kept now, so it can come back.
            writer.Revisions.Stage(id, article.Version, ArticleRequest.Stored(article), viewer.UserId, now, live: false, pending: false, previous: null, mayMerge: false);
        }

        db.DeletedArticles.Add(new DeletedArticle
        {
            ArticleId = id, Slug = article.Slug, Title = article.Title, Version = article.Version, CreatedById = article.CreatedById,
            CreatedAt = article.CreatedAt, DeletedAt = now, DeletedById = viewer.UserId,
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.NoContent();
    }
}
