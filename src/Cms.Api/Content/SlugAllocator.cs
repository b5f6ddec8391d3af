using Microsoft.EntityFrameworkCore;

namespace Cms.Api.Content;

internal static class SlugAllocator
{
    /// <summary>
    /// The first free slug of the "base", "base-2", ... family among <paramref name="slugs"/>. Free now; a concurrent
    /// writer may take it first, which the unique index turns into a retry by the caller.
    /// </summary>
    public static async Task<string> FirstFreeAsync(IQueryable<string> slugs, string baseSlug, IEnumerable<string> reserved, CancellationToken cancellationToken)
    {
        var prefix = baseSlug + "-";
        var taken = await slugs.Where(s => s == baseSlug || s.StartsWith(prefix)).ToListAsync(cancellationToken);
        return Slug.FirstFree(baseSlug, taken.Concat(reserved).ToHashSet());
    }

    /// <summary>
    /// Saves new content under a slug: the requested one (false when it is taken), or the first free one of the
    /// family made from its title or name, trying the next when a concurrent create took it first. <paramref name="stage"/>
    /// adds the entities for a given slug; it runs again on each retry, after the context was cleared. A
    /// <paramref name="reserved"/> slug (a route's own word) is never made.
    /// </summary>
    public static async Task<bool> SaveWithSlugAsync(
        this Data.CmsDbContext db, IQueryable<string> slugs, string? requested, string baseSlug, Action<string> stage, CancellationToken cancellationToken,
        IEnumerable<string>? reserved = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            var slug = requested ?? await FirstFreeAsync(slugs, baseSlug, reserved ?? [], cancellationToken);
            stage(slug);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return true;
            }
            catch (DbUpdateException e) when (Infrastructure.DbErrors.IsUniqueViolation(e) && attempt < 20)
            {
                db.ChangeTracker.Clear();
                if (requested is not null)
                {
                    return false;
                }
            }
        }
    }
}
