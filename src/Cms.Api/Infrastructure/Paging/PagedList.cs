using System.Text.Json.Serialization;

namespace Cms.Api.Infrastructure.Paging;

/// <summary>The contract's list envelope.</summary>
public sealed record PagedList<T>(
    IReadOnlyList<T> Items,
    int Page,
    int PageSize,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? Total,
    string? NextCursor);
