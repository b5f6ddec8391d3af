using Cms.Api.Articles;
using Cms.Api.Data;
using Cms.Api.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Cms.Api.Revisions;

/// <summary>
/// Keeps <c>article_pending_media</c>: the media the article's pending changes use, staged in the same SaveChanges as
/// the revision that saves or publishes them (dropping them deletes the revision, and its uses with it). Every such
/// save also takes the next revision version, so of two racing ones only one lands, uses and all.
/// </summary>
internal static class PendingMediaUses
{
    /// <summary>The uses of pending changes saved as <paramref name="version"/> with <paramref name="state"/>, replacing the earlier ones.</summary>
    public static async Task StageAsync(CmsDbContext db, Guid articleId, int version, Article state, CancellationToken cancellationToken)
    {
        await StageReleaseAsync(db, articleId, cancellationToken);
        var inBody = ArticleWriter.MediaIds(null, state.Body);
        db.ArticlePendingMedia.AddRange(ArticleWriter.MediaIds(state.CoverMediaId, state.Body).Select(mediaId => new ArticlePendingMedia
        {
            ArticleId = articleId, Version = version, MediaId = mediaId, IsCover = mediaId == state.CoverMediaId, InBody = inBody.Contains(mediaId),
        }));
    }

    /// <summary>Removes the uses of the article's pending changes, as publishing them does (the article's own uses take over).</summary>
    public static async Task StageReleaseAsync(CmsDbContext db, Guid articleId, CancellationToken cancellationToken) =>
        db.ArticlePendingMedia.RemoveRange(await db.ArticlePendingMedia.Where(u => u.ArticleId == articleId).ToListAsync(cancellationToken));
}
