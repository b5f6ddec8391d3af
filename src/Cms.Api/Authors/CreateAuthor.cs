using Cms.Api.Content;
using Cms.Api.Data;
using Cms.Api.Data.Entities;
using Cms.Api.Infrastructure;
using Cms.Api.Infrastructure.Http;
using Cms.Api.Infrastructure.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Cms.Api.Authors;

internal static class CreateAuthor
{
    public static async Task<Results<Created<AuthorResponse>, ProblemHttpResult>> Handle(
        AuthorRequest request, HttpContext http, CmsDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.Now();
        var id = Guid.CreateVersion7(now);
        var saved = await db.SaveWithSlugAsync(db.Authors.Select(a => a.Slug), request.Slug, Slug.From(request.Name) ?? "author", slug =>
            db.Authors.Add(new Author
            {
                Id = id,
                Slug = slug,
                Name = request.Name.Trim(),
                Organization = request.Organization?.Trim(),
                Bio = request.Bio,
                AvatarUrl = request.AvatarUrl,
                CreatedAt = now,
                UpdatedAt = now,
                Version = 1,
            }), cancellationToken);
        if (!saved)
        {
            return Problem.Conflict(ProblemCodes.SlugTaken, $"The slug '{request.Slug}' belongs to another author.");
        }

        EntityTag.Set(http, 1);
        var created = await db.Authors.Where(a => a.Id == id).ToResponses(db, now).SingleAsync(cancellationToken);
        return TypedResults.Created($"/api/v1/authors/{id}", created);
    }
}
