using Cms.Api.Infrastructure.OpenApi;
using Cms.Api.Infrastructure.Validation;
using Cms.Api.ReadPath;
using Cms.Api.Sessions;
using static Cms.Api.Infrastructure.OpenApi.WriteDescriptions;

namespace Cms.Api.Authors;

internal static class AuthorEndpoints
{
    public static IEndpointRouteBuilder MapAuthorEndpoints(this IEndpointRouteBuilder api)
    {
        var authors = api.MapGroup("/authors").WithTags("Authors");

        authors.MapGet("/", GetAuthor.List).CachedForReaders().WithName("listAuthors").WithSummary("Authors by name").ProducesValidationProblem();
        authors.MapGet("/{idOrSlug}", GetAuthor.Handle).CachedForReaders().WithName("getAuthor").WithSummary("One author by id or slug")
            .ProducesProblem(StatusCodes.Status404NotFound);
        // GET /{idOrSlug}/articles is the articles list, mapped with it (ArticleEndpoints).

        authors.MapPost("/", CreateAuthor.Handle).RequireSession(Policies.Editor).WithName("createAuthor").WithSummary("Create an author (editor)")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        authors.MapPut("/{id:guid}", UpdateAuthor.Handle).RequireSession(Policies.Editor).WithName("replaceAuthor").WithSummary("Replace an author (editor)")
            .WithDescription(WholeBodyDescription).Accepts<AuthorRequest>("application/json")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
        authors.MapPatch("/{id:guid}", UpdateAuthor.Patch).RequireSession(Policies.Editor).WithName("patchAuthor").WithSummary("Change some of an author (editor)")
            .WithDescription(MergePatchDescription).Accepts<AuthorRequest>(MergePatch.ContentType)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        authors.MapDelete("/{id:guid}", DeleteAuthor.Handle).RequireSession(Policies.Editor).WithName("deleteAuthor")
            .WithSummary("Delete an author (editor)")
            .WithDescription("409 author_has_articles while a draft, scheduled or published article names the author.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        return api;
    }
}
