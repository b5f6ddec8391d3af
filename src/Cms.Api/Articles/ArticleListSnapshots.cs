using Cms.Api.Data;
using Cms.Api.Infrastructure.Caching;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Cms.Api.Articles;

/// <summary>
/// What readers' lists cost to work out once and can reuse: the total of each filtered list, and for deep numbered pages
/// the sort key at every <c>Cms:Lists:AnchorEvery</c>th row, so page 2,000 starts from the nearest anchor with a keyset
/// seek instead of counting its way past 40,000 rows.
///
/// Only anonymous readers' lists are kept (they are the same for everyone). An entry is good while three things hold:
/// the content epoch is unchanged (no article, author or category was written here or on any instance); no article has
/// become visible or invisible by time since (the next publishAt or expiresAt still lies ahead); and, for the counter
/// sorts, it is younger than <see cref="CounterSortMaxAge"/>, because views and ratings reorder those lists without
/// any write to content.
///
/// Searches also keep the keys of their numbered pages (not for the counter sorts): finding which 21 of a hundred
/// thousand articles match two words and come first costs milliseconds of GIN and heap work, while the page's rows are
/// then a primary-key read, made fresh each time so view counts and ratings stay current.
/// </summary>
internal sealed class ArticleListSnapshots(ContentEpoch epoch, VisibilityDeadline deadline, TimeProvider time, IOptions<ArticleListOptions> options)
    : IDisposable
{
    private readonly int _anchorEvery = options.Value.AnchorEvery;
    public static readonly TimeSpan CounterSortMaxAge = TimeSpan.FromSeconds(5);

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = 20_000 });

    private sealed record Entry<T>(T Value, long Epoch, DateTimeOffset Until, DateTimeOffset MadeAt);

    public Task<long> TotalAsync(string scope, CmsDbContext db, Func<Task<long>> count, CancellationToken cancellationToken) =>
        GetAsync("total:" + scope, db, maxAge: null, count, size: 1, cancellationToken);

    /// <summary>
    /// A search's keys for one numbered page (<paramref name="skip"/>, <paramref name="take"/>) in <paramref name="sort"/>,
    /// read once per content epoch; the counter sorts are read every time, as their order moves without any write.
    /// The caller gets its own copy.
    /// </summary>
    public async Task<List<ArticleKey>> SearchPageAsync(
        string scope, string sort, int skip, int take, CmsDbContext db, Func<Task<List<ArticleKey>>> read, CancellationToken cancellationToken)
    {
        if (sort is "-viewCount" or "-rating")
        {
            return await read();
        }

        var kept = await GetAsync($"page:{scope}\u001f{skip}\u001f{take}", db, maxAge: null, read, size: 2, cancellationToken);
        return [.. kept];
    }

    /// <summary>The position just before row <paramref name="skip"/>'s block of AnchorEvery, and how many rows of the block to skip.</summary>
    public async Task<(ArticlePosition Position, int Skip)?> AnchorAsync(
        string scope, string sort, int skip, CmsDbContext db, Func<IAsyncEnumerable<ArticleKey>> keys, CancellationToken cancellationToken)
    {
        if (skip < _anchorEvery)
        {
            return null;
        }

        var counterSort = ArticleFilter.ByCounters(sort);
        var anchors = await GetAsync("anchors:" + scope, db, counterSort ? CounterSortMaxAge : null, async () =>
        {
            // Streams the keys once (an index-only scan for the default order) and keeps every AnchorEvery-th.
            var kept = new List<ArticlePosition>();
            var index = 0;
            await foreach (var key in keys().WithCancellation(cancellationToken))
            {
                if (++index % _anchorEvery == 0)
                {
                    kept.Add(ArticleOrder.PositionOf(key, sort));
                }
            }

            return kept;
        }, size: 10, cancellationToken);

        var block = Math.Min(skip / _anchorEvery, anchors.Count);
        return block == 0 ? null : (anchors[block - 1], skip - block * _anchorEvery);
    }

    public void Dispose() => _cache.Dispose();

    private async Task<T> GetAsync<T>(string key, CmsDbContext db, TimeSpan? maxAge, Func<Task<T>> make, int size, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var current = epoch.Value;
        if (_cache.TryGetValue(key, out Entry<T>? entry) && entry!.Epoch == current && now < entry.Until && (maxAge is null || now - entry.MadeAt < maxAge))
        {
            return entry.Value;
        }

        // The epoch is read before the data: a change that lands in between leaves the entry stamped too old, never too new.
        var until = await deadline.NextAsync(db, current, now, cancellationToken);
        var value = await make();
        _cache.Set(key, new Entry<T>(value, current, until, now), new MemoryCacheEntryOptions { Size = size, SlidingExpiration = TimeSpan.FromMinutes(10) });
        return value;
    }
}
