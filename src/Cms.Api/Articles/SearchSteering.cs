using System.Runtime.CompilerServices;
using Cms.Api.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Cms.Api.Articles;

/// <summary>
/// Keeps PostgreSQL off whole-table scans for a search's own queries. It prices matching a word as cheap, not counting
/// that every article's vector must first be fetched from TOAST and unpacked, so for words in many articles it picks a
/// scan of the whole table over the GIN index: 300-500 ms instead of 25 ms for a count at 100k articles. Inside this
/// request's transaction (<c>SET LOCAL</c>) it may not. The transaction is begun when the first search query is about
/// to run, so a search whose total and keys are kept costs no extra round trips.
/// </summary>
internal sealed class SearchSteering(CmsDbContext db, bool searching) : IAsyncDisposable
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

    public ValueTask DisposeAsync() => _transaction?.DisposeAsync() ?? ValueTask.CompletedTask;

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
