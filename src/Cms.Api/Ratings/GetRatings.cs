using Cms.Api.Articles;
using Cms.Api.Data;
using Cms.Api.Infrastructure;
using Cms.Api.Infrastructure.Problems;
using Cms.Api.ReadPath;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Cms.Api.Ratings;

internal static class GetRatings
{
    /// <summary>The same stats row the article's <c>rating</c> is read from, so the two always agree.</summary>
    public static async Task<Results<Ok<ArticleRatings>, ProblemHttpResult>> Handle(
        Guid id, HttpContext http, CmsDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var stats = await db.Articles.VisibleTo(Viewer.Of(http), time.Now()).Where(a => a.Id == id).Select(a => a.Stats)
            .AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        if (stats is null)
        {
            return Problem.NotFound("The article");
        }

        var summary = RatingSummary.Of(stats.RatingTotal, stats.RatingCount);
        return TypedResults.Ok(new ArticleRatings(summary.TotalPoints, summary.Count, summary.Average,
            new RatingDistribution(stats.Rating1, stats.Rating2, stats.Rating3, stats.Rating4, stats.Rating5)));
    }
}
