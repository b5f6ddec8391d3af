namespace Cms.Api.Infrastructure.Paging;

/// <summary>Bound from <c>Cms:Search</c>.</summary>
public sealed class SearchOptions
{
    public const string SectionName = "Cms:Search";

    /// <summary>A search's total is exact up to this many matches; past it, it is this figure with totalIsLowerBound.</summary>
    public int ExactTotalLimit { get; set; } = 1000;
}
