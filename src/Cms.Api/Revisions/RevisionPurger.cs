using Cms.Api.Articles;
using Cms.Api.Infrastructure;
using Cms.Api.Infrastructure.Jobs;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Cms.Api.Revisions;

/// <summary>
/// Retention: deleted articles kept past <c>KeepDeletedDays</c> go for good with their history, and an article's
/// revisions beyond <c>MaxPerArticle</c> go oldest first (never the current content, pending changes, nor a deleted
/// article's content). Once across instances (<see cref="PeriodicJob"/>).
/// </summary>
internal sealed class RevisionPurger(NpgsqlDataSource dataSource, TimeProvider time, IOptions<RevisionOptions> options, ILogger<RevisionPurger> logger)
    : PeriodicJob(dataSource, time, logger)
{
    // The articles first, then the history of those purged: an undelete that claimed one meanwhile (its transaction
    // deletes the row) makes this skip it, so an article coming back never loses its history.
    private const string PurgeDeletedSql = "DELETE FROM deleted_articles WHERE deleted_at < $1 RETURNING article_id";

    private const string PurgeDeletedHistorySql =
        """
        DELETE FROM article_revisions r
        WHERE r.article_id = ANY($1) AND NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = r.article_id)
        """;

    // The articles over the limit come from the key alone (an index-only count); their oldest rows past the limit go.
    private const string PurgeOldestSql =
        """
        DELETE FROM article_revisions r
        USING (
            SELECT article_id, version FROM (
                SELECT x.article_id, x.version, row_number() OVER (PARTITION BY x.article_id ORDER BY x.version DESC) AS n
                FROM article_revisions x
                WHERE x.article_id IN (SELECT article_id FROM article_revisions GROUP BY article_id HAVING count(*) > $1)
            ) ranked
            WHERE n > $1
        ) old
        WHERE r.article_id = old.article_id AND r.version = old.version
          AND NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = r.article_id AND a.version <= r.version)
          AND NOT EXISTS (SELECT 1 FROM deleted_articles d WHERE d.article_id = r.article_id AND d.version = r.version)
        """;

    protected override TimeSpan Interval => TimeSpan.FromMinutes(options.Value.PurgeIntervalMinutes);

    protected override long LockKey => JobLocks.RevisionPurge;

    protected override Task RunOnceAsync(CancellationToken cancellationToken) => PurgeAsync(cancellationToken);

    /// <summary>Purges once: how many deleted articles went for good, and how many old revisions; null when another instance holds the lock.</summary>
    public Task<(int DeletedArticles, int OldRevisions)?> PurgeAsync(CancellationToken cancellationToken) =>
        UnderLockAsync((connection, transaction) => PurgeAsync(connection, transaction, cancellationToken), cancellationToken);

    private async Task<(int DeletedArticles, int OldRevisions)> PurgeAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var cutoff = Time.Now().AddDays(-settings.KeepDeletedDays);
        var purgedIds = new List<Guid>();
        await using (var deleted = new NpgsqlCommand(PurgeDeletedSql, connection, transaction))
        {
            deleted.Parameters.Add(new NpgsqlParameter { Value = cutoff });
            await using var reader = await deleted.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                purgedIds.Add(reader.GetGuid(0));
            }
        }

        await using (var history = new NpgsqlCommand(PurgeDeletedHistorySql, connection, transaction))
        {
            history.Parameters.Add(new NpgsqlParameter { Value = purgedIds.ToArray() });
            await history.ExecuteNonQueryAsync(cancellationToken);
        }

        var deletedArticles = purgedIds.Count;
        await using var oldest = new NpgsqlCommand(PurgeOldestSql, connection, transaction);
        oldest.Parameters.Add(new NpgsqlParameter { Value = settings.MaxPerArticle });
        var oldRevisions = await oldest.ExecuteNonQueryAsync(cancellationToken);
        if (deletedArticles + oldRevisions > 0)
        {
            Logger.LogInformation("Purged {Deleted} long-deleted articles with their history, and {Old} old revisions", deletedArticles, oldRevisions);
        }

        return (deletedArticles, oldRevisions);
    }
}
