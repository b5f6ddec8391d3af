using Cms.Api.Authors;
using Cms.Api.Data;
using Cms.Api.Infrastructure;
using Cms.Api.Infrastructure.Paging;
using Cms.Api.Infrastructure.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Cms.Api.Articles;

internal static class ListArticles
{
    /// <summary>Newest first, as this reader may see them; items leave out the body.</summary>
    public static Task<Ok<PagedList<ArticleResponse>>> Handle(
        [AsParameters] PageQuery page, HttpContext http, CmsDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.Now();
        return PageAsync(db.Articles.VisibleTo(Viewer.Of(http), now), page, now, cancellationToken);
    }

    /// <summary>The articles bearing one author's byline.</summary>
    public static async Task<Results<Ok<PagedList<ArticleResponse>>, ProblemHttpResult>> ByAuthor(
        string idOrSlug, [AsParameters] PageQuery page, HttpContext http, CmsDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var authorId = await db.Authors.ByIdOrSlug(idOrSlug).Select(a => (Guid?)a.Id).SingleOrDefaultAsync(cancellationToken);
        if (authorId is null)
        {
            return Problem.NotFound("The author");
        }

        var now = time.Now();
        return await PageAsync(db.Articles.VisibleTo(Viewer.Of(http), now).Where(a => a.Authors.Any(x => x.AuthorId == authorId)), page, now, cancellationToken);
    }

    private static async Task<Ok<PagedList<ArticleResponse>>> PageAsync(
        IQueryable<Article> articles, PageQuery page, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var rows = await articles.OrderByDescending(a => a.PublishAt).ThenByDescending(a => a.Id)
            .Skip(page.Skip()).Take(page.Size()).Rows(withBody: false).ToListAsync(cancellationToken);
        long? total = page.WantsTotal ? await articles.LongCountAsync(cancellationToken) : null;
        return TypedResults.Ok(new PagedList<ArticleResponse>(rows.Select(r => r.ToResponse(now)).ToList(), page.PageNumber, page.Size(), total, null));
    }
}
