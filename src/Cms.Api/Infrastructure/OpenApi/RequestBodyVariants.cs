using Microsoft.OpenApi;

namespace Cms.Api.Infrastructure.OpenApi;

/// <summary>
/// One request type serves create, replace and patch; what each requires differs. A type's schema is what create needs;
/// a PUT body requires every property (the service refuses a partial one); a merge patch requires none, nested objects
/// included, since each merges into what is stored.
/// </summary>
internal static class RequestBodyVariants
{
    public static void Apply(OpenApiDocument document)
    {
        var schemas = document.Components?.Schemas;
        if (schemas is null)
        {
            return;
        }

        foreach (var path in document.Paths.Values.OfType<OpenApiPathItem>())
        {
            foreach (var (method, operation) in path.Operations ?? [])
            {
                foreach (var media in operation.RequestBody?.Content?.Values.OfType<OpenApiMediaType>() ?? [])
                {
                    if (media.Schema is not OpenApiSchemaReference { Reference.Id: { } id } reference || document.Schema(id) is not { } target)
                    {
                        continue;
                    }

                    if (method == HttpMethod.Put)
                    {
                        // Required beside allOf, the shape openapi-typescript turns into WithRequired<...>.
                        media.Schema = new OpenApiSchema { AllOf = [reference], Required = new HashSet<string>(target.Properties?.Keys ?? []) };
                    }
                    else if (method == HttpMethod.Patch)
                    {
                        media.Schema = new OpenApiSchemaReference(MergePatchOf(id, document), document);
                    }
                }
            }
        }
    }

    /// <summary>The id of a copy of schema <paramref name="id"/> that requires nothing, at every depth; made once.</summary>
    private static string MergePatchOf(string id, OpenApiDocument document)
    {
        var schemas = document.Components!.Schemas!;
        // A type written as a patch (nothing required; the resource has no PUT) is its own merge patch.
        if (id.EndsWith("MergePatch", StringComparison.Ordinal))
        {
            return id;
        }

        var patchId = id + "MergePatch";
        if (schemas.ContainsKey(patchId) || document.Schema(id) is not { } target)
        {
            return schemas.ContainsKey(patchId) ? patchId : id;
        }

        var patch = (OpenApiSchema)target.CreateShallowCopy();
        patch.Required = null;
        patch.Description = $"A JSON Merge Patch of {id}: only the properties sent change, null clears one, objects merge.";
        schemas[patchId] = patch;
        patch.Properties = target.Properties?.ToDictionary(p => p.Key, p => Partial(p.Value, document));
        return patchId;
    }

    /// <summary>An object property's schema as a patch sends it: its own object type made partial too.</summary>
    private static IOpenApiSchema Partial(IOpenApiSchema property, OpenApiDocument document)
    {
        if (property is OpenApiSchemaReference { Reference.Id: { } id } && IsObject(id, document))
        {
            return new OpenApiSchemaReference(MergePatchOf(id, document), document);
        }

        if (property is OpenApiSchema { OneOf: { Count: > 0 } oneOf } nullable && oneOf.Any(s => s is OpenApiSchemaReference { Reference.Id: { } i } && IsObject(i, document)))
        {
            var copy = (OpenApiSchema)nullable.CreateShallowCopy();
            copy.OneOf = [.. oneOf.Select(s => Partial(s, document))];
            return copy;
        }

        return property;
    }

    private static bool IsObject(string id, OpenApiDocument document) =>
        document.Schema(id) is { Properties.Count: > 0 };

}
