using Cms.Api.Data;
using Cms.Api.Infrastructure;
using Cms.Api.Infrastructure.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Cms.Api.ApiTokens;

internal static class RevokeApiToken
{
    /// <summary>
    /// Marks the row revoked rather than deleting it, so the token answers token_expired (not "unknown"). Every instance
    /// checks the row on every request, so the next request anywhere is refused.
    /// </summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> Handle(Guid id, CmsDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.Now();
        var revoked = await db.ApiTokens.Where(t => t.Id == id && t.RevokedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(t => t.RevokedAt, now), cancellationToken);
        return revoked == 0 ? Problem.NotFound("The API token") : TypedResults.NoContent();
    }
}
