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

    public static Task<Results<Ok<PagedList<AuthorResponse>>, ValidationProblem>> List(
        [AsParameters] PageQuery page, CmsDbContext db, CursorCodec cursors, TimeProvider time, CancellationToken cancellationToken) =>
        NamedPages.PageAsync(db.Authors, authors => authors.ToResponses(db, time.Now()), a => new NamePosition(a.Name, a.Id), "authors", page,
            20, cursors, cancellationToken);
}
