using Cms.Api.Data;
using Cms.Api.Data.Entities;
using Cms.Api.Infrastructure;
using Cms.Api.Infrastructure.Http;
using Cms.Api.Infrastructure.Problems;
using Cms.Api.Sessions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Cms.Api.Users;

/// <summary>The new password, shown once: only its hash is kept.</summary>
public sealed record PasswordResetResponse(string Password);

internal static class ResetPassword
{
    public static async Task<Results<Ok<PasswordResetResponse>, ProblemHttpResult>> Handle(
        Guid id, HttpContext http, CmsDbContext db, IPasswordHasher<User> hasher, TimeProvider time, CancellationToken cancellationToken)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (user is null)
        {
            return Problem.NotFound("The user");
        }

        // The answer would end the very session that asked, and a stolen session could lock its admin out; an admin's
        // own password is reset by another admin or by the command line (users reset-password).
        if (http.CurrentUser()?.UserId == id)
        {
            return Problem.Conflict(ProblemCodes.OwnPasswordReset,
                "Admins do not reset their own password here: ask another admin, or run 'users reset-password USERNAME' on the server.");
        }

        if (!Preconditions.Matches(http, user.Version))
        {
            return Problem.VersionMismatch(user.Version);
        }

        string password;
        try
        {
            (password, _) = await PasswordReset.ResetAsync(db, hasher, user, time.Now(), cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            var version = await db.Users.Where(u => u.Id == id).Select(u => (int?)u.Version).SingleOrDefaultAsync(CancellationToken.None);
            return version is null ? Problem.NotFound("The user") : Problem.VersionMismatch(version.Value);
        }

        EntityTag.Set(http, user.Version);
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(new PasswordResetResponse(password));
    }
}
