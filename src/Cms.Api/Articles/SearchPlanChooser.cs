using Cms.Api.Content;
using Cms.Api.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Cms.Api.Articles;

/// <summary>
/// Steers PostgreSQL's plans for a search's queries inside the request's transaction (SET LOCAL): no whole-table scans
/// (matching is priced as cheap though each vector is detoasted), no parallel workers (each would start a process and
/// load the unaccent rules to answer in a millisecond), and no index walks but the one chosen when matches are dense
/// (a capped count could otherwise be planned as a walk that stops at the cap). Set once, with the words folded: each
/// round trip costs both sides more than most of these statements.
/// </summary>
internal sealed class SearchPlanChooser(CmsDbContext db, double walkCost) : IAsyncDisposable
{
    private IDbContextTransaction? _transaction;

    /// <summary>Opens the search's transaction with its settings and folds its words, in one round trip.</summary>
    public async Task<SearchTerms> BeginAsync(TextSearch search, CancellationToken cancellationToken)
    {
        _transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = _transaction.GetDbTransaction();
        command.CommandText = """
            SET LOCAL enable_seqscan = off;
            SET LOCAL enable_indexscan = off;
            SET LOCAL max_parallel_workers_per_gather = 0;
            SELECT cms_search_query(@query), cms_search_words_query(@query), cms_search_query(@title)
            """;
        command.Parameters.Add(new NpgsqlParameter("query", search.Query));
        command.Parameters.Add(new NpgsqlParameter("title", search.TitleQuery));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new SearchTerms(reader.GetFieldValue<NpgsqlTsQuery>(0), reader.GetFieldValue<NpgsqlTsQuery>(1), reader.GetFieldValue<NpgsqlTsQuery>(2));
    }

    /// <summary>
    /// The first <paramref name="through"/> keys of a search in a btree-served order: walk the sort's index only when the
    /// counted matches make it cheaper, matches² ≥ walkCost × through × library; else the GIN indexes and a sort
    /// (<paramref name="matchedKeys"/>, the same keys through SearchShards; BENCHMARKS.md).
    /// </summary>
    public async Task<List<ArticleKey>> KeysAsync(
        IQueryable<ArticleKey> keys, IQueryable<ArticleKey> matchedKeys, int through, Func<Task<long>> library, Func<long, Task<long>> matchesUpTo, CancellationToken cancellationToken)
    {
        var enough = (long)Math.Ceiling(Math.Sqrt(walkCost * through * await library()));
        // At least one, so that a count of 0 means none.
        var matches = await matchesUpTo(Math.Max(enough, 1));
        if (matches == 0)
        {
            // Nothing matches (a mistyped word): no page to read, and the GIN scan it would repeat is the whole cost.
            return [];
        }

        if (matches < enough)
        {
            return await matchedKeys.ToListAsync(cancellationToken);
        }

        await db.Database.ExecuteSqlRawAsync("SET LOCAL enable_indexscan = on", cancellationToken);
        return await keys.ToListAsync(cancellationToken);
    }

    public ValueTask DisposeAsync() => _transaction?.DisposeAsync() ?? ValueTask.CompletedTask;
}
