using System.Linq.Expressions;
using Cms.Api.Data;
using Cms.Api.Data.Entities;

namespace Cms.Api.Media;

internal static class MediaQueries
{
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
