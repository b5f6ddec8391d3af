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
    /// <summary>What this reader may see, filtered and ordered (newest first by default); items leave out the body.</summary>
    public static async Task<Results<Ok<PagedList<ArticleResponse>>, ProblemHttpResult>> Handle(
        [AsParameters] PageQuery page, [AsParameters] ArticleFilter filter, HttpContext http, CmsDbContext db, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var now = time.Now();
        var viewer = Viewer.Of(http);
        if (filter.Status is not null && !viewer.SeesEverything)
        {
            return Problem.Of(StatusCodes.Status403Forbidden, ProblemCodes.Forbidden, "Forbidden", "Filtering by status is for editors.");
        }

        var articles = db.Articles.VisibleTo(viewer, now);
        if (filter.Category is { } category)
        {
            articles = Guid.TryParse(category, out var categoryId)
                ? articles.Where(a => a.Categories.Any(c => c.CategoryId == categoryId))
                : articles.Where(a => a.Categories.Any(c => c.Category.Slug == category));
        }

        if (filter.Author is { } author)
        {
            articles = Guid.TryParse(author, out var authorId)
                ? articles.Where(a => a.Authors.Any(x => x.AuthorId == authorId))
                : articles.Where(a => a.Authors.Any(x => x.Author.Slug == author));
        }

        if (filter.Tag is { } tag)
        {
            articles = articles.Where(a => a.Tags.Contains(tag));
        }

        articles = filter.StatusValue switch
        {
            ArticleStatus.Scheduled => articles.Where(a => a.Status == ArticleStatus.Published && a.PublishAt > now),
            ArticleStatus.Published => articles.Where(a => a.Status == ArticleStatus.Published && a.PublishAt <= now),
            { } stored => articles.Where(a => a.Status == stored),
            null => articles,
        };
        if (filter.PublishedFrom is { } from)
        {
            articles = articles.Where(a => a.PublishAt >= from);
        }

        if (filter.PublishedTo is { } to)
        {
            articles = articles.Where(a => a.PublishAt <= to);
        }

        return await PageAsync(articles, page, now, cancellationToken, filter.Sort);
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
        IQueryable<Article> articles, PageQuery page, DateTimeOffset now, CancellationToken cancellationToken, string? sort = null)
    {
        // Every order ends in the id, so pages never overlap or skip rows that tie.
        IQueryable<Article> ordered = sort switch
        {
            "publishedAt" => articles.OrderBy(a => a.PublishAt).ThenBy(a => a.Id),
            "-viewCount" => articles.OrderByDescending(a => a.ViewCount).ThenByDescending(a => a.Id),
            "-rating" => articles.OrderByDescending(a => a.RatingCount == 0 ? 0.0 : (double)a.RatingTotal / a.RatingCount)
                .ThenByDescending(a => a.RatingCount).ThenByDescending(a => a.Id),
            _ => articles.OrderByDescending(a => a.PublishAt).ThenByDescending(a => a.Id),
        };
        var rows = await ordered.Skip(page.Skip()).Take(page.Size()).Rows(withBody: false).ToListAsync(cancellationToken);
        long? total = page.WantsTotal ? await articles.LongCountAsync(cancellationToken) : null;
        return TypedResults.Ok(new PagedList<ArticleResponse>(rows.Select(r => r.ToResponse(now)).ToList(), page.PageNumber, page.Size(), total, null));
    }
}
