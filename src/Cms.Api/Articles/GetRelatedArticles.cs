using Cms.Api.Data;
using Cms.Api.Infrastructure;
using Cms.Api.Infrastructure.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Cms.Api.Articles;

public sealed record RelatedArticles(IReadOnlyList<ArticleResponse> Newer, IReadOnlyList<ArticleResponse> Older);

internal static class GetRelatedArticles
{
    private const int PerSide = 10;

    /// <summary>"Những tin mới hơn / cũ hơn": up to 10 visible articles each side of this one in its first category, by publish time.</summary>
    public static async Task<Results<Ok<RelatedArticles>, RedirectHttpResult, ProblemHttpResult>> Handle(
        string idOrSlug, HttpContext http, CmsDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.Now();
        var viewer = Viewer.Of(http);
        var article = await GetArticle.Find(db, idOrSlug).VisibleTo(viewer, now)
            .Select(a => new { a.Id, a.PublishAt, FirstCategory = a.Categories.OrderBy(c => c.Position).Select(c => (Guid?)c.CategoryId).FirstOrDefault() })
            .SingleOrDefaultAsync(cancellationToken);
        if (article is null)
        {
            return await GetArticle.FormerSlugRedirectAsync(db, idOrSlug, viewer, now, "/related", cancellationToken) is { } redirect
                ? redirect
                : Problem.NotFound("The article");
        }

        if (article.FirstCategory is not { } category || article.PublishAt is not { } at)
        {
            return TypedResults.Ok(new RelatedArticles([], []));
        }

        // Related lists are public: what any reader sees, even when an editor asks.
        var siblings = db.Articles.Where(ArticleVisibility.VisibleAt(now))
            .Where(a => a.Id != article.Id && a.Categories.Any(c => c.CategoryId == category));
        var newer = await siblings.Where(a => a.PublishAt > at || (a.PublishAt == at && a.Id.CompareTo(article.Id) > 0))
            .OrderBy(a => a.PublishAt).ThenBy(a => a.Id).Take(PerSide).Rows(ArticleFields.ListDefault).ToListAsync(cancellationToken);
        var older = await siblings.Where(a => a.PublishAt < at || (a.PublishAt == at && a.Id.CompareTo(article.Id) < 0))
            .OrderByDescending(a => a.PublishAt).ThenByDescending(a => a.Id).Take(PerSide).Rows(ArticleFields.ListDefault).ToListAsync(cancellationToken);
        return TypedResults.Ok(new RelatedArticles(newer.Select(r => r.ToResponse(now)).ToList(), older.Select(r => r.ToResponse(now)).ToList()));
    }
}
