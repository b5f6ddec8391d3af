using System.Linq.Expressions;
using Cms.Api.Data.Entities;

namespace Cms.Api.Data;

/// <summary>
/// "Visible to readers", for LINQ and for memory. The same rule for SQL is cms_visible_to_readers
/// (Data/Sql/visibility.sql); change both together.
/// </summary>
public static class ArticleVisibility
{
    public static Expression<Func<Article, bool>> VisibleAt(DateTimeOffset now) =>
        a => a.Status == ArticleStatus.Published && a.PublishAt <= now && (a.ExpiresAt == null || a.ExpiresAt > now);

    public static bool IsVisible(ArticleStatus stored, DateTimeOffset? publishAt, DateTimeOffset? expiresAt, DateTimeOffset now) =>
        stored == ArticleStatus.Published && publishAt <= now && (expiresAt is null || expiresAt > now);

    public static ArticleStatus EffectiveStatus(ArticleStatus stored, DateTimeOffset? publishAt, DateTimeOffset now) =>
        stored == ArticleStatus.Published && publishAt > now ? ArticleStatus.Scheduled : stored;
}
