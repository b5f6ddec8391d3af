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

namespace Cms.Api.Categories;

internal static class UpdateCategory
{
    public static async Task<Results<Ok<CategoryResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid id, WholeBody<CategoryRequest> body, HttpContext http, CmsDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var category = await db.Categories.SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        return category is null ? Problem.NotFound("The category") : await ReplaceAsync(category, body.Value, http, db, time, cancellationToken);
    }

    /// <summary>Changes only what the merge patch names, then saves as a PUT of the result would.</summary>
    public static async Task<Results<Ok<CategoryResponse>, ValidationProblem, ProblemHttpResult>> Patch(
        Guid id, MergePatch patch, HttpContext http, CmsDbContext db, IValidator<CategoryRequest> validator, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var category = await db.Categories.SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (category is null)
        {
            return Problem.NotFound("The category");
        }

        var (request, invalid) = await patch.MergeAsync(new CategoryRequest(category.Name, category.Slug, category.Description, category.ParentId), validator, http);
        return invalid is not null ? invalid : await ReplaceAsync(category, request, http, db, time, cancellationToken);
    }

    private static async Task<Results<Ok<CategoryResponse>, ValidationProblem, ProblemHttpResult>> ReplaceAsync(
        Category category, CategoryRequest request, HttpContext http, CmsDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var id = category.Id;
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
