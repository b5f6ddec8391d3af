using Cms.Api.Infrastructure.OpenApi;
using Cms.Api.Sessions;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Cms.Api.ApiTokens;

internal static class ApiTokenSetup
{
    private const string OpenApiScheme = "apiToken";

    public static IServiceCollection AddCmsApiTokens(this IServiceCollection services)
    {
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenAuthenticationHandler.SchemeName, null);
        // Sessions stay the default scheme; a bearer token with the prefix is handed to the token handler instead.
        services.Configure<AuthenticationSchemeOptions>(SessionAuthenticationHandler.SchemeName, o =>
            o.ForwardDefaultSelector = http => ApiTokenSecret.IsSentWith(http.Request) ? ApiTokenAuthenticationHandler.SchemeName : null);
        services.AddSingleton<IAuthorizationHandler, ScopeAuthorizationHandler>();
        // After the document's own transformers, which set each operation's description from its endpoint.
        services.PostConfigure<OpenApiOptions>(OpenApiSetup.DocumentName, o =>
        {
            o.AddDocumentTransformer(DescribeScheme);
            o.AddOperationTransformer(DescribeScopes);
        });
        return services;
    }

    /// <summary>
    /// A dead API token (unknown, revoked, expired) is 401 on every route, open ones too: a build server must hear that
    /// its token is dead, not quietly get what anonymous readers get.
    /// </summary>
    public static IApplicationBuilder UseApiTokens(this IApplicationBuilder app) =>
        app.Use(static (http, next) =>
            http.Request.Headers.Authorization.Count > 0 && ApiTokenAuthenticationHandler.Failed(http)
                ? http.ChallengeAsync(ApiTokenAuthenticationHandler.SchemeName)
                : next(http));

    private static Task DescribeScheme(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[OpenApiScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "cms_pat_...",
            Description = "An API token from POST /api/v1/api-tokens, for build servers and scripts: Authorization: Bearer cms_pat_... " +
                "It acts as the admin who made it (as an editor at most), only on operations that take one of its scopes " +
                "(content:read, content:write, media:write: each operation lists them); elsewhere it is 403 forbidden, or an " +
                "anonymous reader on open reads. Revoked or expired: 401 token_expired, on every operation.",
        };
        return Task.CompletedTask;
    }

    private static Task DescribeScopes(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<ScopeMetadata>().LastOrDefault() is not { } declared)
        {
            return Task.CompletedTask;
        }

        var scopes = string.Join(" or ", declared.Scopes);
        var open = !metadata.OfType<IAuthorizeData>().Any();
        operation.Description = (operation.Description + (open
            ? $" API tokens with {scopes} read as their maker does (an editor at most); other tokens read as anonymous readers."
            : $" API tokens need {scopes}.")).Trim();
        operation.Security ??= [];
        if (open && operation.Security.Count == 0)
        {
            // No credentials at all is fine here too.
            operation.Security.Add(new OpenApiSecurityRequirement());
        }

        // The scopes are in the description: linters (Spectral) take scopes in a requirement only for OAuth schemes.
        operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(OpenApiScheme, context.Document)] = [] });
        operation.Responses ??= [];
        if (!operation.Responses.ContainsKey("401"))
        {
            operation.Responses["401"] = new OpenApiResponse
            {
                Description = "Unauthorized: the API token is unknown, revoked or expired.",
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference("ProblemDetails", context.Document) },
                },
            };
        }

        return Task.CompletedTask;
    }
}
