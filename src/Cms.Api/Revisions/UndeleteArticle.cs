using Cms.Api.Articles;
using Cms.Api.Data;
using Cms.Api.Data.Entities;
using Cms.Api.Infrastructure;
using Cms.Api.Infrastructure.Http;
using Cms.Api.Infrastructure.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Cms.Api.Revisions;

internal static class UndeleteArticle
{
    /// <summary>
    /// Inserts the article again under its id, from the revision it was deleted at, as a draft, by the create path (its
    /// revision is the next version of its history). Its slug comes back when still free, else the first free numbered
    /// one. Sync reported it deleted; the article row takes over its tombstone (Data/Sql/undelete.sql), so it arrives
    /// again as new once published.
    /// </summary>
    public static async Task<Results<Ok<ArticleResponse>, ProblemHttpResult>> Handle(
        Guid id, HttpContext http, CmsDbContext db, ArticleWriter writer, TimeProvider time, CancellationToken cancellationToken)
    {
        var deleted = await db.DeletedArticles.AsNoTracking().SingleOrDefaultAsync(d => d.ArticleId == id, cancellationToken);
        var revision = deleted is null ? null : await writer.Revisions.FindAsync(id, deleted.Version, cancellationToken);
        if (deleted is null || revision is null)
        {
            return Problem.NotFound("The deleted article");
        }

        var content = RevisionLog.Deserialize(revision.Content) with { Status = ArticleStatus.Draft, Slug = null };
        if (await writer.MissingReferencesAsync(content, cancellationToken) is { Count: > 0 } missing)
        {
            return Problem.Conflict(ProblemCodes.Conflict,
                "It names what was deleted since, so it cannot come back as it was: " + string.Join(" ", missing.SelectMany(m => m.Value)));
        }

        var now = time.Now();
        var next = (await writer.Revisions.HeadAsync(id, deleted.Version, cancellationToken)).Next;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await db.DeletedArticles.Where(d => d.ArticleId == id).ExecuteDeleteAsync(cancellationToken) == 0)
        {
            return Problem.NotFound("The deleted article");
        }

        var problem = await CreateArticle.InsertAsync(db, writer, new CreateArticle.NewArticle(id, next, deleted.CreatedById, deleted.CreatedAt, deleted.Slug),
            content, Viewer.Of(http).UserId, now, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        await transaction.CommitAsync(cancellationToken);
        var row = await db.RowAsync(id, cancellationToken);
        if (row is null)
        {
            return Problem.NotFound("The article");
        }

        EntityTag.Set(http, row.Version);
        return TypedResults.Ok(row.ToResponse(now));
    }
}
