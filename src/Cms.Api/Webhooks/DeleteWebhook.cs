using Cms.Api.Data;
using Cms.Api.Infrastructure.Http;
using Cms.Api.Infrastructure.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Cms.Api.Webhooks;

internal static class DeleteWebhook
{
    /// <summary>Deletes the webhook with its pending messages and its delivery log.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> Handle(Guid id, HttpContext http, CmsDbContext db, CancellationToken cancellationToken)
    {
        var version = await db.Webhooks.Where(w => w.Id == id).Select(w => (int?)w.Version).SingleOrDefaultAsync(cancellationToken);
        if (version is null)
        {
            return Problem.NotFound("The webhook");
        }

        if (!Preconditions.Matches(http, version.Value))
        {
            return Problem.VersionMismatch(version.Value);
        }

        var deleted = await db.Webhooks.Where(w => w.Id == id && w.Version == version).ExecuteDeleteAsync(cancellationToken);
        return deleted == 1 ? TypedResults.NoContent() : Problem.VersionMismatch(version.Value + 1);
    }
}
