using Cms.Api.Data;
using Cms.Api.Infrastructure.Http;
using Cms.Api.Infrastructure.Paging;
using Cms.Api.Infrastructure.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Cms.Api.Categories;

internal static class GetCategory
{
    /// <summary>A category list is a menu: the default page holds 100, so one request usually brings them all.</summary>
    public const int DefaultPageSize = PageQuery.MaxPageSize;

    public static async Task<Results<Ok<CategoryResponse>, StatusCodeHttpResult, ProblemHttpResult>> Handle(
        string idOrSlug, HttpContext http, CmsDbContext db, CancellationToken cancellationToken)
    {
        var category = await db.Categories.AsNoTracking().ByIdOrSlug(idOrSlug).Select(CategoryQueries.Response).SingleOrDefaultAsync(cancellationToken);
        if (category is null)
        {
            return Problem.NotFound("The category");
        }

        EntityTag.Set(http, category.Version);
        return Preconditions.NotModified(http, category.Version) ? TypedResults.StatusCode(StatusCodes.Status304NotModified) : TypedResults.Ok(category);
    }

    public static Task<Results<Ok<PagedList<CategoryResponse>>, ValidationProblem>> List(
        [AsParameters] PageQuery page, CmsDbContext db, CursorCodec cursors, CancellationToken cancellationToken) =>
        NamedPages.PageAsync(db.Categories, categories => categories.Select(CategoryQueries.Response), c => new NamePosition(c.Name, c.Id),
            "categories", page, DefaultPageSize, cursors, cancellationToken);
}
