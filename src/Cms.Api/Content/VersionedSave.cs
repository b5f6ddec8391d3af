using Cms.Api.Data;
using Cms.Api.Infrastructure;
using Cms.Api.Infrastructure.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Cms.Api.Content;

internal static class VersionedSave
{
    /// <summary>
    /// Saves a tracked edit whose read version is the UPDATE's condition: of two saves of one version exactly one lands.
    /// Null when saved; else 412 (the winning version), 404 (gone meanwhile) or 409 (a slug taken, a reference deleted).
    /// </summary>
    public static async Task<ProblemHttpResult?> SaveVersionedAsync(
        this CmsDbContext db, IQueryable<int?> currentVersion, string what, string slugTakenDetail, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            var current = await currentVersion.SingleOrDefaultAsync(cancellationToken);
            return current is null ? Problem.NotFound(what) : Problem.VersionMismatch(current.Value);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation() && e.InnerException is Npgsql.PostgresException { ConstraintName: "pk_article_revisions" })
        {
            // A concurrent save (pending changes, say) took the version this one was to take: it lost the race.
            var current = await currentVersion.SingleOrDefaultAsync(cancellationToken);
            return current is null ? Problem.NotFound(what) : Problem.VersionMismatch(current.Value);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            return Problem.Conflict(ProblemCodes.SlugTaken, slugTakenDetail);
        }
        catch (DbUpdateException e) when (e.IsForeignKeyViolation())
        {
            // The edited row itself went (its bylines could not be relinked), or a row it names did.
            return await currentVersion.SingleOrDefaultAsync(cancellationToken) is null
                ? Problem.NotFound(what)
                : Problem.Conflict(ProblemCodes.Conflict, "Something this edit refers to was deleted meanwhile. Read it again and retry.");
        }
    }
}
