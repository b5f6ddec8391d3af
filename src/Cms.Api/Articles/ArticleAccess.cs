using Cms.Api.Data;
using Cms.Api.Data.Entities;
using Cms.Api.Infrastructure.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cms.Api.Articles;

/// <summary>Who may change which article: editors any; authors (the role) only their own drafts, kept as drafts.</summary>
internal static class ArticleAccess
{
    /// <summary>Publishing, scheduling and archiving are editors' work.</summary>
    public static bool MayWrite(Viewer viewer, ArticleStatus requested) =>
        viewer.Role >= UserRole.Editor || requested == ArticleStatus.Draft;

    /// <summary>
    /// Null when the viewer may change this existing article; otherwise the answer. Someone else's article that
    /// readers cannot see is 404, so its existence is not revealed; a visible one, or one's own that is no longer a
    /// draft, is 403.
    /// </summary>
    public static ProblemHttpResult? RefuseChange(
        Viewer viewer, Guid? createdById, ArticleStatus stored, DateTimeOffset? publishAt, DateTimeOffset? expiresAt, DateTimeOffset now, string forbidden)
    {
        if (viewer.SeesEverything)
        {
            return null;
        }

        var own = createdById == viewer.UserId;
        if (!own && !ArticleVisibility.IsVisible(stored, publishAt, expiresAt, now))
        {
            return Problem.NotFound("The article");
        }

        return own && stored == ArticleStatus.Draft ? null : Problem.Of(StatusCodes.Status403Forbidden, ProblemCodes.Forbidden, "Forbidden", forbidden);
    }
}
