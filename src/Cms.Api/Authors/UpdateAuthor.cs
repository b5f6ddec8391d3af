using Cms.Api.Content;
using Cms.Api.Data;
using Cms.Api.Data.Entities;
using Cms.Api.Infrastructure;
using Cms.Api.Infrastructure.Http;
using Cms.Api.Infrastructure.Problems;
using Cms.Api.Infrastructure.Validation;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Cms.Api.Authors;

internal static class UpdateAuthor
{
    /// <summary>Replaces the author. The slug stays unless the body names a new one.</summary>
    public static async Task<Results<Ok<AuthorResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid id, WholeBody<AuthorRequest> body, HttpContext http, CmsDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var author = await db.Authors.SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        return author is null ? Problem.NotFound("The author") : await ReplaceAsync(author, body.Value, http, db, time, cancellationToken);
    }

    /// <summary>Changes only what the merge patch names, then saves as a PUT of the result would.</summary>
    public static async Task<Results<Ok<AuthorResponse>, ValidationProblem, ProblemHttpResult>> Patch(
        Guid id, MergePatch patch, HttpContext http, CmsDbContext db, IValidator<AuthorRequest> validator, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var author = await db.Authors.SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (author is null)
        {
            return Problem.NotFound("The author");
        }

        var (request, invalid) = await patch.MergeAsync(new AuthorRequest(author.Name, author.Slug, author.Organization, author.Bio, author.AvatarUrl), validator, http);
        return invalid is not null ? invalid : await ReplaceAsync(author, request, http, db, time, cancellationToken);
    }

    private static async Task<Results<Ok<AuthorResponse>, ValidationProblem, ProblemHttpResult>> ReplaceAsync(
        Author author, AuthorRequest request, HttpContext http, CmsDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var id = author.Id;
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
