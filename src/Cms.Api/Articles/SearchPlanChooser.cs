using System.Runtime.CompilerServices;
using Cms.Api.Data;
using Cms.Api.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Cms.Api.Articles;

/// <summary>
/// Steers PostgreSQL's plans for a search's own queries, inside this request's transaction (<c>SET LOCAL</c>), begun when
/// the first search query is about to run, so a search whose total and keys are kept costs no extra round trips.
///
/// Whole-table scans are off: the planner prices matching a word as cheap, not counting that every article's vector must
/// first be fetched from TOAST and unpacked, so for words in many articles it picks a scan of the whole table over the GIN
/// index: 300-500 ms instead of 25 ms for a count at 100k articles.
///
/// Walking a sort's btree index (newest first, say) and testing each article's vector until the page is full is steered
/// by how many articles actually match (<see cref="KeysAsync"/>): see there.
/// </summary>
internal sealed class SearchPlanChooser(CmsDbContext db, bool searching, double walkCost) : IAsyncDisposable
{
    private IDbContextTransaction? _transaction;

    public async Task<T> RunAsync<T>(Func<Task<T>> query, CancellationToken cancellationToken)
    {
        await BeginAsync(cancellationToken);
        return await query();
    }

    public async IAsyncEnumerable<T> Streamed<T>(IQueryable<T> query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await BeginAsync(cancellationToken);
        await foreach (var item in query.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return item;
        }
    }

    /// <summary>
    /// The first <paramref name="through"/> keys of a search in a btree-served order. PostgreSQL may walk the sort's index
    /// and test every article's vector until it has enough: quick when matches are dense, ruinous when they are rare,
    /// and it judges density from word statistics that cannot tell a rare or unknown word from a merely uncommon one
    /// ("xyz thu" was estimated at ~400 matches among 100k, had none, and the walk read all 95k vectors: 800 ms).
    /// So it is told: <paramref name="matchesUpTo"/> counts the matches (it may stop at the number asked for, see
    /// <see cref="CountUpToAsync"/>), and unless there are enough for the walk to be the cheaper way, the keys come from
    /// the GIN index and a sort (bounded by the number of matches: ~8 ms where the walk took 800).
    /// Enough is where the two cost the same: a walk reads about through × library / matches vectors, the bitmap handles
    /// about matches entries, each ~1/walkCost of a vector read, so matches² = walkCost × through × library.
    /// </summary>
    public async Task<List<ArticleKey>> KeysAsync(
        IQueryable<ArticleKey> keys, int through, Func<Task<long>> library, Func<long, Task<long>> matchesUpTo, CancellationToken cancellationToken)
    {
        await BeginAsync(cancellationToken);
        var enough = (long)Math.Ceiling(Math.Sqrt(walkCost * through * await library()));
        // At least one, so that a count of 0 means none.
        var matches = await matchesUpTo(Math.Max(enough, 1));
        if (matches == 0)
        {
            // Nothing matches (a mistyped word): no page to read, and the GIN scan it would repeat is the whole cost.
            return [];
        }

        return matches >= enough
            ? await keys.ToListAsync(cancellationToken)
            : await WithoutIndexWalksAsync(() => keys.ToListAsync(cancellationToken), cancellationToken);
    }

    /// <summary>
    /// How many articles match, counting no further than <paramref name="cap"/>. A full count is always planned on the GIN
    /// index; a capped one could be planned as a walk that stops at the cap, and is not allowed to be.
    /// </summary>
    public async Task<long> CountUpToAsync(IQueryable<Article> articles, long cap, CancellationToken cancellationToken)
    {
        await BeginAsync(cancellationToken);
        // Any rows will do: the constant order (ORDER BY (SELECT 1), which PostgreSQL drops) only tells EF so.
        var capped = articles.OrderBy(_ => 1).Take((int)Math.Min(cap, int.MaxValue));
        return await WithoutIndexWalksAsync(() => capped.LongCountAsync(cancellationToken), cancellationToken);
    }

    public ValueTask DisposeAsync() => _transaction?.DisposeAsync() ?? ValueTask.CompletedTask;

    /// <summary>Runs one statement with index walks off, then turns them back on for what follows in this transaction.</summary>
    private async Task<T> WithoutIndexWalksAsync<T>(Func<Task<T>> query, CancellationToken cancellationToken)
    {
        await db.Database.ExecuteSqlRawAsync("SET LOCAL enable_indexscan = off", cancellationToken);
        var result = await query();
        await db.Database.ExecuteSqlRawAsync("SET LOCAL enable_indexscan = on", cancellationToken);
        return result;
    }

    private async Task BeginAsync(CancellationToken cancellationToken)
    {
        if (!searching || _transaction is not null)
        {
            return;
        }

        _transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync("SET LOCAL enable_seqscan = off", cancellationToken);
    }
}
