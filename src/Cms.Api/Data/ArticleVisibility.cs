using System.Linq.Expressions;
using Cms.Api.Data.Entities;

namespace Cms.Api.Data;

/// <summary>
/// "Visible to readers": queries call the SQL function (cms_visible_to_readers, Data/Sql/visibility.sql); what is already
/// in memory (the views' cached windows) is judged by <see cref="IsVisible"/>, its one C# twin: change both together.
/// </summary>
public static class ArticleVisibility
{
    public static Expression<Func<Article, bool>> VisibleAt(DateTimeOffset now) =>
        a => CmsDbContext.VisibleToReaders(a.Status, a.PublishAt, a.ExpiresAt, now);

    public static bool IsVisible(ArticleStatus stored, DateTimeOffset? publishAt, DateTimeOffset? expiresAt, DateTimeOffset now) =>
        stored == ArticleStatus.Published && publishAt <= now && (expiresAt is null || expiresAt > now);

    public static ArticleStatus EffectiveStatus(ArticleStatus stored, DateTimeOffset? publishAt, DateTimeOffset now) =>
        stored == ArticleStatus.Published && publishAt > now ? ArticleStatus.Scheduled : stored;
}
