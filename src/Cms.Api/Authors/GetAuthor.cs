using Cms.Api.Data;
using Cms.Api.Infrastructure;
using Cms.Api.Infrastructure.Http;
using Cms.Api.Infrastructure.Paging;
using Cms.Api.Infrastructure.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Cms.Api.Authors;

internal static class GetAuthor
{
    public static async Task<Results<Ok<AuthorResponse>, StatusCodeHttpResult, ProblemHttpResult>> Handle(
        string idOrSlug, HttpContext http, CmsDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var author = await db.Authors.ByIdOrSlug(idOrSlug).ToResponses(db, time.Now()).SingleOrDefaultAsync(cancellationToken);
        if (author is null)
        {
            return Problem.NotFound("The author");
        }

        EntityTag.Set(http, author.Version);
        return Preconditions.NotModified(http, author.Version) ? TypedResults.StatusCode(StatusCodes.Status304NotModified) : TypedResults.Ok(author);
    }

    public static async Task<Ok<PagedList<AuthorResponse>>> List(
        [AsParameters] PageQuery page, CmsDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var items = await db.Authors.OrderBy(a => a.Name).ThenBy(a => a.Id).Skip(page.Skip()).Take(page.Size())
            .ToResponses(db, time.Now()).ToListAsync(cancellationToken);
        long? total = page.WantsTotal ? await db.Authors.LongCountAsync(cancellationToken) : null;
        return TypedResults.Ok(new PagedList<AuthorResponse>(items, page.PageNumber, page.Size(), total, null));
    }
}
