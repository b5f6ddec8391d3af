using System.Text.Json;

namespace Cms.Api.Infrastructure.Problems;

/// <summary>A body that is JSON, but an array, a string or a number where an object belongs.</summary>
internal sealed class NotAnObjectException(JsonValueKind kind)
    : JsonException($"The request body is a JSON {kind.ToString().ToLowerInvariant()}; a JSON object is required.");
