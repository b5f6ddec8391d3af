using System.Text.Json.Serialization;

namespace Cms.Api.Infrastructure.Paging;

/// <summary>
/// A page of a list: its items, the page number and size, total (left out with includeTotal=false) and nextCursor (for
/// the next page by cursor; null on the last).
/// </summary>
public sealed record PagedList<T>(
    IReadOnlyList<T> Items,
    int Page,
    int PageSize,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? Total,
    string? NextCursor);
