using Npgsql;
using NpgsqlTypes;

namespace Cms.Api.Sync;

/// <summary>
/// The change feed: rows stamped by transactions not visible in the previous pass's snapshot but visible in this one's.
/// Visibility, not order, decides, so a transaction that commits late is never missed: the argument is in README.md here.
/// </summary>
internal static class SyncQueries
{
    private const string Visible = "cms_visible_to_readers(a.status, a.publish_at, a.expires_at, $3)";

    // $1 from snapshot, $2 to snapshot (null when the pass starts here: this transaction's own snapshot sees every
    // committed row), $3 to time, $4 from time, $5 after id, $6 limit.
    private const string ChangedSql =
        $"""
        SELECT s.snapshot, c.id, c.visible FROM (SELECT pg_current_snapshot()::text AS snapshot) AS s
        LEFT JOIN LATERAL (
        SELECT id, visible FROM (
            SELECT a.id, {Visible} AS visible, a.ever_published FROM articles a
            WHERE a.change_xid >= pg_snapshot_xmin($1::pg_snapshot)
              AND NOT pg_visible_in_snapshot(a.change_xid, $1::pg_snapshot)
              AND ($2::text IS NULL OR pg_visible_in_snapshot(a.change_xid, $2::pg_snapshot))
            UNION
            SELECT a.id, {Visible}, a.ever_published FROM articles a
            WHERE a.status = 'published' AND a.publish_at > $4 AND a.publish_at <= $3
            UNION
            SELECT a.id, {Visible}, a.ever_published FROM articles a
            WHERE a.expires_at > $4 AND a.expires_at <= $3
            UNION
            SELECT t.article_id, false, true FROM article_tombstones t
            WHERE t.change_xid >= pg_snapshot_xmin($1::pg_snapshot)
              AND NOT pg_visible_in_snapshot(t.change_xid, $1::pg_snapshot)
              AND ($2::text IS NULL OR pg_visible_in_snapshot(t.change_xid, $2::pg_snapshot))
        ) AS changed
        WHERE (visible OR ever_published) AND ($5::uuid IS NULL OR id > $5::uuid)
        ORDER BY id
        LIMIT $6
        ) AS c ON true
        ORDER BY c.id
        """;

    // The initial pass: everything readers see, in id order. $3 time, $5 after id, $6 limit ($1, $2, $4 unused).
    private const string VisibleSql =
        $"""
        SELECT s.snapshot, c.id, c.visible FROM (SELECT pg_current_snapshot()::text AS snapshot) AS s
        LEFT JOIN LATERAL (
            SELECT a.id, true AS visible FROM articles a
            WHERE {Visible} AND ($5::uuid IS NULL OR a.id > $5::uuid)
            ORDER BY a.id
            LIMIT $6
        ) AS c ON true
        ORDER BY c.id
        """;

    public sealed record Page(string Snapshot, List<(Guid Id, bool Visible)> Entries);

    /// <summary>
    /// One page of a pass: the entries (id, visible now) in id order, at most <paramref name="limit"/>, and the snapshot
    /// the pass ends at (<paramref name="to"/> when continuing, this transaction's own when starting).
    /// </summary>
    public static async Task<Page> ReadAsync(NpgsqlDataSource dataSource, SyncToken? from, string? to, DateTimeOffset toTime, Guid? after, int limit,
        CancellationToken cancellationToken)
    {
        // One statement, which names its own snapshot (pg_current_snapshot()), so rows and token agree. The delta runs
        // with its generic plan: PostgreSQL would re-plan the four-way union on every call (BENCHMARKS.md, code notes).
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = from is null ? null : await connection.BeginTransactionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction);
        if (transaction is not null)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand("SET LOCAL plan_cache_mode = force_generic_plan"));
        }

        var query = new NpgsqlBatchCommand(from is null ? VisibleSql : ChangedSql);
        batch.BatchCommands.Add(query);
        query.Parameters.Add(new NpgsqlParameter { Value = (object?)from?.From ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        query.Parameters.Add(new NpgsqlParameter { Value = (object?)to ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        query.Parameters.Add(new NpgsqlParameter { Value = toTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        query.Parameters.Add(new NpgsqlParameter { Value = (object?)from?.FromTime ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        query.Parameters.Add(new NpgsqlParameter { Value = (object?)after ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
        query.Parameters.Add(new NpgsqlParameter { Value = limit, NpgsqlDbType = NpgsqlDbType.Integer });

        var snapshot = "";
        var entries = new List<(Guid, bool)>();
        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
        {
            do
            {
                while (reader.FieldCount == 3 && await reader.ReadAsync(cancellationToken))
                {
                    snapshot = reader.GetString(0);
                    if (!reader.IsDBNull(1))
                    {
                        entries.Add((reader.GetGuid(1), reader.GetBoolean(2)));
                    }
                }
            }
            while (await reader.NextResultAsync(cancellationToken));
        }

        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        return new Page(to ?? snapshot, entries);
    }
}
