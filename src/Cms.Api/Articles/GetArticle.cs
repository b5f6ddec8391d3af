using Cms.Api.Data;
using Cms.Api.Data.Entities;
using Cms.Api.Infrastructure;
using Cms.Api.Infrastructure.Http;
using Cms.Api.Infrastructure.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Cms.Api.Articles;

internal static class GetArticle
{
    public static async Task<Results<Ok<ArticleResponse>, RedirectHttpResult, StatusCodeHttpResult, ProblemHttpResult>> Handle(
        string idOrSlug, HttpContext http, CmsDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.Now();
        var viewer = Viewer.Of(http);
        var article = await Find(db, idOrSlug).VisibleTo(viewer, now).Rows(ArticleFields.All).SingleOrDefaultAsync(cancellationToken);
        if (article is null)
        {
            return await FormerSlugRedirectAsync(db, idOrSlug, viewer, now, "", cancellationToken) is { } redirect
                ? redirect
                : Problem.NotFound("The article");
        }

        EntityTag.Set(http, article.Version);
        if (Preconditions.NotModified(http, article.Version))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        var response = article.ToResponse(now);
        if (viewer.UserId is not null
            && ArticleAccess.RefuseChange(viewer, article.CreatedById, article.Status, article.PublishAt, article.ExpiresAt, now, "") is null)
        {
            var id = article.Id;
            var version = article.Version;
            response = response with
            {
                HasPendingChanges = await db.ArticleRevisions.AnyAsync(r => r.ArticleId == id && r.Pending && r.Version > version, cancellationToken),
            };
        }

        return TypedResults.Ok(response);
    }

    public static IQueryable<Article> Find(CmsDbContext db, string idOrSlug) =>
        Guid.TryParse(idOrSlug, out var id) ? db.Articles.Where(a => a.Id == id) : db.Articles.Where(a => a.Slug == idOrSlug);

    /// <summary>A slug the article used before answers 301 with the current address (plus <paramref name="suffix"/>, e.g. "/related").</summary>
    public static async Task<RedirectHttpResult?> FormerSlugRedirectAsync(
        CmsDbContext db, string slug, Viewer viewer, DateTimeOffset now, string suffix, CancellationToken cancellationToken)
    {
        if (Guid.TryParse(slug, out _))
        {
            return null;
        }

        var current = await db.ArticleSlugs.Where(s => s.Slug == slug)
            .Join(db.Articles.VisibleTo(viewer, now), s => s.ArticleId, a => a.Id, (s, a) => a.Slug)
            .SingleOrDefaultAsync(cancellationToken);
        return current is null || current == slug ? null : TypedResults.Redirect($"/api/v1/articles/{Uri.EscapeDataString(current)}{suffix}", permanent: true);
    }
}
