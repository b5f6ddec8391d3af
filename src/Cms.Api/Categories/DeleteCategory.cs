using Cms.Api.Data;
using Cms.Api.Infrastructure;
using Cms.Api.Infrastructure.Http;
using Cms.Api.Infrastructure.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Cms.Api.Categories;

internal static class DeleteCategory
{
    /// <summary>Refused (409 category_in_use) while any article or child category uses it; the restricting keys keep that true under races.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> Handle(
        Guid id, HttpContext http, CmsDbContext db, CancellationToken cancellationToken)
    {
        var version = await db.Categories.Where(c => c.Id == id).Select(c => (int?)c.Version).SingleOrDefaultAsync(cancellationToken);
        if (version is null)
        {
            return Problem.NotFound("The category");
        }

        if (!Preconditions.Matches(http, version.Value))
        {
            return Problem.VersionMismatch(version.Value);
        }

        if (await db.ArticleCategories.AnyAsync(x => x.CategoryId == id, cancellationToken) || await db.Categories.AnyAsync(c => c.ParentId == id, cancellationToken))
        {
            return InUse();
        }

        try
        {
            var deleted = await db.Categories.Where(c => c.Id == id && c.Version == version).ExecuteDeleteAsync(cancellationToken);
            if (deleted != 1)
            {
                return Problem.VersionMismatch(version.Value + 1);
            }

            return TypedResults.NoContent();
        }
        catch (Exception e) when (e.IsForeignKeyViolation())
        {
            return InUse();
        }
    }

    private static ProblemHttpResult InUse() =>
        Problem.Conflict(ProblemCodes.CategoryInUse, "Articles or child categories still use this category; move them first.");
}
