using Cms.Api.Sessions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Cms.Api.Infrastructure.OpenApi;

internal static class OpenApiSetup
{
    public const string DocumentName = "v1";
    private const string BearerScheme = "bearer";

    public static IServiceCollection AddCmsOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(DocumentName, options =>
        {
            options.AddDocumentTransformer(DescribeDocument);
            options.AddDocumentTransformer((document, _, _) =>
            {
                RequestBodyVariants.Apply(document);
                EquivalentPaths.Merge(document);
                return Task.CompletedTask;
            });
            options.AddOperationTransformer(RequireBearerWhereAuthorized);
            options.AddOperationTransformer(HttpConventions.ApplyAsync);
            options.AddSchemaTransformer(DescribeProblemExtensions);
            options.AddSchemaTransformer(DescribeTimesAsStrings);
        });

    /// <summary>Requires a session (any role by default), and documents the 401/403 answers that come with it.</summary>
    public static TBuilder RequireSession<TBuilder>(this TBuilder builder, string policy = Policies.Author) where TBuilder : IEndpointConventionBuilder
    {
        builder.RequireAuthorization(policy).ProducesProblem(StatusCodes.Status401Unauthorized);
        return policy == Policies.Author ? builder : builder.ProducesProblem(StatusCodes.Status403Forbidden);
    }

    private static Task DescribeDocument(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "Cms API",
            Version = "1",
            Description = "Headless CMS for news sites: articles, authors, categories, ratings, sessions with keep-alive, and delta sync. " +
                "Errors are RFC 9457 problem+json with a stable `code`. Guides: docs/frontend-quickstart.md and docs/mobile-guide.md in the repository.",
            Contact = new OpenApiContact { Name = "The Cms maintainers (issues and questions in the repository)" },
        };
        // The served document must equal the committed one byte for byte, so its server is a variable, not this host.
        document.Servers =
        [
            new OpenApiServer
            {
                Url = "{origin}",
                Description = "Where the service runs",
                Variables = new Dictionary<string, OpenApiServerVariable>
                {
                    ["origin"] = new() { Default = "http://localhost:5080", Description = "Scheme, host and port: dotnet run serves http://localhost:5080." },
                },
            },
        ];
        HttpConventions.AddComponents(document);
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "The token from POST /api/v1/sessions.",
        };
        return Task.CompletedTask;
    }

    private static Task RequireBearerWhereAuthorized(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any())
        {
            operation.Security ??= [];
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] });
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Times are written by our own converter, which hides from the generator that they are strings: it would emit
    /// only <c>format: date-time</c>, and typed clients would see <c>unknown</c>. Say <c>string</c> (or null) again.
    /// </summary>
    private static Task DescribeTimesAsStrings(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = context.JsonTypeInfo.Type;
        if (type == typeof(DateTimeOffset))
        {
            schema.Type = JsonSchemaType.String;
        }
        else if (type == typeof(DateTimeOffset?))
        {
            schema.Type = JsonSchemaType.String | JsonSchemaType.Null;
        }

        return Task.CompletedTask;
    }

    /// <summary>Every problem body carries <c>code</c> and <c>traceId</c>; the schema says so, so typed clients can read them.</summary>
    private static Task DescribeProblemExtensions(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = context.JsonTypeInfo.Type;
        if (type == typeof(ProblemDetails) || type == typeof(HttpValidationProblemDetails))
        {
            schema.Properties ??= new Dictionary<string, IOpenApiSchema>();
            schema.Properties["code"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "Stable machine-readable error code, e.g. validation_failed, session_expired." };
            schema.Properties["traceId"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "Quote it when reporting a problem." };
        }

        return Task.CompletedTask;
    }
}
