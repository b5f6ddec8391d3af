using System.Linq.Expressions;
using Cms.Api.Data;
using Cms.Api.Data.Entities;

namespace Cms.Api.Media;

internal static class MediaQueries
{
    /// <summary>
    /// The articles using an item, as saved (article_media) or in their pending changes (article_pending_media): the
    /// ones delete refuses for. Both found by their media_id index, then the articles by key.
    /// </summary>
    public static IQueryable<Article> ArticlesUsing(this CmsDbContext db, Guid mediaId)
    {
        var ids = db.ArticleMedia.Where(u => u.MediaId == mediaId).Select(u => u.ArticleId)
            .Union(db.ArticlePendingMedia.Where(u => u.MediaId == mediaId).Select(u => u.ArticleId));
        return db.Articles.Where(a => ids.Contains(a.Id));
    }

    /// <summary>One query with the uploader's name; the URL is escaped in memory (EF evaluates the last projection there).</summary>
    public static IQueryable<MediaResponse> ToResponses(this IQueryable<MediaItem> media, CmsDbContext db) =>
        media.Select(Projection(db));

    private static Expression<Func<MediaItem, MediaResponse>> Projection(CmsDbContext db) => m => new MediaResponse(
        m.Id, m.FileName, m.ContentType, m.Bytes, m.Width, m.Height, m.Alt, m.Caption, m.Credit,
        m.FocalX == null || m.FocalY == null ? null : new FocalPoint(m.FocalX.Value, m.FocalY.Value),
        m.IsPublic, m.Sha256, MediaFileName.Url(m.Id, m.FileName), m.CreatedAt,
        db.Users.Where(u => u.Id == m.CreatedById).Select(u => new MediaCreator(u.Id, u.DisplayName)).FirstOrDefault(),
        m.UpdatedAt, m.Version);
}
