using Cms.Api.Articles;
using Cms.Api.Data;
using Cms.Api.Infrastructure;
using Cms.Api.Infrastructure.Problems;
using Cms.Api.Infrastructure.Validation;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Cms.Api.Revisions;

internal static class RestoreRevision
{
    /// <summary>
    /// Saves the revision's content as the article's next version, by the one save path (If-Match, validation, slug
    /// rules, access): so the restore is a revision of its own, and can be undone by restoring the one before.
    /// </summary>
    public static async Task<Results<Ok<ArticleResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid id, int version, HttpContext http, CmsDbContext db, ArticleWriter writer, IValidator<ArticleRequest> validator, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var article = await UpdateArticle.LoadAsync(db, id, cancellationToken);
        if (article is null)
        {
            return Problem.NotFound("The article");
        }

        if (ArticleAccess.RefuseEdit(Viewer.Of(http), article, time.Now()) is { } refused)
        {
            return refused;
        }

        var revision = await db.ArticleRevisions.AsNoTracking().SingleOrDefaultAsync(r => r.ArticleId == id && r.Version == version, cancellationToken);
        if (revision is null)
        {
            return Problem.NotFound($"Revision {version}");
        }

        return await SaveKeptAsync(article, revision.Content, ArticleSave.Restore, http, db, writer, validator, time, cancellationToken);
    }

    /// <summary>Saves kept content (a revision, pending changes) over the article, checked as a PUT of it would be: rules may have changed since.</summary>
    public static async Task<Results<Ok<ArticleResponse>, ValidationProblem, ProblemHttpResult>> SaveKeptAsync(
        Data.Entities.Article article, string kept, ArticleSave kind, HttpContext http, CmsDbContext db, ArticleWriter writer, IValidator<ArticleRequest> validator,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var content = RevisionLog.Deserialize(kept);
        return await ValidationFilter.ProblemAsync(validator, content, cancellationToken) is { } invalid
            ? invalid
            : await UpdateArticle.ReplaceAsync(article, content, http, db, writer, time, cancellationToken, kind);
    }
}
