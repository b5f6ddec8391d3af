using Cms.Api.Data;
using Cms.Api.Data.Entities;
using Cms.Api.Infrastructure.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cms.Api.Articles;

/// <summary>
/// Who may change which article: editors any; authors (the role) only their own drafts, kept as drafts. Every "may edit"
/// question (saves, pending changes, revisions, preview links) is asked here, so a new kind of caller (an API token's
/// scopes) plugs in at one place.
/// </summary>
internal static class ArticleAccess
{
    public const string OwnDraftsOnly = "Authors may edit only their own drafts, and keep them drafts.";

    /// <summary>Publishing, scheduling and archiving are editors' work.</summary>
    public static bool MayWrite(Viewer viewer, ArticleStatus requested) =>
        viewer.Role >= UserRole.Editor || requested == ArticleStatus.Draft;

    /// <summary>Null when the viewer may edit (and so read the history, pending changes and previews of) this article.</summary>
    public static ProblemHttpResult? RefuseEdit(Viewer viewer, Article article, DateTimeOffset now, string forbidden = OwnDraftsOnly) =>
        RefuseChange(viewer, article.CreatedById, article.Status, article.PublishAt, article.ExpiresAt, now, forbidden);

    /// <summary>Null when the viewer may save this content (with <paramref name="requested"/> status) over this article.</summary>
    public static ProblemHttpResult? RefuseSave(Viewer viewer, Article article, ArticleStatus? requested, DateTimeOffset now) =>
        RefuseEdit(viewer, article, now) ?? (MayWrite(viewer, requested ?? ArticleStatus.Draft)
            ? null
            : Problem.Of(StatusCodes.Status403Forbidden, ProblemCodes.Forbidden, "Forbidden", OwnDraftsOnly));

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
