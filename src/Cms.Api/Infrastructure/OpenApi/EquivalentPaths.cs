using Microsoft.OpenApi;

namespace Cms.Api.Infrastructure.OpenApi;

/// <summary>
/// Reads take an id or a slug (<c>/articles/{idOrSlug}</c>), writes an id (<c>/articles/{id}</c>): one address to HTTP,
/// two templates to the router, and OpenAPI forbids equivalent paths. The writes join the reads' path; their parameter,
/// renamed, still says it takes a UUID.
/// </summary>
internal static class EquivalentPaths
{
    private const string Id = "{id}";
    private const string IdOrSlug = "{idOrSlug}";

    public static void Merge(OpenApiDocument document)
    {
        foreach (var path in document.Paths.Keys.Where(p => p.Contains(Id, StringComparison.Ordinal)).ToList())
        {
            var target = path.Replace(Id, IdOrSlug, StringComparison.Ordinal);
            if (document.Paths[path] is not OpenApiPathItem writes || !document.Paths.TryGetValue(target, out var found) || found is not OpenApiPathItem reads)
            {
                continue;
            }

            foreach (var (method, operation) in writes.Operations ?? [])
            {
                foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>().Where(p => p.Name == "id") ?? [])
                {
                    parameter.Name = "idOrSlug";
                    parameter.Description ??= "The id (a UUID): writes do not take a slug.";
                }

                reads.Operations ??= [];
                reads.Operations[method] = operation;
            }

            document.Paths.Remove(path);
        }
    }
}
