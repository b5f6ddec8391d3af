using System.Data;
using Npgsql;
using NpgsqlTypes;

namespace Cms.Api.Sync;

/// <summary>
/// The change feed: rows stamped by transactions not visible in the previous pass's snapshot but visible in this one's.
/// Visibility, not order, decides, so a transaction that commits late is never missed: the argument is in README.md here.
/// A pass over one category's tree also reports what may have left it, by its own move or its category's: the argument
/// that it reports every such article is in README.md too ("One category").
/// </summary>
internal static class SyncQueries
{
    private const string Visible = "cms_visible_to_readers(a.status, a.publish_at, a.expires_at, $3)";

    /// <summary>Stamped by a transaction the previous pass ($1) did not see and, when the pass's end is fixed ($2), this one does.</summary>
    private static string Since(string xid) => $"{SinceToken(xid)} AND ($2::text IS NULL OR pg_visible_in_snapshot({xid}, $2::pg_snapshot))";

    /// <summary>Stamped by a transaction the previous pass ($1) did not see, whenever it committed.</summary>
    private static string SinceToken(string xid) =>
        $"{xid} >= pg_snapshot_xmin($1::pg_snapshot) AND NOT pg_visible_in_snapshot({xid}, $1::pg_snapshot)";

    // What changed for readers between the two snapshots and times: (id, visible now, could readers have seen it).
    private static readonly string Candidates = CandidatesSince(Since);

    // The same, with the stamps taken by since (a filtered pass takes every stamp since the token: README.md here).
    private static string CandidatesSince(Func<string, string> since) =>
        $"""
            SELECT a.id, {Visible} AS visible, a.ever_published FROM articles a
            WHERE {since("a.change_xid")}
            UNION
            SELECT a.id, {Visible}, a.ever_published FROM articles a
            WHERE a.status = 'published' AND a.publish_at > $4 AND a.publish_at <= $3
            UNION
            SELECT a.id, {Visible}, a.ever_published FROM articles a
            WHERE a.expires_at > $4 AND a.expires_at <= $3
            UNION
            SELECT t.article_id, false, true FROM article_tombstones t
            WHERE {since("t.change_xid")}
        """;

    // $1 from snapshot, $2 to snapshot (null when the pass starts here: this transaction's own snapshot sees every
    // committed row), $3 to time, $4 from time, $5 after id, $6 limit.
    private static readonly string ChangedSql =
        $"""
        SELECT s.snapshot, c.id, c.visible FROM (SELECT pg_current_snapshot()::text AS snapshot) AS s
        LEFT JOIN LATERAL (
        SELECT id, visible FROM ({Candidates}) AS changed
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

    // One category ($7) and everything under it, as this statement sees the tree.
    private const string Tree =
        """
        tree AS (
            SELECT id FROM categories WHERE id = $7
            UNION SELECT c.id FROM categories c JOIN tree t ON c.parent_id = t.id)
        """;

    // The filtered delta: the same candidates, each stamp taken since the token even when it is newer than the pass's
    // snapshot (an article that left the tree within the pass's window and changed again before its page must still be
    // judged in this pass: the next one starts after its exit), and every article in a category that moved since the token (a move changes
    // what is in the tree without writing the article), each judged against the tree. A member (visible, in the tree now) is an
    // item. Any other that readers could have seen is reported deleted if the client may hold it: it sits in the tree
    // now (unpublished, expired), or since the token it parted from a category of the tree, or from one gone since, or
    // it sits in a category that moved since (with everything under it). Why that is enough is in README.md here.
    private static readonly string FilteredChangedSql =
        $"""
        WITH RECURSIVE {Tree},
        moved AS (
            SELECT id FROM categories
            WHERE {SinceToken("moved_xid")}
            UNION SELECT c.id FROM categories c JOIN moved m ON c.parent_id = m.id)
        SELECT s.snapshot, c.id, c.visible FROM (SELECT pg_current_snapshot()::text AS snapshot) AS s
        LEFT JOIN LATERAL (
        SELECT id, visible AND member AS visible FROM (
            SELECT changed.id, changed.visible, changed.ever_published, member.yes IS NOT NULL AS member, parted.yes IS NOT NULL AS parted
            FROM ({CandidatesSince(SinceToken)}
                UNION
                SELECT a.id, {Visible}, a.ever_published FROM articles a
                WHERE a.id IN (SELECT ac.article_id FROM article_categories ac WHERE ac.category_id IN (SELECT id FROM moved))
            ) AS changed
            -- Probes per changed article (LATERAL ... LIMIT 1, by the article's key), never hashes of the whole tree:
            -- the generic plan guesses thousands of candidates and would hash every article of the section each call.
            LEFT JOIN LATERAL (
                SELECT true AS yes FROM article_categories ac
                WHERE ac.article_id = changed.id AND ac.category_id IN (SELECT id FROM tree)
                LIMIT 1) AS member ON true
            LEFT JOIN LATERAL (
                SELECT true AS yes FROM article_categories ac
                WHERE ac.article_id = changed.id AND ac.category_id IN (SELECT id FROM moved)
                UNION ALL
                SELECT true FROM article_category_exits e
                WHERE e.article_id = changed.id
                  AND {SinceToken("e.change_xid")}
                  AND (e.category_id IN (SELECT id FROM tree) OR e.category_id IN (SELECT id FROM moved)
                       OR NOT EXISTS (SELECT 1 FROM categories gone WHERE gone.id = e.category_id))
                LIMIT 1) AS parted ON true
        ) AS judged
        WHERE ((visible AND member) OR (ever_published AND (member OR parted))) AND ($5::uuid IS NULL OR id > $5::uuid)
        ORDER BY id
        LIMIT $6
        ) AS c ON true
        ORDER BY c.id
        """;

    // The filtered initial pass: what readers see in the tree, in id order.
    private const string FilteredVisibleSql =
        $"""
        WITH RECURSIVE {Tree}
        SELECT s.snapshot, c.id, c.visible FROM (SELECT pg_current_snapshot()::text AS snapshot) AS s
        LEFT JOIN LATERAL (
            SELECT a.id, true AS visible FROM articles a
            WHERE {Visible} AND ($5::uuid IS NULL OR a.id > $5::uuid)
              AND a.id IN (SELECT ac.article_id FROM article_categories ac JOIN tree t ON t.id = ac.category_id)
            ORDER BY a.id
            LIMIT $6
        ) AS c ON true
        ORDER BY c.id
        """;

    // The menu and bylines at a pass's start, in the pass's snapshot (the same transaction): all of them for an initial
    // pass; for a delta, those stamped or deleted since $1. (kind, id, live); few rows, so no paging.
    private const string MenuSql = "SELECT 'category' AS kind, id, true AS live FROM categories UNION ALL SELECT 'author', id, true FROM authors";

    private static readonly string MenuChangedSql =
        $"""
        SELECT 'category' AS kind, c.id, true AS live FROM categories c WHERE {Since("c.change_xid")}
        UNION ALL SELECT 'author', a.id, true FROM authors a WHERE {Since("a.change_xid")}
        UNION ALL SELECT t.kind, t.id, false FROM menu_tombstones t WHERE {Since("t.change_xid")}
        """;

    public sealed record Page(string Snapshot, List<(Guid Id, bool Visible)> Entries, List<MenuEntry> Menu);

    /// <summary>A category or author to send (live) or to report deleted.</summary>
    public readonly record struct MenuEntry(bool IsCategory, Guid Id, bool Live);

    /// <summary>
    /// One page of a pass: the entries (id, visible now) in id order, at most <paramref name="limit"/>, and the snapshot
    /// the pass ends at (<paramref name="to"/> when continuing, this transaction's own when starting). A pass's first
    /// page (no <paramref name="to"/>, no <paramref name="after"/>) also reads the menu and bylines, in the same snapshot.
    /// <paramref name="category"/> limits the articles to that category and everything under it.
    /// </summary>
    public static async Task<Page> ReadAsync(NpgsqlDataSource dataSource, SyncToken? from, string? to, DateTimeOffset toTime, Guid? after, int limit,
        Guid? category, CancellationToken cancellationToken)
    {
        // One statement, which names its own snapshot (pg_current_snapshot()), so rows and token agree; the menu's
        // statement shares that snapshot by running in the same repeatable-read transaction. The delta runs with its
        // generic plan: PostgreSQL would re-plan the four-way union on every call (BENCHMARKS.md, code notes).
        var menu = to is null && after is null;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = from is null && !menu ? null
            : await connection.BeginTransactionAsync(menu ? IsolationLevel.RepeatableRead : IsolationLevel.ReadCommitted, cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction);
        if (from is not null)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand("SET LOCAL plan_cache_mode = force_generic_plan"));
        }

        var sql = (from, category) switch
        {
            (null, null) => VisibleSql,
            (null, _) => FilteredVisibleSql,
            (_, null) => ChangedSql,
            _ => FilteredChangedSql,
        };
        var query = new NpgsqlBatchCommand(sql);
        batch.BatchCommands.Add(query);
        AddSnapshots(query, from, to);
        query.Parameters.Add(new NpgsqlParameter { Value = toTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        query.Parameters.Add(new NpgsqlParameter { Value = (object?)from?.FromTime ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        query.Parameters.Add(new NpgsqlParameter { Value = (object?)after ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
        query.Parameters.Add(new NpgsqlParameter { Value = limit, NpgsqlDbType = NpgsqlDbType.Integer });
        query.Parameters.Add(new NpgsqlParameter { Value = (object?)category ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
        if (menu)
        {
            var menuQuery = new NpgsqlBatchCommand(from is null ? MenuSql : MenuChangedSql);
            batch.BatchCommands.Add(menuQuery);
            if (from is not null)
            {
                AddSnapshots(menuQuery, from, to);
            }
        }

        var snapshot = "";
        var entries = new List<(Guid, bool)>();
        var menuEntries = new List<MenuEntry>();
        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
        {
            do
            {
                if (reader.FieldCount != 3)
                {
                    continue;
                }

                var isMenu = reader.GetName(0) == "kind";
                while (await reader.ReadAsync(cancellationToken))
                {
                    if (isMenu)
                    {
                        menuEntries.Add(new MenuEntry(reader.GetString(0) == "category", reader.GetGuid(1), reader.GetBoolean(2)));
                        continue;
                    }

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

        return new Page(to ?? snapshot, entries, menuEntries);
    }

    private static void AddSnapshots(NpgsqlBatchCommand command, SyncToken? from, string? to)
    {
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)from?.From ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)to ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
    }
}
