using Cms.Api.Data;
using Cms.Api.Data.Entities;
using Cms.Api.Infrastructure;
using Cms.Api.Infrastructure.Http;
using Cms.Api.Infrastructure.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Cms.Api.Authors;

internal static class DeleteAuthor
{
    /// <summary>
    /// Refused while a draft, scheduled or published article names the author. Archived articles let go of the byline.
    /// The foreign key (restrict) makes the refusal hold even when an article naming the author is saved meanwhile.
    /// </summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> Handle(
        Guid id, HttpContext http, CmsDbContext db, CancellationToken cancellationToken)
    {
        var version = await db.Authors.Where(a => a.Id == id).Select(a => (int?)a.Version).SingleOrDefaultAsync(cancellationToken);
        if (version is null)
        {
            return Problem.NotFound("The author");
        }

        if (!Preconditions.Matches(http, version.Value))
        {
            return Problem.VersionMismatch(version.Value);
        }

        if (await db.ArticleAuthors.AnyAsync(x => x.AuthorId == id && x.Article.Status != ArticleStatus.Archived, cancellationToken))
        {
            return AuthorHasArticles();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            await db.ArticleAuthors.Where(x => x.AuthorId == id && x.Article.Status == ArticleStatus.Archived).ExecuteDeleteAsync(cancellationToken);
            var deleted = await db.Authors.Where(a => a.Id == id && a.Version == version).ExecuteDeleteAsync(cancellationToken);
            if (deleted == 0)
            {
                return Problem.VersionMismatch(version.Value + 1);
            }

            await transaction.CommitAsync(cancellationToken);
        }
        catch (Exception e) when (e.IsForeignKeyViolation())
        {
            return AuthorHasArticles();
        }

        return TypedResults.NoContent();
    }

    private static ProblemHttpResult AuthorHasArticles() =>
        Problem.Conflict(ProblemCodes.AuthorHasArticles, "Articles that are not archived still name this author; change their bylines first.");
}
