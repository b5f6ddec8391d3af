using System.Text.Json.Nodes;
using Cms.Api.Tests.Infrastructure;

namespace Cms.Api.Tests.Security;

/// <summary>An operation of the committed OpenAPI document (which OpenApiTests keep equal to the served one).</summary>
public sealed record FuzzOperation(string Method, string Path, IReadOnlyList<string> PathParameters,
    IReadOnlyList<(string Name, JsonObject? Schema)> QueryParameters, JsonObject? Body)
{
    public override string ToString() => $"{Method} {Path}";

    public static IEnumerable<FuzzOperation> All()
    {
        var document = JsonNode.Parse(File.ReadAllText(System.IO.Path.Combine(Repository.Root, "openapi", "cms.v1.json")))!.AsObject();
        var schemas = document["components"]?["schemas"]?.AsObject() ?? [];
        var shared = document["components"]?["parameters"]?.AsObject() ?? [];
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, op) in item!.AsObject())
            {
                // Shared parameters (If-Match, If-None-Match) are references to the document's components.
                var parameters = (op!["parameters"] as JsonArray ?? [])
                    .Select(p => p!["$ref"]?.GetValue<string>() is { } reference ? shared[reference.Split('/')[^1]]!.AsObject() : p.AsObject()).ToList();
                var body = op["requestBody"]?["content"]?["application/json"]?["schema"] as JsonObject;
                yield return new FuzzOperation(
                    method.ToUpperInvariant(),
                    path,
                    parameters.Where(p => p["in"]!.GetValue<string>() == "path").Select(p => p["name"]!.GetValue<string>()).ToList(),
                    parameters.Where(p => p["in"]!.GetValue<string>() == "query")
                        .Select(p => (p["name"]!.GetValue<string>(), Resolve(p["schema"] as JsonObject, schemas, 0))).ToList(),
                    Resolve(body, schemas, 0));
            }
        }
    }

    /// <summary>Inlines $ref (to a bounded depth), so generators see plain schemas.</summary>
    private static JsonObject? Resolve(JsonObject? schema, JsonObject schemas, int depth)
    {
        if (schema is null || depth > 6)
        {
            return schema;
        }

        if (schema["$ref"]?.GetValue<string>() is { } reference)
        {
            return Resolve(schemas[reference.Split('/')[^1]]?.DeepClone().AsObject(), schemas, depth + 1);
        }

        var copy = schema.DeepClone().AsObject();
        if (copy["properties"] is JsonObject properties)
        {
            foreach (var name in properties.Select(p => p.Key).ToList())
            {
                properties[name] = Resolve(properties[name] as JsonObject, schemas, depth + 1);
            }
        }

        if (copy["items"] is JsonObject items)
        {
            copy["items"] = Resolve(items, schemas, depth + 1);
        }

        foreach (var key in new[] { "oneOf", "anyOf", "allOf" })
        {
            if (copy[key] is JsonArray options && options.FirstOrDefault(o => o?["type"]?.ToString() != "null") is JsonObject first)
            {
                var resolved = Resolve(first, schemas, depth + 1);
                copy.Remove(key);
                foreach (var (k, v) in resolved ?? [])
                {
                    copy[k] = v?.DeepClone();
                }
            }
        }

        return copy;
    }
}
