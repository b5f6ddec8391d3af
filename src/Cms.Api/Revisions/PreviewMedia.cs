using Cms.Api.Articles;
using Cms.Api.Data;
using Cms.Api.Infrastructure;
using Cms.Api.Media;
using Microsoft.EntityFrameworkCore;

namespace Cms.Api.Revisions;

/// <summary>
/// A preview link opens the pictures of the article it shows, as it shows it: with pending changes, those they name
/// (cover and body), else those the article's row uses. Asked only for addresses carrying a token, so readers' files
/// cost nothing more; a bad token is one indexed lookup.
/// </summary>
internal sealed class PreviewMedia(CmsDbContext db, RevisionLog revisions, TimeProvider time) : IPreviewMedia
{
    public async Task<bool> OpensAsync(string token, Guid mediaId, CancellationToken cancellationToken)
    {
        var hash = PreviewLinks.Hash(token);
        var now = time.Now();
        var article = await db.PreviewLinks.AsNoTracking().Where(p => p.TokenHash == hash && p.RevokedAt == null && p.ExpiresAt > now)
            .Join(db.Articles, p => p.ArticleId, a => a.Id, (p, a) => new { a.Id, a.Version })
            .SingleOrDefaultAsync(cancellationToken);
        if (article is null)
        {
            return false;
        }

        if ((await revisions.HeadAsync(article.Id, article.Version, cancellationToken)).Pending is { } pending)
        {
            var content = RevisionLog.Deserialize(pending.Content);
            return ArticleWriter.MediaIds(content.CoverImage?.MediaId, content.Body).Contains(mediaId);
        }

        return await db.ArticleMedia.AnyAsync(u => u.ArticleId == article.Id && u.MediaId == mediaId, cancellationToken);
    }
}
