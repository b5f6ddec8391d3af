using Cms.Api.ApiTokens;
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
        var authors = api.MapGroup("/authors").WithTags("Authors")
            .DescribeParameter("idOrSlug", "The author's id or slug.")
            .DescribeParameter("id", "The author's id (a UUID).");

        authors.MapGet("/", GetAuthor.List).CachedForReaders().WithName("listAuthors").WithSummary("Authors by name")
            .WithDescription("Every author, by name, with how many articles bear each byline. Numbered pages or a cursor, as every list.")
            .WithResponseExample(StatusCodes.Status200OK, AuthorExamples.List)
            .ProducesValidationProblem();
        authors.MapGet("/{idOrSlug}", GetAuthor.Handle).CachedForReaders().WithName("getAuthor").WithSummary("One author by id or slug")
            .WithDescription("The author's page header: name, organization, bio, avatar and article count. If-None-Match with the ETag answers 304.")
            .WithResponseExample(StatusCodes.Status200OK, AuthorExamples.Response)
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status404NotFound);
        // GET /{idOrSlug}/articles is the articles list, mapped with it (ArticleEndpoints).

        authors.MapPost("/", CreateAuthor.Handle).RequireSession(Policies.Editor).RequireScope(Scopes.ContentWrite)
            .WithName("createAuthor").WithSummary("Create an author (editor)")
            .WithDescription("name is required. The slug is made from the name unless given (409 slug_taken when a given one is taken). " +
                "Answers 201 with Location and ETag.")
            .WithRequestExample(AuthorExamples.Request)
            .WithResponseExample(StatusCodes.Status201Created, AuthorExamples.Response)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        authors.MapPut("/{id:guid}", UpdateAuthor.Handle).RequireSession(Policies.Editor).RequireScope(Scopes.ContentWrite)
            .WithName("replaceAuthor").WithSummary("Replace an author (editor)")
            .WithDescription(WholeBodyDescription).Accepts<AuthorRequest>("application/json")
            .WithRequestExample(AuthorExamples.Request)
            .WithResponseExample(StatusCodes.Status200OK, AuthorExamples.Response with { Version = 2 })
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
        authors.MapPatch("/{id:guid}", UpdateAuthor.Patch).RequireSession(Policies.Editor).RequireScope(Scopes.ContentWrite)
            .WithName("patchAuthor").WithSummary("Change some of an author (editor)")
            .WithDescription(MergePatchDescription).Accepts<AuthorRequest>(MergePatch.ContentType)
            .WithRequestExample(AuthorExamples.MergePatch)
            .WithResponseExample(StatusCodes.Status200OK, AuthorExamples.Response with { Organization = "Ban Tuyên giáo Tỉnh ủy", Version = 2 })
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        authors.MapDelete("/{id:guid}", DeleteAuthor.Handle).RequireSession(Policies.Editor).RequireScope(Scopes.ContentWrite)
            .WithName("deleteAuthor")
            .WithSummary("Delete an author (editor)")
            .WithDescription("Answers 204. Refused with 409 author_has_articles while a draft, scheduled or published article names the author; " +
                "archived articles let go of the byline.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        return api;
    }
}
