using Cms.Api.Data;
using Cms.Api.Data.Entities;
using Cms.Api.Infrastructure;
using Cms.Api.Infrastructure.Http;
using Cms.Api.Infrastructure.Problems;
using Cms.Api.Media.Renditions;
using Cms.Api.Media.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Cms.Api.Media;

internal static class DeleteMedia
{
    public static async Task<Results<NoContent, ProblemHttpResult>> Handle(
        Guid id, HttpContext http, CmsDbContext db, IMediaStore store, RenditionCache renditions, ILogger<MediaItem> logger,
        CancellationToken cancellationToken)
    {
        var item = await db.Media.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (item is null)
        {
            return Problem.NotFound("The media item");
        }

        if (!MediaAccess.MayEdit(http, item))
        {
            return Problem.Of(StatusCodes.Status403Forbidden, ProblemCodes.Forbidden, "Forbidden", "Authors delete the media they uploaded; editors delete all.");
        }

        if (!Preconditions.Matches(http, item.Version))
        {
            return Problem.VersionMismatch(item.Version);
        }

        if (await InUseAsync(db, id, cancellationToken) is { } problem)
        {
            return problem;
        }

        try
        {
            // The article_media and article_pending_media keys restrict: an article or its pending changes saved naming the
            // item meanwhile make this fail, not dangle.
            if (await db.Media.Where(m => m.Id == id && m.Version == item.Version).ExecuteDeleteAsync(cancellationToken) == 0)
            {
                var version = await db.Media.Where(m => m.Id == id).Select(m => (int?)m.Version).SingleOrDefaultAsync(cancellationToken);
                return version is null ? Problem.NotFound("The media item") : Problem.VersionMismatch(version.Value);
            }
        }
        catch (Exception e) when (e.IsForeignKeyViolation())
        {
            return await InUseAsync(db, id, cancellationToken) ?? Problem.Conflict(ProblemCodes.MediaInUse, "An article uses the media item.");
        }

        try
        {
            await store.DeleteAsync(item.StorageKey, CancellationToken.None);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The item is gone for everyone (its row is); its bytes are only litter now, and a retry would be a 404.
            logger.LogWarning(e, "Media item {Id} is deleted but its original {Key} could not be removed from the store", id, item.StorageKey);
        }
        // This instance's renditions go with it; other instances' are never served again (no item) and age out.
        renditions.RemoveItem(id);
        return TypedResults.NoContent();
    }

    private static async Task<ProblemHttpResult?> InUseAsync(CmsDbContext db, Guid id, CancellationToken cancellationToken)
    {
        // The most recently edited first, as the usage list names them.
        var users = await db.ArticlesUsing(id).OrderByDescending(a => a.UpdatedAt).ThenBy(a => a.Id).Select(a => a.Title).Take(3)
            .ToListAsync(cancellationToken);
        return users.Count == 0
            ? null
            : Problem.Conflict(ProblemCodes.MediaInUse,
                $"Articles use the media item (as cover or in the body, or in their pending changes): {string.Join("; ", users)}. Remove it from them first.");
    }
}
