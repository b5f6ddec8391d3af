using System.Linq.Expressions;
using Cms.Api.Data;
using Cms.Api.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Cms.Api.Categories;

internal static class CategoryQueries
{
    public static readonly Expression<Func<Category, CategoryResponse>> Response =
        c => new CategoryResponse(c.Id, c.Slug, c.Name, c.Description, c.ParentId, c.Version);

    private static readonly Func<Category, CategoryResponse> Compiled = Response.Compile();

    public static CategoryResponse ToResponse(Category category) => Compiled(category);

    public static IQueryable<Category> ByIdOrSlug(this IQueryable<Category> categories, string idOrSlug) =>
        Guid.TryParse(idOrSlug, out var id) ? categories.Where(c => c.Id == id) : categories.Where(c => c.Slug == idOrSlug);

    /// <summary>
    /// Null when <paramref name="parentId"/> may be the parent of <paramref name="categoryId"/>; otherwise why not
    /// (unknown, or itself or one of its own descendants, which would make a loop).
    /// </summary>
    public static async Task<string?> ParentProblemAsync(CmsDbContext db, Guid? categoryId, Guid? parentId, CancellationToken cancellationToken)
    {
        if (parentId is null)
        {
            return null;
        }

        // Category trees are small: walking up from the parent in memory is simpler than a recursive query.
        var parents = await db.Categories.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.ParentId, cancellationToken);
        if (!parents.ContainsKey(parentId.Value))
        {
            return "No category has this id.";
        }

        for (Guid? at = parentId; at is not null; at = parents.GetValueOrDefault(at.Value))
        {
            if (at == categoryId)
            {
                return "A category cannot be its own ancestor.";
            }
        }

        return null;
    }
}
