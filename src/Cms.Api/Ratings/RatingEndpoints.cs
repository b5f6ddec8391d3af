using Cms.Api.ApiTokens;
using Cms.Api.Infrastructure.OpenApi;
using Cms.Api.Infrastructure.RateLimits;

namespace Cms.Api.Ratings;

internal static class RatingEndpoints
{
    public static IEndpointRouteBuilder MapRatingEndpoints(this IEndpointRouteBuilder api)
    {
        var ratings = api.MapGroup("/articles/{id:guid}/ratings").WithTags("Ratings")
            .DescribeParameter("id", "The article's id (a UUID).");

        ratings.MapPost("/", RateArticle.Handle)
            .WithName("rateArticle")
            .WithSummary("Rate an article 1..5 stars")
            .WithDescription("Signed-in users rate as themselves; anonymous readers send raterId, a UUID the app or browser keeps. " +
                "Rating again replaces the score. 409 rating_disabled when the article has allowRating false. " +
                "Only articles anonymous readers can see are rated (404 otherwise). Limited per client address (429 rate_limited).")
            .WithRequestExample(RatingExamples.Request)
            .WithResponseExample(StatusCodes.Status200OK, RatingExamples.Result)
            .RequireRateLimiting(RateLimitPolicies.Ratings)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        ratings.MapGet("/", GetRatings.Handle)
            .RequireScope(Scopes.ContentRead)
            .WithName("getArticleRatings")
            .WithSummary("An article's rating totals and their distribution")
            .WithDescription("The same totals as the article's rating (\"Tổng số điểm của bài viết là: 4 trong 1 đánh giá\"), with how many gave each number of stars.")
            .WithResponseExample(StatusCodes.Status200OK, RatingExamples.Ratings)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }
}
