using Cms.Api.Content;
using Cms.Api.Data;
using Cms.Api.Infrastructure;
using Cms.Api.Infrastructure.Http;
using Cms.Api.Infrastructure.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Cms.Api.Categories;

internal static class UpdateCategory
{
    public static async Task<Results<Ok<CategoryResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid id, CategoryRequest request, HttpContext http, CmsDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var category = await db.Categories.SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (category is null)
        {
            return Problem.NotFound("The category");
        }

        if (!Preconditions.Matches(http, category.Version))
        {
            return Problem.VersionMismatch(category.Version);
        }

        if (await CategoryQueries.ParentProblemAsync(db, id, request.ParentId, cancellationToken) is { } parentProblem)
        {
            return Problem.Validation(new Dictionary<string, string[]> { ["parentId"] = [parentProblem] });
        }

        category.Name = request.Name.Trim();
        category.Slug = request.Slug ?? category.Slug;
        category.Description = request.Description;
        category.ParentId = request.ParentId;
        category.UpdatedAt = time.Now();
        category.Version++;
        if (await db.SaveVersionedAsync(db.Categories.Where(c => c.Id == id).Select(c => (int?)c.Version), "The category",
                $"The slug '{request.Slug}' belongs to another category.", cancellationToken) is { } problem)
        {
            return problem;
        }

        EntityTag.Set(http, category.Version);
        return TypedResults.Ok(CategoryQueries.ToResponse(category));
    }
}
