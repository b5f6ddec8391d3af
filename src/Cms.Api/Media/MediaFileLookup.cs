using Cms.Api.Data;
using Cms.Api.ReadPath;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Cms.Api.Media;

/// <summary>What serving a file needs to know of a media item, and whether anonymous readers may have it now.</summary>
public sealed record MediaFile(Guid Id, string FileName, string ContentType, string StorageKey, double? FocalX, double? FocalY, bool AnonymousMayRead);

/// <summary>
/// Each item's <see cref="MediaFile"/> (or its absence), cached like articles are: stamped with the content epoch (media,
/// article_media and article writes advance it) and good until the next moment an article becomes visible or
/// invisible by time alone (<see cref="VisibilityDeadline"/>). So the rule is checked on every request at no query.
/// </summary>
public sealed class MediaFileLookup(IServiceScopeFactory scopes, ContentEpoch epoch, VisibilityDeadline deadline, TimeProvider time) : IDisposable
{
    // Bounded: a crawler walking random ids must not grow memory without end.
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = 100_000 });

    public async Task<MediaFile?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        // Read before the query: a change committed meanwhile moves the epoch past this stamp, so it cannot stay cached.
        var current = epoch.Value;
        if (_cache.TryGetValue(id, out Cached? cached) && cached!.Epoch == current && now < cached.Until)
        {
            return cached.File;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CmsDbContext>();
        var file = await db.Media.AsNoTracking().Where(m => m.Id == id)
            .Select(m => new MediaFile(m.Id, m.FileName, m.ContentType, m.StorageKey, m.FocalX, m.FocalY,
                m.IsPublic || db.ArticleMedia.Any(u => u.MediaId == m.Id
                    && db.Articles.Any(a => a.Id == u.ArticleId && CmsDbContext.VisibleToReaders(a.Status, a.PublishAt, a.ExpiresAt, now)))))
            .SingleOrDefaultAsync(cancellationToken);
        var until = await deadline.NextAsync(db, current, now, cancellationToken);
        _cache.Set(id, new Cached(file, current, until), new MemoryCacheEntryOptions { Size = 1 });
        return file;
    }

    public void Dispose() => _cache.Dispose();

    private sealed record Cached(MediaFile? File, long Epoch, DateTimeOffset Until);
}
