using Cms.Api.Articles;
using Cms.Api.Data;
using Cms.Api.Infrastructure.Caching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Cms.Api.Views;

/// <summary>
/// Which articles a view may be counted for (those an anonymous reader can see), remembered for a few seconds so a
/// burst of views costs one lookup, not one query each. The window (status, publishAt, expiresAt) is cached rather than
/// a yes/no, so an article still becomes viewable the second it is published. Unknown ids are not remembered: an article
/// created a moment ago must not be refused.
/// </summary>
public sealed class ViewTargets(IServiceScopeFactory scopes, ContentEpoch epoch, IOptions<ViewOptions> options) : IDisposable
{
    // Its own cache, bounded: a crawler walking a million articles must not grow memory without end.
    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = 100_000 });
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, Lazy<Task<Window?>>> lookups = new();

    private sealed record Window(ArticleStatus Status, DateTimeOffset? PublishAt, DateTimeOffset? ExpiresAt)
    {
        public long Epoch { get; init; }
    }

    public async ValueTask<bool> IsViewableAsync(Guid id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Stamped with the content epoch: an edit or delete on any instance makes every remembered window stale.
        var current = epoch.Value;
        if (!cache.TryGetValue(id, out Window? window) || window!.Epoch != current)
        {
            // A burst of views of one article not yet known makes one query; the rest of the burst waits for it.
            var lookup = lookups.GetOrAdd(id, key => new Lazy<Task<Window?>>(() => LookUpAsync(key, current)));
            try
            {
                window = await lookup.Value.WaitAsync(cancellationToken);
            }
            finally
            {
                lookups.TryRemove(new KeyValuePair<Guid, Lazy<Task<Window?>>>(id, lookup));
            }

            if (window is null)
            {
                return false;
            }
        }

        return ArticleVisibility.IsVisible(window!.Status, window.PublishAt, window.ExpiresAt, now);
    }

    public void Dispose() => cache.Dispose();

    private async Task<Window?> LookUpAsync(Guid id, long current)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CmsDbContext>();
        var window = await db.Articles.AsNoTracking().Where(a => a.Id == id)
            .Select(a => new Window(a.Status, a.PublishAt, a.ExpiresAt))
            .SingleOrDefaultAsync();
        if (window is null)
        {
            return null;
        }

        window = window with { Epoch = current };
        cache.Set(id, window, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(options.Value.ArticleCacheSeconds), Size = 1 });
        return window;
    }
}
