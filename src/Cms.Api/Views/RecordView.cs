using Cms.Api.Infrastructure;
using Cms.Api.Infrastructure.Problems;
using Cms.Api.ReadPath;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cms.Api.Views;

internal static class RecordView
{
    /// <summary>Counts one view of an article a reader can see; it shows in viewCount after the next flush.</summary>
    public static async Task<Results<Accepted, ProblemHttpResult>> Handle(
        Guid id, VisibilityWindowCache windows, ViewCounter counter, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!await windows.IsViewableAsync(id, time.Now(), cancellationToken))
        {
            return Problem.NotFound("The article");
        }

        counter.Record(id);
        return TypedResults.Accepted((string?)null);
    }
}
