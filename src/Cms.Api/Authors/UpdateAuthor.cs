using Cms.Api.Content;
using Cms.Api.Data;
using Cms.Api.Infrastructure;
using Cms.Api.Infrastructure.Http;
using Cms.Api.Infrastructure.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Cms.Api.Authors;

internal static class UpdateAuthor
{
    /// <summary>Replaces the author. The slug stays unless the body names a new one.</summary>
    public static async Task<Results<Ok<AuthorResponse>, ProblemHttpResult>> Handle(
        Guid id, AuthorRequest request, HttpContext http, CmsDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var author = await db.Authors.SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (author is null)
        {
            return Problem.NotFound("The author");
        }

        if (!Preconditions.Matches(http, author.Version))
        {
            return Problem.VersionMismatch(author.Version);
        }

        var now = time.Now();
        author.Name = request.Name.Trim();
        author.Slug = request.Slug ?? author.Slug;
        author.Organization = request.Organization?.Trim();
        author.Bio = request.Bio;
        author.AvatarUrl = request.AvatarUrl;
        author.UpdatedAt = now;
        author.Version++;
        if (await db.SaveVersionedAsync(db.Authors.Where(a => a.Id == id).Select(a => (int?)a.Version), "The author",
                $"The slug '{request.Slug}' belongs to another author.", cancellationToken) is { } problem)
        {
            return problem;
        }

        EntityTag.Set(http, author.Version);
        return TypedResults.Ok(await db.Authors.Where(a => a.Id == id).ToResponses(db, now).SingleAsync(cancellationToken));
    }
}
