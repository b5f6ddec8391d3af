using Cms.Api.Articles;
using Cms.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace Cms.Api.Authors;

internal static class AuthorQueries
{
    /// <summary>Authors as readers see them; articleCount counts the articles a reader can see now.</summary>
    public static IQueryable<AuthorResponse> ToResponses(this IQueryable<Author> authors, CmsDbContext db, DateTimeOffset now) =>
        authors.AsNoTracking().Select(a => new AuthorResponse(
            a.Id,
            a.Slug,
            a.Name,
            a.Organization,
            a.Bio,
            a.AvatarUrl,
            db.ArticleAuthors.Count(x => x.AuthorId == a.Id && x.Article.Status == ArticleStatus.Published
                && x.Article.PublishAt <= now && (x.Article.ExpiresAt == null || x.Article.ExpiresAt > now)),
            a.CreatedAt,
            a.UpdatedAt,
            a.Version));

    /// <summary>Ids parse as ids; anything else is a slug.</summary>
    public static IQueryable<Author> ByIdOrSlug(this IQueryable<Author> authors, string idOrSlug) =>
        Guid.TryParse(idOrSlug, out var id) ? authors.Where(a => a.Id == id) : authors.Where(a => a.Slug == idOrSlug);
}
