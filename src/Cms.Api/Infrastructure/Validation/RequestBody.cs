using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cms.Api.Infrastructure.Problems;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Cms.Api.Infrastructure.Validation;

/// <summary>Reading a JSON object body the way the service's binder does: same options, same errors.</summary>
internal static class RequestBody
{
    public static JsonSerializerOptions Json(HttpContext http) =>
        http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;

    /// <summary>
    /// The body's bytes and the object they hold; a JsonException (mapped to 400 in one place) when they are not JSON,
    /// nest deeper than the service allows, or are not an object. The request size limit bounds the bytes.
    /// </summary>
    public static async Task<(byte[] Bytes, JsonObject Object)> ReadObjectAsync(HttpContext http)
    {
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, http.RequestAborted);
        var bytes = buffer.ToArray();
        if (!System.Text.Unicode.Utf8.IsValid(bytes))
        {
            throw new JsonException("The request body is not valid UTF-8.");
        }

        // Duplicate names refused here: read later they would throw an ArgumentException, a 500.
        var node = JsonNode.Parse(bytes, documentOptions: new JsonDocumentOptions { MaxDepth = Json(http).MaxDepth, AllowDuplicateProperties = false })
            ?? throw new JsonException("The request body is null; a JSON object is required.");
        return (bytes, node as JsonObject ?? throw new NotAnObjectException(node.GetValueKind()));
    }

    /// <summary>The JSON names of a request record's writable properties (its constructor's parameters), camelCase.</summary>
    public static IReadOnlyList<string> WritableNames(Type type) =>
        type.GetConstructors(BindingFlags.Public | BindingFlags.Instance).MaxBy(c => c.GetParameters().Length)!
            .GetParameters().Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name!)).ToList();
}
