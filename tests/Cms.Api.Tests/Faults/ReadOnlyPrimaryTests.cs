using Cms.Api.Tests.Infrastructure;
using Npgsql;

namespace Cms.Api.Tests.Faults;

/// <summary>
/// A failover seen from the service: the node its connections reach is demoted (read-only: 25006) and the sessions on it
/// are shut down (57P01). Writes then answer 503 with Retry-After, never 500, reads still work, and once a writable
/// primary is back the service writes again by itself.
/// </summary>
[Category("Faults")]
public sealed class ReadOnlyPrimaryTests
{
    [Test]
    public async Task WritesOnADemotedReadOnlyNodeAnswer503WithRetryAfterAndRecover()
    {
        var database = "read_only_" + Guid.NewGuid().ToString("N")[..8];
        var connectionString = await TestPostgres.CreateMigratedDatabaseAsync(database);
        await using var app = new CmsApp(connectionString, new Dictionary<string, string?>());
        using var client = app.CreateClient();
        var token = await ApiTest.AdminTokenAsync(client);

        await DemoteAsync(database, readOnly: true);
        var whileReadOnly = new List<(int Status, string? RetryAfter, string Body)>();
        for (var i = 0; i < 3; i++)
        {
            using var write = await client.SendAsync(ApiTest.Request(HttpMethod.Post, "/api/v1/categories", token, new { name = $"Chuyên mục {i}" }));
            whileReadOnly.Add(((int)write.StatusCode, write.Headers.RetryAfter?.ToString(), await write.Content.ReadAsStringAsync()));
        }

        using var read = await client.GetAsync("/api/v1/categories");
        await DemoteAsync(database, readOnly: false);
        // The first write after the switch may meet a connection the switch shut down: one more 503, then it works.
        var after = new List<int>();
        for (var i = 0; i < 3 && !after.Contains(201); i++)
        {
            using var write = await client.SendAsync(ApiTest.Request(HttpMethod.Post, "/api/v1/categories", token, new { name = $"Sau {i}" }));
            after.Add((int)write.StatusCode);
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(whileReadOnly.Select(w => w.Status), Is.All.EqualTo(503), string.Join("\n", whileReadOnly.Select(w => w.Body)));
            Assert.That(whileReadOnly.Select(w => w.RetryAfter), Is.All.Not.Null);
            Assert.That(whileReadOnly.Select(w => w.Body), Is.All.Contains("database_unavailable"));
            Assert.That((int)read.StatusCode, Is.EqualTo(200), "reads work on a read-only node");
            Assert.That(after, Has.Member(201).And.All.AnyOf(201, 503), "writes again once a writable primary is back");
        }
    }

    /// <summary>Makes the database read-only (or writable again) for new sessions and shuts down the ones open now (57P01).</summary>
    private static async Task DemoteAsync(string database, bool readOnly)
    {
        await using var connection = new NpgsqlConnection(TestPostgres.ConnectionStringFor("postgres"));
        await connection.OpenAsync();
        var set = readOnly ? "SET default_transaction_read_only = on" : "RESET default_transaction_read_only";
        await using (var alter = new NpgsqlCommand($"ALTER DATABASE {database} {set}", connection))
        {
            await alter.ExecuteNonQueryAsync();
        }

        await using var terminate = new NpgsqlCommand("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1", connection)
        {
            Parameters = { new() { Value = database } },
        };
        await terminate.ExecuteNonQueryAsync();
    }

    [OneTimeTearDown]
    public static void ClearPools() => NpgsqlConnection.ClearAllPools();
}
