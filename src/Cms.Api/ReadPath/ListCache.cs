using System.Collections.Concurrent;
using Cms.Api.Data;
using Microsoft.Extensions.Caching.Memory;

namespace Cms.Api.ReadPath;

/// <summary>
/// What anonymous lists cost to work out and can reuse: totals, the sort key at every Nth row (deep pages seek from it),
/// and a search page's keys (its rows are read fresh). Fresh per content epoch and visibility deadline, and maxAge.
/// A miss is read once however many requests want it at that moment (single flight per key and epoch): the library's
/// total, missed by every connection of a burst at once, was 32 whole counts.
/// </summary>
public sealed class ListCache(ContentEpoch epoch, VisibilityDeadline deadline, ReplicaReads replica, TimeProvider time) : IDisposable
{
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = 20_000 });
    private readonly ConcurrentDictionary<(string Key, long Epoch), Task> _reading = new();

    private sealed record Entry<T>(T Value, long Epoch, DateTimeOffset Until, DateTimeOffset CachedAt);

    public Task<long> TotalAsync(string scope, CmsDbContext db, Func<Task<long>> count, CancellationToken cancellationToken) =>
        GetAsync("total:" + scope, db, maxAge: null, count, size: 1, cancellationToken);

    /// <summary>The keys of one numbered page of a search, read once per content epoch; the caller gets its own copy.</summary>
    public async Task<List<TKey>> SearchPageAsync<TKey>(string scope, int skip, int take, CmsDbContext db, Func<Task<List<TKey>>> read,
        CancellationToken cancellationToken)
    {
        var cached = await GetAsync($"page:{scope}\u001f{skip}\u001f{take}", db, maxAge: null, read, size: 2, cancellationToken);
        return [.. cached];
    }

    /// <summary>
    /// The position just before row <paramref name="skip"/>'s block of <paramref name="every"/> rows, and how many rows of
    /// the block are left to skip; null before the first block.
    /// </summary>
    public async Task<(TPosition Position, int Skip)?> AnchorAsync<TKey, TPosition>(string scope, int skip, int every, TimeSpan? maxAge,
        CmsDbContext db, Func<IAsyncEnumerable<TKey>> keys, Func<TKey, TPosition> positionOf, CancellationToken cancellationToken)
    {
        if (skip < every)
        {
            return null;
        }

        var anchors = await GetAsync("anchors:" + scope, db, maxAge, async () =>
        {
            // Streams the keys once (an index-only scan for the default order) and keeps every Nth.
            var found = new List<TPosition>();
            var index = 0;
            await foreach (var key in keys().WithCancellation(cancellationToken))
            {
                if (++index % every == 0)
                {
                    found.Add(positionOf(key));
                }
            }

            return found;
        }, size: 10, cancellationToken);

        var block = Math.Min(skip / every, anchors.Count);
        return block == 0 ? null : (anchors[block - 1], skip - block * every);
    }

    public void Dispose() => _cache.Dispose();

    private async Task<T> GetAsync<T>(string key, CmsDbContext db, TimeSpan? maxAge, Func<Task<T>> read, int size, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var current = epoch.Value;
        if (_cache.TryGetValue(key, out Entry<T>? entry) && entry!.Epoch == current && now < entry.Until && (maxAge is null || now - entry.CachedAt < maxAge))
        {
            return entry.Value;
        }

        // The epoch is read before the data: a change landing in between leaves the entry stamped too old, never too new.
        // On a replica, the epoch it was checked for.
        var stamp = replica.EpochFor(db, current);
        var flight = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var reading = _reading.GetOrAdd((key, stamp), flight.Task);
        if (reading != flight.Task)
        {
            try
            {
                return await ((Task<T>)reading).WaitAsync(cancellationToken);
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                // The request reading it failed or went away: read it for this one.
                return await ReadAsync(key, db, stamp, now, read, size, cancellationToken);
            }
        }

        try
        {
            var value = await ReadAsync(key, db, stamp, now, read, size, cancellationToken);
            flight.SetResult(value);
            return value;
        }
        catch (Exception exception)
        {
            flight.SetException(exception);
            _ = flight.Task.Exception; // observed here; waiters read for themselves
            throw;
        }
        finally
        {
            _reading.TryRemove(new((key, stamp), flight.Task));
        }
    }

    private async Task<T> ReadAsync<T>(string key, CmsDbContext db, long stamp, DateTimeOffset now, Func<Task<T>> read, int size,
        CancellationToken cancellationToken)
    {
        var until = await deadline.NextAsync(db, stamp, now, cancellationToken);
        var value = await read();
        _cache.Set(key, new Entry<T>(value, stamp, until, now), new MemoryCacheEntryOptions { Size = size, SlidingExpiration = TimeSpan.FromMinutes(10) });
        return value;
    }
}
