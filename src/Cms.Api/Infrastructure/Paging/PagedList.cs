using System.Text.Json.Serialization;

namespace Cms.Api.Infrastructure.Paging;

/// <summary>
/// A page of a list: its items, the page number and size, total (left out with includeTotal=false), whether that total
/// is a lower bound (a search counted only up to its limit) and nextCursor (for the next page by cursor; null on the last).
/// </summary>
public sealed record PagedList<T>(
    IReadOnlyList<T> Items,
    int Page,
    int PageSize,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? Total,
    [property: JsonPropertyOrder(2)] string? NextCursor,
    bool? TotalIsLowerBound = null)
{
    /// <summary>With total: true when more match than the search counts exactly, and total is that limit.</summary>
    [JsonPropertyOrder(1)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? TotalIsLowerBound { get; init; } = Total is null ? null : TotalIsLowerBound ?? false;
}
