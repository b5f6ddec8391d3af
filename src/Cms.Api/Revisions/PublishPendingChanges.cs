using Cms.Api.Articles;
using Cms.Api.Data;
using Cms.Api.Infrastructure;
using Cms.Api.Infrastructure.Problems;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cms.Api.Revisions;

internal static class PublishPendingChanges
{
    /// <summary>
    /// One ordinary save of the pending content onto the article (a new version and revision, the caches and sync see
    /// a change like any other). If-Match names the pending version; a save of the live article that landed since is 412.
    /// </summary>
    public static async Task<Results<Ok<ArticleResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid id, HttpContext http, CmsDbContext db, ArticleWriter writer, IValidator<ArticleRequest> validator, TimeProvider time,
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

        var pending = (await writer.Revisions.HeadAsync(id, article.Version, cancellationToken)).Pending;
        if (pending is null)
        {
            return Problem.NotFound("Pending changes to this article");
        }

        // Released in the save's own SaveChanges, which records the article's uses instead: no moment without either.
        await PendingMediaUses.StageReleaseAsync(db, id, cancellationToken);
        return await RestoreRevision.SaveKeptAsync(article, pending.Content, ArticleSave.PublishPending, http, db, writer, validator, time, cancellationToken);
    }
}
