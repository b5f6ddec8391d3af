using System.Reflection;
using System.Text.Json;

namespace Cms.Api.Infrastructure.Validation;

/// <summary>
/// A <c>PUT</c> body: the resource whole. Every writable property must be sent (null clears a nullable one), so a
/// partial body is refused by the validation filter instead of silently resetting what it left out.
/// </summary>
public sealed class WholeBody<T> : IWholeBody where T : class
{
    private WholeBody(T value, IReadOnlyList<string> missing)
    {
        Value = value;
        Missing = missing;
    }

    public T Value { get; }

    object IWholeBody.Body => Value;

    /// <summary>Writable properties the body left out, by their JSON names.</summary>
    public IReadOnlyList<string> Missing { get; }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1000", Justification = "Minimal APIs bind through a static BindAsync on the parameter's own type.")]
    public static async ValueTask<WholeBody<T>?> BindAsync(HttpContext http, ParameterInfo parameter)
    {
        if (!http.Request.HasJsonContentType())
        {
            throw new BadHttpRequestException("Send the body as application/json.", StatusCodes.Status415UnsupportedMediaType);
        }

        var (bytes, body) = await RequestBody.ReadObjectAsync(http);
        // From the bytes, as the framework's binder reads them: the same errors for the same mistakes.
        var value = JsonSerializer.Deserialize<T>(bytes, RequestBody.Json(http)) ?? throw new JsonException("The request body is null; a JSON object is required.");
        // The service reads property names case-insensitively (the web defaults), so presence is judged the same way.
        var sent = body.Select(p => p.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return new WholeBody<T>(value, RequestBody.WritableNames(typeof(T)).Where(name => !sent.Contains(name)).ToList());
    }
}

/// <summary>What the validation filter needs of a <see cref="WholeBody{T}"/> of any T.</summary>
internal interface IWholeBody
{
    object Body { get; }

    IReadOnlyList<string> Missing { get; }
}
