using Cms.Api.Data;
using Cms.Api.Data.Entities;
using Cms.Api.Infrastructure;
using Cms.Api.Infrastructure.Http;
using Cms.Api.Infrastructure.Problems;
using Cms.Api.Infrastructure.Validation;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Cms.Api.Users;

/// <summary>
/// What an admin may change on a user; a merge patch sends only what changes. There is no PUT of a user, so the type is
/// the patch's own shape (nothing required) and the merged result must still have both.
/// </summary>
public sealed record UserMergePatch(string? DisplayName = null, UserRole? Role = null);

internal sealed class UserMergePatchValidator : AbstractValidator<UserMergePatch>
{
    public UserMergePatchValidator()
    {
        RuleFor(r => r.DisplayName).NotEmpty().MaximumLength(200);
        RuleFor(r => r.Role).NotNull().IsInEnum();
    }
}

internal static class UpdateUser
{
    public static async Task<Results<Ok<UserResponse>, ValidationProblem, ProblemHttpResult>> Patch(
        Guid id, MergePatch patch, HttpContext http, CmsDbContext db, IValidator<UserMergePatch> validator, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (user is null)
        {
            return Problem.NotFound("The user");
        }

        if (!Preconditions.Matches(http, user.Version))
        {
            return Problem.VersionMismatch(user.Version);
        }

        var (request, invalid) = await patch.MergeAsync(new UserMergePatch(user.DisplayName, user.Role), validator, http);
        if (invalid is not null)
        {
            return invalid;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (user.Role == UserRole.Admin && request.Role != UserRole.Admin && !await AnotherAdminAsync(db, id, cancellationToken))
        {
            return Problem.Conflict(ProblemCodes.LastAdmin, $"'{user.Username}' is the last admin: make another user admin first, so someone can still manage users.");
        }

        user.DisplayName = request.DisplayName!.Trim();
        user.Role = request.Role!.Value;
        user.UpdatedAt = time.Now();
        user.Version++;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            var version = await db.Users.Where(u => u.Id == id).Select(u => (int?)u.Version).SingleOrDefaultAsync(CancellationToken.None);
            return version is null ? Problem.NotFound("The user") : Problem.VersionMismatch(version.Value);
        }

        // No session ends: authentication reads the role from the users row on every request (API tokens too), so the
        // change holds from the user's next request on.
        EntityTag.Set(http, user.Version);
        return TypedResults.Ok(UserQueries.ToResponse(user));
    }

    /// <summary>
    /// Locks every admin row (in id order, so two callers never deadlock) until the transaction ends. Two admins demoting
    /// each other at once: the second waits for the first, then finds only itself still admin, and is refused.
    /// </summary>
    private static async Task<bool> AnotherAdminAsync(CmsDbContext db, Guid id, CancellationToken cancellationToken)
    {
        var admins = await db.Database
            .SqlQuery<Guid>($"SELECT id AS \"Value\" FROM users WHERE role = {nameof(UserRole.Admin)} ORDER BY id FOR UPDATE")
            .ToListAsync(cancellationToken);
        return admins.Contains(id) ? admins.Count > 1 : admins.Count > 0;
    }
}
