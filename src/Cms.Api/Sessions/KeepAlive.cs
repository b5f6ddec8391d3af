using Cms.Api.Data;
using Cms.Api.Infrastructure;
using Cms.Api.Infrastructure.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Cms.Api.Sessions;

internal static class KeepAlive
{
    /// <summary>The "stay signed in" button: idle expiry to now + idle timeout, capped by the absolute expiry.</summary>
    public static async Task<Results<Ok<SessionEnvelope>, ProblemHttpResult>> Handle(
        HttpContext http, CmsDbContext db, TimeProvider time, IOptionsSnapshot<SessionOptions> options, CancellationToken cancellationToken)
    {
        var session = http.CurrentSession();
        var now = time.Now();
        var idle = SessionAuthenticationHandler.IdleExpiryFrom(now, session.AbsoluteExpiresAt, options.Value);
        // Conditional on the session still being alive: a sign-out racing this request wins, and the token stays dead.
        var updated = await db.Sessions
            .Where(s => s.Id == session.Id && s.EndedAt == null && s.IdleExpiresAt > now && s.AbsoluteExpiresAt > now)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.IdleExpiresAt, idle).SetProperty(s => s.LastSeenAt, now), cancellationToken);
        if (updated == 0)
        {
            return Problem.Of(StatusCodes.Status401Unauthorized, ProblemCodes.SessionExpired, "Unauthenticated", "The session has ended; sign in again.");
        }

        return TypedResults.Ok(new SessionEnvelope(SessionResponse.From(session with { IdleExpiresAt = idle, LastSeenAt = now }, options.Value)));
    }
}
