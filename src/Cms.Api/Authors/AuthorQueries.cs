using Cms.Api.Data;
using Cms.Api.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Cms.Api.Authors;

internal static class AuthorQueries
{
    /// <summary>Authors as readers see them; articleCount counts the articles a reader can see now.</summary>
    public static IQueryable<AuthorResponse> ToResponses(this IQueryable<Author> authors, CmsDbContext db, DateTimeOffset now)
    {
        var visible = db.Articles.Where(ArticleVisibility.VisibleAt(now));
        return authors.AsNoTracking().Select(a => new AuthorResponse(
            a.Id,
            a.Slug,
            a.Name,
            a.Organization,
            a.Bio,
            a.AvatarUrl,
            visible.Count(x => x.Authors.Any(aa => aa.AuthorId == a.Id)),
            a.CreatedAt,
            a.UpdatedAt,
            a.Version));
    }

    /// <summary>Ids parse as ids; anything else is a slug.</summary>
    public static IQueryable<Author> ByIdOrSlug(this IQueryable<Author> authors, string idOrSlug) =>
        Guid.TryParse(idOrSlug, out var id) ? authors.Where(a => a.Id == id) : authors.Where(a => a.Slug == idOrSlug);
}
