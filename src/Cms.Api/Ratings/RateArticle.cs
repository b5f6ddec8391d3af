using Cms.Api.Data;
using Cms.Api.Infrastructure;
using Cms.Api.Infrastructure.Problems;
using Cms.Api.ReadPath;
using Cms.Api.Sessions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Cms.Api.Ratings;

internal static class RateArticle
{
    public static async Task<Results<Ok<RatingResult>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid id, RatingRequest request, HttpContext http, RatingBatcher ratings, CmsDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var session = http.Features.Get<CurrentSession>();
        var (raterId, byUser) = session is not null ? (session.UserId, true) : (request.RaterId ?? Guid.Empty, false);
        if (raterId == Guid.Empty)
        {
            return Problem.Validation(new Dictionary<string, string[]>
            {
                ["raterId"] = ["Anonymous readers send raterId: a UUID the app or browser generates once and keeps."],
            });
        }

        var score = (short)request.Score!.Value;
        var now = time.Now();
        if (await ratings.SaveAsync(id, raterId, byUser, score, now, cancellationToken) is { } saved)
        {
            var summary = RatingSummary.Of(saved.RatingTotal, saved.RatingCount);
            return TypedResults.Ok(new RatingResult(summary.TotalPoints, summary.Count, summary.Average, score));
        }

        // Nothing was saved: say why (a second query only on this rare path).
        var allowsRating = await db.Articles.Where(ArticleVisibility.VisibleAt(now)).Where(a => a.Id == id)
            .Select(a => (bool?)a.AllowRating).SingleOrDefaultAsync(cancellationToken);
        return allowsRating is null
            ? Problem.NotFound("The article")
            : Problem.Conflict(ProblemCodes.RatingDisabled, "Ratings are turned off for this article.");
    }
}
