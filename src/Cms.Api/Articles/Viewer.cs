using Cms.Api.Data;
using Cms.Api.Data.Entities;
using Cms.Api.Sessions;

namespace Cms.Api.Articles;

/// <summary>Who is reading: anonymous, an author (own drafts too), or an editor and up (everything).</summary>
public sealed record Viewer(Guid? UserId, UserRole? Role)
{
    public static readonly Viewer Anonymous = new(null, null);

    public bool SeesEverything => Role >= UserRole.Editor;

    public static Viewer Of(HttpContext http) =>
        http.CurrentUser() is { } user ? new Viewer(user.UserId, user.Role) : Anonymous;
}

public static class ViewerQueries
{
    /// <summary>The articles this viewer may read: readers' visible ones, plus an author's own, or all for editors.</summary>
    public static IQueryable<Article> VisibleTo(this IQueryable<Article> articles, Viewer viewer, DateTimeOffset now)
    {
        if (viewer.SeesEverything)
        {
            return articles;
        }

        if (viewer.UserId is { } userId)
        {
            return articles.Where(a => a.CreatedById == userId || CmsDbContext.VisibleToReaders(a.Status, a.PublishAt, a.ExpiresAt, now));
        }

        return articles.Where(ArticleVisibility.VisibleAt(now));
    }
}
