namespace Cms.Api.Ratings;

/// <summary>Bound from <c>Cms:Ratings</c>: how ratings are grouped into transactions (RatingBatcher).</summary>
public sealed class RatingOptions
{
    public const string SectionName = "Cms:Ratings";

    /// <summary>The most ratings saved in one transaction.</summary>
    public int MaxBatch { get; set; } = 64;

    /// <summary>Transactions of ratings in flight at once from this instance, each for its own share of the articles.</summary>
    public int ConcurrentBatches { get; set; } = 4;
}
