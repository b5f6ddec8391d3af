using System.Linq.Expressions;

namespace Cms.Api.Articles;

/// <summary>
/// Visibility is decided when read, from status, publishAt and expiresAt, so an article appears and disappears on
/// the second with no job having to run.
/// </summary>
public static class ArticleVisibility
{
    public static Expression<Func<Article, bool>> VisibleAt(DateTimeOffset now) =>
        a => a.Status == ArticleStatus.Published && a.PublishAt <= now && (a.ExpiresAt == null || a.ExpiresAt > now);

    public static IQueryable<Article> VisibleTo(this IQueryable<Article> articles, Viewer viewer, DateTimeOffset now)
    {
        if (viewer.SeesEverything)
        {
            return articles;
        }

        if (viewer.UserId is { } userId)
        {
            return articles.Where(a => a.CreatedById == userId
                || (a.Status == ArticleStatus.Published && a.PublishAt <= now && (a.ExpiresAt == null || a.ExpiresAt > now)));
        }

        return articles.Where(VisibleAt(now));
    }

    public static bool IsVisible(ArticleStatus stored, DateTimeOffset? publishAt, DateTimeOffset? expiresAt, DateTimeOffset now) =>
        stored == ArticleStatus.Published && publishAt <= now && (expiresAt is null || expiresAt > now);

    /// <summary>What a client reads: stored "published" with publishAt still ahead reads as scheduled.</summary>
    public static ArticleStatus EffectiveStatus(ArticleStatus stored, DateTimeOffset? publishAt, DateTimeOffset now) =>
        stored == ArticleStatus.Published && publishAt > now ? ArticleStatus.Scheduled : stored;
}
