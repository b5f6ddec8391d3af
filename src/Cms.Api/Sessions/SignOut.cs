using Cms.Api.Data;
using Cms.Api.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Cms.Api.Sessions;

internal static class SignOut
{
    public static async Task<NoContent> Handle(HttpContext http, CmsDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var session = http.CurrentSession();
        var now = time.Now();
        await db.Sessions.Where(s => s.Id == session.Id && s.EndedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.EndedAt, now), cancellationToken);
        return TypedResults.NoContent();
    }
}
