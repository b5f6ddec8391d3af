using Cms.Api.Infrastructure.OpenApi;
using Cms.Api.Infrastructure.Validation;
using Cms.Api.ReadPath;
using Cms.Api.Sessions;
using static Cms.Api.Infrastructure.OpenApi.WriteDescriptions;

namespace Cms.Api.Categories;

internal static class CategoryEndpoints
{
    public static IEndpointRouteBuilder MapCategoryEndpoints(this IEndpointRouteBuilder api)
    {
        var categories = api.MapGroup("/categories").WithTags("Categories");

        categories.MapGet("/", GetCategory.List).CachedForReaders().WithName("listCategories")
            .WithSummary("All categories, flat, with parentId (100 a page by default)").ProducesValidationProblem();
        categories.MapGet("/{idOrSlug}", GetCategory.Handle).CachedForReaders().WithName("getCategory").WithSummary("One category by id or slug")
            .ProducesProblem(StatusCodes.Status404NotFound);

        categories.MapPost("/", CreateCategory.Handle).RequireSession(Policies.Editor).WithName("createCategory").WithSummary("Create a category (editor)")
            .ProducesProblem(StatusCodes.Status409Conflict);
        categories.MapPut("/{id:guid}", UpdateCategory.Handle).RequireSession(Policies.Editor).WithName("replaceCategory").WithSummary("Replace a category (editor)")
            .WithDescription(WholeBodyDescription).Accepts<CategoryRequest>("application/json")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        categories.MapPatch("/{id:guid}", UpdateCategory.Patch).RequireSession(Policies.Editor).WithName("patchCategory").WithSummary("Change some of a category (editor)")
            .WithDescription(MergePatchDescription).Accepts<CategoryRequest>(MergePatch.ContentType)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        categories.MapDelete("/{id:guid}", DeleteCategory.Handle).RequireSession(Policies.Editor).WithName("deleteCategory")
            .WithSummary("Delete a category (editor)")
            .WithDescription("409 category_in_use while articles or child categories use it.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        return api;
    }
}
