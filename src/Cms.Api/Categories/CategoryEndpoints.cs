using Cms.Api.ApiTokens;
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
        var categories = api.MapGroup("/categories").WithTags("Categories")
            .DescribeParameter("idOrSlug", "The category's id or slug.")
            .DescribeParameter("id", "The category's id (a UUID).");

        categories.MapGet("/", GetCategory.List).CachedForReaders().WithName("listCategories")
            .WithSummary("All categories, flat, with parentId")
            .WithDescription("Every category by name, 100 a page by default; build the menu's tree from parentId (null at the top).")
            .WithResponseExample(StatusCodes.Status200OK, CategoryExamples.List)
            .ProducesValidationProblem();
        categories.MapGet("/{idOrSlug}", GetCategory.Handle).CachedForReaders().WithName("getCategory").WithSummary("One category by id or slug")
            .WithDescription("If-None-Match with the ETag answers 304. Its articles: GET /api/v1/articles?category={slug}.")
            .WithResponseExample(StatusCodes.Status200OK, CategoryExamples.Response)
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status404NotFound);

        categories.MapPost("/", CreateCategory.Handle).RequireSession(Policies.Editor).RequireScope(Scopes.ContentWrite)
            .WithName("createCategory").WithSummary("Create a category (editor)")
            .WithDescription("name is required; parentId nests it under another category. The slug is made from the name unless given " +
                "(409 slug_taken when a given one is taken). Answers 201 with Location and ETag.")
            .WithRequestExample(CategoryExamples.Request)
            .WithResponseExample(StatusCodes.Status201Created, CategoryExamples.Response)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        categories.MapPut("/{id:guid}", UpdateCategory.Handle).RequireSession(Policies.Editor).RequireScope(Scopes.ContentWrite)
            .WithName("replaceCategory").WithSummary("Replace a category (editor)")
            .WithDescription(WholeBodyDescription).Accepts<CategoryRequest>("application/json")
            .WithRequestExample(CategoryExamples.Request)
            .WithResponseExample(StatusCodes.Status200OK, CategoryExamples.Response with { Version = 2 })
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
        categories.MapPatch("/{id:guid}", UpdateCategory.Patch).RequireSession(Policies.Editor).RequireScope(Scopes.ContentWrite)
            .WithName("patchCategory").WithSummary("Change some of a category (editor)")
            .WithDescription(MergePatchDescription).Accepts<CategoryRequest>(MergePatch.ContentType)
            .WithRequestExample(CategoryExamples.MergePatch)
            .WithResponseExample(StatusCodes.Status200OK, CategoryExamples.Response with { Description = "Giáo dục, đào tạo, y tế, khoa học và công nghệ", Version = 2 })
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        categories.MapDelete("/{id:guid}", DeleteCategory.Handle).RequireSession(Policies.Editor).RequireScope(Scopes.ContentWrite)
            .WithName("deleteCategory")
            .WithSummary("Delete a category (editor)")
            .WithDescription("Answers 204. Refused with 409 category_in_use while articles or child categories use it.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        return api;
    }
}
