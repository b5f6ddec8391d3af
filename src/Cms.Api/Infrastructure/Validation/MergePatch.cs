using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cms.Api.Infrastructure.Validation;

/// <summary>
/// A <c>PATCH</c> body: a JSON Merge Patch (RFC 7396, <c>application/merge-patch+json</c>). Applied to the resource as
/// its <c>PUT</c> body would read, the result is validated and saved exactly as a <c>PUT</c> of it would be.
/// </summary>
public sealed class MergePatch
{
    public const string ContentType = "application/merge-patch+json";

    private MergePatch(JsonObject patch) => Patch = patch;

    public JsonObject Patch { get; }

    public static async ValueTask<MergePatch?> BindAsync(HttpContext http, ParameterInfo parameter)
    {
        if (!string.Equals(http.Request.ContentType?.Split(';')[0].Trim(), ContentType, StringComparison.OrdinalIgnoreCase))
        {
            throw new BadHttpRequestException($"Send a JSON Merge Patch as {ContentType}.", StatusCodes.Status415UnsupportedMediaType);
        }

        return new MergePatch((await RequestBody.ReadObjectAsync(http)).Object);
    }

    /// <summary>The current value with the patch applied; a JsonException (a 400 naming the field) when a value has the wrong type.</summary>
    public T ApplyTo<T>(T current, JsonSerializerOptions json) where T : class
    {
        var target = JsonSerializer.SerializeToNode(current, json)!.AsObject();
        // Written without the service's depth limit, then read with it: too deep a patch is a 400, never a writer's exception.
        var merged = System.Text.Encoding.UTF8.GetBytes(Merge(target, Patch).ToJsonString());
        return JsonSerializer.Deserialize<T>(merged, json) ?? throw new JsonException("The patched resource is null.");
    }

    /// <summary>The patched value and, when it does not pass <paramref name="validator"/>, the problem to answer instead.</summary>
    public async Task<(T Value, ValidationProblem? Invalid)> MergeAsync<T>(T current, IValidator<T> validator, HttpContext http) where T : class
    {
        var value = ApplyTo(current, RequestBody.Json(http));
        return (value, await ValidationFilter.ProblemAsync(validator, value, http.RequestAborted));
    }

    /// <summary>RFC 7396: null removes, objects merge member by member, anything else replaces.</summary>
    private static JsonNode Merge(JsonNode? target, JsonNode patch)
    {
        if (patch is not JsonObject members)
        {
            return patch.DeepClone();
        }

        var result = target as JsonObject ?? [];
        foreach (var (name, value) in members)
        {
            var existing = result.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase));
            if (existing.Key is not null)
            {
                result.Remove(existing.Key);
            }

            if (value is not null)
            {
                result[existing.Key ?? name] = Merge(existing.Value, value);
            }
        }

        return result;
    }
}
