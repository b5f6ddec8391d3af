using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Cms.Api.ReadPath;

/// <summary>Documents the purge tags (<see cref="CacheTags"/>) on the success answers of every endpoint the read cache serves.</summary>
internal static class CacheTagHeaders
{
    private const string Tags = "Tags for purging a CDN by tag: the answer's kind (articles, authors, categories, sync, feeds, sitemaps) and " +
        "article-<id> for each article in it. Purge these when a webhook says the article changed.";

    public static Task ApplyAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<ReadCachePolicy>().Any()
            && operation.Responses?.GetValueOrDefault("200") is OpenApiResponse ok)
        {
            ok.Headers ??= new Dictionary<string, IOpenApiHeader>();
            ok.Headers["Surrogate-Key"] = new OpenApiHeader { Description = Tags + " Space-separated (Fastly).", Schema = new OpenApiSchema { Type = JsonSchemaType.String } };
            ok.Headers["Cache-Tag"] = new OpenApiHeader { Description = Tags + " Comma-separated (Cloudflare).", Schema = new OpenApiSchema { Type = JsonSchemaType.String } };
        }

        return Task.CompletedTask;
    }
}
