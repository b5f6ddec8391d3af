using Cms.Api.Infrastructure.OpenApi;
using Cms.Api.Sessions;

namespace Cms.Api.ApiTokens;

/// <summary>Admins make and revoke API tokens, signed in with a session: tokens never manage tokens (no scope here).</summary>
internal static class ApiTokenEndpoints
{
    public static IEndpointRouteBuilder MapApiTokenEndpoints(this IEndpointRouteBuilder api)
    {
        var tokens = api.MapGroup("/api-tokens").WithTags("API tokens").RequireSession(Policies.Admin);

        tokens.MapPost("/", CreateApiToken.Handle)
            .WithName("createApiToken")
            .WithSummary("Make an API token for a build server or script (admin)")
            .WithDescription("Answers 201 with the token (cms_pat_..., shown this once: only its hash is kept) and what lists show of it. " +
                "scopes: content:read (what an editor reads: drafts, scheduled articles, pending changes, the media library), content:write " +
                "(an editor's writes to articles, authors, categories), media:write (uploads, media edits, the library's reads). " +
                "expiresInDays: 7, 30, 90, or null (or left out) for never. The token acts as you, as an editor at most, within its scopes; " +
                "it never manages users, tokens or webhooks, and it does not idle out.")
            .WithRequestExample(ApiTokenExamples.Request)
            .WithResponseExample(StatusCodes.Status201Created, ApiTokenExamples.CreatedResponse)
            .ProducesValidationProblem();

        tokens.MapGet("/", ListApiTokens.Handle)
            .WithName("listApiTokens")
            .WithSummary("API tokens not revoked, by name (admin)")
            .WithDescription("Expired ones included (compare expiresAt with now); never the token itself. lastUsedAt moves at most once a minute. " +
                "Paged like every list.")
            .WithResponseExample(StatusCodes.Status200OK, ApiTokenExamples.List)
            .ProducesValidationProblem();

        tokens.MapDelete("/{id:guid}", RevokeApiToken.Handle)
            .WithName("revokeApiToken")
            .WithSummary("Revoke an API token (admin)")
            .WithDescription("Answers 204; from the next request on, on every instance, the token is 401 token_expired. An unknown or " +
                "already revoked id is 404.")
            .DescribeParameter("id", "The API token's id (a UUID), from the list.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        return api;
    }
}
