namespace Cms.Api.Ratings;

/// <summary>The OpenAPI document's examples: the first reader to rate the model story.</summary>
internal static class RatingExamples
{
    public static readonly RatingRequest Request = new(4, Guid.Parse("018f1c2e-a000-7f60-a071-8c9d0e1f2a01"));

    public static readonly RatingResult Result = new(4, 1, 4.0, YourScore: 4);

    public static readonly ArticleRatings Ratings = new(4, 1, 4.0, new RatingDistribution(0, 0, 0, 1, 0));
}
