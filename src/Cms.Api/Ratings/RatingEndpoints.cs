using Cms.Api.Infrastructure.RateLimits;

namespace Cms.Api.Ratings;

internal static class RatingEndpoints
{
    public static IEndpointRouteBuilder MapRatingEndpoints(this IEndpointRouteBuilder api)
    {
        var ratings = api.MapGroup("/articles/{id:guid}/ratings").WithTags("Ratings");

        ratings.MapPost("/", RateArticle.Handle)
            .WithName("rateArticle")
            .WithSummary("Rate an article 1..5 stars")
            .WithDescription("Signed-in users rate as themselves; anonymous readers send raterId, a UUID the app or browser keeps. " +
                "Rating again replaces the score. 409 rating_disabled when the article has allowRating false. " +
                "Limited per client address (429 rate_limited).")
            .RequireRateLimiting(RateLimitPolicies.Ratings)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        ratings.MapGet("/", GetRatings.Handle)
            .WithName("getArticleRatings")
            .WithSummary("An article's rating totals and their distribution")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }
}
