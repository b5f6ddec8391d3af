using Cms.Api.Articles;
using Cms.Api.Data;
using Cms.Api.Data.Entities;
using Cms.Api.Infrastructure.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Cms.Api.Revisions;

/// <summary>The article a history, pending-changes or preview-link route names, when the caller may edit it (ArticleAccess decides).</summary>
internal static class EditableArticle
{
    public static async Task<(Article? Article, ProblemHttpResult? Refused)> FindAsync(CmsDbContext db, Guid id, HttpContext http, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var article = await db.Articles.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (article is null)
        {
            return (null, Problem.NotFound("The article"));
        }

        return ArticleAccess.RefuseEdit(Viewer.Of(http), article, time.GetUtcNow()) is { } refused ? (null, refused) : (article, null);
    }
}
