using Cms.Api.Articles;
using Cms.Api.Data;
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
public sealed class ViewTargets(IServiceScopeFactory scopes, IOptions<ViewOptions> options) : IDisposable
{
    // Its own cache, bounded: a crawler walking a million articles must not grow memory without end.
    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = 100_000 });

    private sealed record Window(bool Published, DateTimeOffset? PublishAt, DateTimeOffset? ExpiresAt);

    public async ValueTask<bool> IsViewableAsync(Guid id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!cache.TryGetValue(id, out Window? window))
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CmsDbContext>();
            window = await db.Articles.AsNoTracking().Where(a => a.Id == id)
                .Select(a => new Window(a.Status == ArticleStatus.Published, a.PublishAt, a.ExpiresAt))
                .SingleOrDefaultAsync(cancellationToken);
            if (window is null)
            {
                return false;
            }

            cache.Set(id, window, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(options.Value.ArticleCacheSeconds), Size = 1 });
        }

        return window!.Published && window.PublishAt <= now && (window.ExpiresAt is null || window.ExpiresAt > now);
    }

    /// <summary>Called when an article is changed or deleted here, so this instance stops trusting what it remembered.</summary>
    public void Forget(Guid id) => cache.Remove(id);

    public void Dispose() => cache.Dispose();
}
