using Cms.Api.Data;
using Cms.Api.Infrastructure.Http;
using Cms.Api.Infrastructure.Problems;
using Cms.Api.Sessions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Cms.Api.Users;

internal static class GetUser
{
    public static Task<Results<Ok<UserResponse>, StatusCodeHttpResult, ProblemHttpResult>> ById(
        Guid id, HttpContext http, CmsDbContext db, CancellationToken cancellationToken) =>
        Find(id, http, db, cancellationToken);

    public static Task<Results<Ok<UserResponse>, StatusCodeHttpResult, ProblemHttpResult>> Me(
        HttpContext http, CmsDbContext db, CancellationToken cancellationToken) =>
        Find(http.CurrentSession().UserId, http, db, cancellationToken);

    private static async Task<Results<Ok<UserResponse>, StatusCodeHttpResult, ProblemHttpResult>> Find(
        Guid id, HttpContext http, CmsDbContext db, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking().Where(u => u.Id == id).Select(UserQueries.Response).SingleOrDefaultAsync(cancellationToken);
        if (user is null)
        {
            return Problem.NotFound("The user");
        }

        var etag = EntityTag.For(user.Version);
        http.Response.Headers.ETag = etag;
        return Preconditions.NotModified(http, etag)
            ? TypedResults.StatusCode(StatusCodes.Status304NotModified)
            : TypedResults.Ok(user);
    }
}
