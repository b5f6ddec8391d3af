using System.Text.Json.Serialization;

namespace Cms.Api.Ratings;

/// <summary>The totals after a rating, and the score this rater now has.</summary>
public sealed record RatingResult(long TotalPoints, int Count, double? Average, int YourScore);

/// <summary>How many ratings gave each number of stars.</summary>
public sealed record RatingDistribution(
    [property: JsonPropertyName("1")] int One,
    [property: JsonPropertyName("2")] int Two,
    [property: JsonPropertyName("3")] int Three,
    [property: JsonPropertyName("4")] int Four,
    [property: JsonPropertyName("5")] int Five);

public sealed record ArticleRatings(long TotalPoints, int Count, double? Average, RatingDistribution Distribution);
