using Cms.Api.Data;
using Cms.Api.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Cms.Api.ReadPath;

/// <summary>
/// Each article's visibility window, cached a few seconds per epoch so a burst of views costs one lookup (a window, not a
/// yes/no: viewable the second it is published). Ids missing meanwhile are looked up together in one query.
/// </summary>
public sealed class VisibilityWindowCache : IDisposable
{
    /// <summary>At most this many ids in one query.</summary>
    private const int BatchSize = 256;

    // Its own cache, bounded: a crawler walking a million articles must not grow memory without end.
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = 100_000 });
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, Lazy<Task<Window?>>> _lookups = new();
    private readonly System.Threading.Channels.Channel<Asked> _asked =
        System.Threading.Channels.Channel.CreateUnbounded<Asked>(new() { SingleReader = true });
    private readonly IServiceScopeFactory _scopes;
    private readonly ContentEpoch _epoch;
    private readonly IOptions<VisibilityWindowOptions> _options;
    private readonly Task _looking;

    public VisibilityWindowCache(IServiceScopeFactory scopes, ContentEpoch epoch, IOptions<VisibilityWindowOptions> options)
    {
        _scopes = scopes;
        _epoch = epoch;
        _options = options;
        _looking = Task.Run(LookUpAllAsync);
    }

    private sealed record Window(ArticleStatus Status, DateTimeOffset? PublishAt, DateTimeOffset? ExpiresAt)
    {
        public long Epoch { get; init; }

        public DateTimeOffset CachedAt { get; init; }
    }

    /// <summary>An id to look up, with the content epoch read before its lookup was asked for.</summary>
    private sealed record Asked(Guid Id, long Epoch, DateTimeOffset At, TaskCompletionSource<Window?> Answer);

    public async ValueTask<bool> IsViewableAsync(Guid id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Stamped with the content epoch: an edit or delete on any instance makes every remembered window stale.
        var current = _epoch.Value;
        if (!_cache.TryGetValue(id, out Window? window) || window!.Epoch != current
            || now - window.CachedAt >= TimeSpan.FromSeconds(_options.Value.ArticleCacheSeconds))
        {
            // A burst of views of one article not yet known makes one lookup; the rest of the burst waits for it.
            var lookup = _lookups.GetOrAdd(id, key => new Lazy<Task<Window?>>(() => Ask(key, current, now)));
            try
            {
                window = await lookup.Value.WaitAsync(cancellationToken);
            }
            finally
            {
                _lookups.TryRemove(new KeyValuePair<Guid, Lazy<Task<Window?>>>(id, lookup));
            }

            if (window is null)
            {
                return false;
            }
        }

        return ArticleVisibility.IsVisible(window!.Status, window.PublishAt, window.ExpiresAt, now);
    }

    public void Dispose()
    {
        _asked.Writer.TryComplete();
        _looking.Wait(TimeSpan.FromSeconds(5));
        _cache.Dispose();
    }

    private Task<Window?> Ask(Guid id, long current, DateTimeOffset now)
    {
        var answer = new TaskCompletionSource<Window?>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_asked.Writer.TryWrite(new Asked(id, current, now, answer)))
        {
            answer.SetException(new ObjectDisposedException(nameof(VisibilityWindowCache)));
        }

        return answer.Task;
    }

    private async Task LookUpAllAsync()
    {
        var batch = new List<Asked>(BatchSize);
        while (await _asked.Reader.WaitToReadAsync())
        {
            while (batch.Count < BatchSize && _asked.Reader.TryRead(out var next))
            {
                batch.Add(next);
            }

            try
            {
                var windows = await LookUpAsync(batch.Select(a => a.Id).Distinct().ToList());
                foreach (var item in batch)
                {
                    item.Answer.SetResult(windows.TryGetValue(item.Id, out var found) ? Cached(item, found) : null);
                }
            }
            catch (Exception e)
            {
                // The database is unreachable, say: each view waiting on this batch fails as its own query would have.
                foreach (var item in batch)
                {
                    item.Answer.TrySetException(e);
                }
            }

            batch.Clear();
        }
    }

    private async Task<Dictionary<Guid, Window>> LookUpAsync(List<Guid> ids)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CmsDbContext>();
        return await db.Articles.AsNoTracking().Where(a => ids.Contains(a.Id))
            .Select(a => new { a.Id, Window = new Window(a.Status, a.PublishAt, a.ExpiresAt) })
            .ToDictionaryAsync(a => a.Id, a => a.Window);
    }

    private Window Cached(Asked item, Window found)
    {
        var window = found with { Epoch = item.Epoch, CachedAt = item.At };
        if (_options.Value.ArticleCacheSeconds > 0)
        {
            _cache.Set(item.Id, window, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(_options.Value.ArticleCacheSeconds), Size = 1 });
        }

        return window;
    }
}
