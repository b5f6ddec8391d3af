using System.Security.Cryptography;
using Cms.Api.Data;
using Cms.Api.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Cms.Api.Users;

/// <summary>
/// A new random password for a user, shared by <c>POST /users/{id}/password-reset</c> and the <c>users reset-password</c>
/// command: whoever knew the old password may be signed in with it, so every session of the user ends in the same transaction.
/// </summary>
internal static class PasswordReset
{
    /// <summary>Sets a new password on the tracked <paramref name="user"/>; returns it (never logged) and how many sessions ended.</summary>
    public static async Task<(string Password, int EndedSessions)> ResetAsync(
        CmsDbContext db, IPasswordHasher<User> hasher, User user, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var password = NewPassword();
        user.PasswordHash = hasher.HashPassword(user, password);
        user.UpdatedAt = now;
        user.Version++;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        var ended = await db.Sessions.Where(s => s.UserId == user.Id && s.EndedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, now), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (password, ended);
    }

    /// <summary>A random password to show once: letters, digits and no symbols a terminal or a shell would trip on.</summary>
    public static string NewPassword(int bytes = 15) => Convert.ToBase64String(RandomNumberGenerator.GetBytes(bytes)).Replace('+', 'x').Replace('/', 'y');
}
