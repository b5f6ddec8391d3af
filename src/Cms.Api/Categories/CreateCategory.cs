using Cms.Api.Content;
using Cms.Api.Data;
using Cms.Api.Data.Entities;
using Cms.Api.Infrastructure;
using Cms.Api.Infrastructure.Http;
using Cms.Api.Infrastructure.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Cms.Api.Categories;

internal static class CreateCategory
{
    public static async Task<Results<Created<CategoryResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        CategoryRequest request, HttpContext http, CmsDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await CategoryQueries.ParentProblemAsync(db, null, request.ParentId, cancellationToken) is { } parentProblem)
        {
            return Problem.Validation(new Dictionary<string, string[]> { ["parentId"] = [parentProblem] });
        }

        var now = time.Now();
        var id = Guid.CreateVersion7(now);
        var saved = await db.SaveWithSlugAsync(db.Categories.Select(c => c.Slug), request.Slug, Slug.From(request.Name) ?? "category", slug =>
            db.Categories.Add(new Category
            {
                Id = id,
                Slug = slug,
                Name = request.Name.Trim(),
                Description = request.Description,
                ParentId = request.ParentId,
                CreatedAt = now,
                UpdatedAt = now,
                Version = 1,
            }), cancellationToken);
        if (!saved)
        {
            return Problem.Conflict(ProblemCodes.SlugTaken, $"The slug '{request.Slug}' belongs to another category.");
        }

        EntityTag.Set(http, 1);
        var created = await db.Categories.AsNoTracking().Where(c => c.Id == id).Select(CategoryQueries.Response).SingleAsync(cancellationToken);
        return TypedResults.Created($"/api/v1/categories/{id}", created);
    }
}
