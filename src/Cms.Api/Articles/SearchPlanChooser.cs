using System.Runtime.CompilerServices;
using Cms.Api.Data;
using Cms.Api.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Cms.Api.Articles;

/// <summary>
/// Steers PostgreSQL's plans for a search's queries inside the request's transaction (SET LOCAL): no whole-table scans
/// (matching is priced as cheap though each vector is detoasted), and an index walk only when matches are dense.
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
    /// The first <paramref name="through"/> keys of a search in a btree-served order: walk the sort's index only when the
    /// counted matches make it cheaper, matches² ≥ walkCost × through × library; else the GIN indexes and a sort
    /// (<paramref name="matchedKeys"/>, the same keys through SearchShards; BENCHMARKS.md).
    /// </summary>
    public async Task<List<ArticleKey>> KeysAsync(
        IQueryable<ArticleKey> keys, IQueryable<ArticleKey> matchedKeys, int through, Func<Task<long>> library, Func<long, Task<long>> matchesUpTo, CancellationToken cancellationToken)
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
            : await WithoutIndexWalksAsync(() => matchedKeys.ToListAsync(cancellationToken), cancellationToken);
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
