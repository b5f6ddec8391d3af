using Cms.Api.Infrastructure.OpenApi;
using Cms.Api.Infrastructure.RateLimits;

namespace Cms.Api.Views;

internal static class ViewEndpoints
{
    public static IEndpointRouteBuilder MapViewEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapPost("/articles/{id:guid}/views", RecordView.Handle)
            .WithTags("Articles")
            .WithName("recordArticleView")
            .WithSummary("Count one view of an article")
            .WithDescription("Answers 202 at once; the view shows in viewCount within the flush interval (1 s by default). " +
                "Only articles an anonymous reader can see are counted; others answer 404. Limited per client address (429 rate_limited).")
            .DescribeParameter("id", "The article's id (a UUID).")
            .RequireRateLimiting(RateLimitPolicies.Views)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return api;
    }
}
