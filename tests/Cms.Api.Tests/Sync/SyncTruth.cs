using Npgsql;

namespace Cms.Api.Tests.Sync;

/// <summary>What a synced app must end up holding, read straight from the database.</summary>
internal static class SyncTruth
{
    /// <summary>What a reader sees in a category's tree (every article when null), read from the database: ids and versions.</summary>
    public static async Task<Dictionary<Guid, int>> ArticlesAsync(string connectionString, DateTimeOffset now, Guid? category = null)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            WITH RECURSIVE tree AS (SELECT id FROM categories WHERE id = $2 UNION SELECT c.id FROM categories c JOIN tree t ON c.parent_id = t.id)
            SELECT id, version FROM articles a
            WHERE status = 'published' AND publish_at <= $1 AND (expires_at IS NULL OR expires_at > $1)
              AND ($2 IS NULL OR EXISTS (SELECT 1 FROM article_categories ac JOIN tree t ON t.id = ac.category_id WHERE ac.article_id = a.id))
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = now });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)category ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid });
        await using var reader = await command.ExecuteReaderAsync();
        var truth = new Dictionary<Guid, int>();
        while (await reader.ReadAsync())
        {
            truth[reader.GetGuid(0)] = reader.GetInt32(1);
        }

        return truth;
    }

    /// <summary>Every category and author with its version, as the menu part must end up.</summary>
    public static async Task<(Dictionary<Guid, int> Categories, Dictionary<Guid, int> Authors)> MenuAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        async Task<Dictionary<Guid, int>> ReadAsync(string table)
        {
            await using var command = new NpgsqlCommand($"SELECT id, version FROM {table}", connection);
            await using var reader = await command.ExecuteReaderAsync();
            var rows = new Dictionary<Guid, int>();
            while (await reader.ReadAsync())
            {
                rows[reader.GetGuid(0)] = reader.GetInt32(1);
            }

            return rows;
        }

        return (await ReadAsync("categories"), await ReadAsync("authors"));
    }
}
