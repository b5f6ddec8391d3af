using Cms.Api.Articles;
using Cms.Api.Infrastructure.Paging;
using Cms.Api.Tests.Infrastructure;
using Npgsql;

namespace Cms.Api.Tests.Replication;

/// <summary>
/// Two instances on a primary with a streaming replica (ConnectionStrings:CmsReplica), the replica's replay paused where a
/// test needs lag. NOTIFY is not replicated: an instance told of a change must not refill its cache from a replica that has
/// not replayed it.
/// </summary>
[Category("Replication")]
public sealed class ReplicaReadTests
{
    private ReplicatedPostgres _servers = null!;

    [OneTimeSetUp]
    public async Task StartServersAsync() => _servers = await ReplicatedPostgres.StartAsync();

    [OneTimeTearDown]
    public async Task StopServersAsync() => await _servers.DisposeAsync();

    [Test]
    public async Task AChangeHeardBeforeTheReplicaReplaysItIsReadFromThePrimaryAndNeverKeptStale()
    {
        await using var pair = await StartPairAsync();
        var (token, author) = await pair.WriterAsync();
        var article = await pair.PublishAsync(pair.ClientA, token, author, "tre");
        await _servers.CaughtUpAsync();
        Assert.That(await TitlesAsync(pair.ClientB, "/api/v1/articles"), Is.EqualTo(new[] { "Tin tre" }));
        Assert.That((await ApiTest.GetOkAsync<ArticleResponse>(pair.ClientB, "/api/v1/articles/tre")).Title, Is.EqualTo("Tin tre"));

        await _servers.PauseReplayAsync();
        await pair.SettledAsync(async () =>
        {
            using var edited = await pair.ClientA.SendAsync(ApiTest.Request(HttpMethod.Put, $"/api/v1/articles/{article.Id}", token,
                ContentTest.ArticleBody(author, new { slug = "tre", title = "Sửa khi bản sao chậm", publishAt = pair.Clock.GetUtcNow().AddHours(-1) })));
            Assert.That((int)edited.StatusCode, Is.EqualTo(200), await edited.Content.ReadAsStringAsync());
            return 0;
        });
        var whileBehind = await TitlesAsync(pair.ClientB, "/api/v1/articles");
        var itemWhileBehind = (await ApiTest.GetOkAsync<ArticleResponse>(pair.ClientB, "/api/v1/articles/tre")).Title;
        var ownWhileBehind = await TitlesAsync(pair.ClientA, "/api/v1/articles");
        var replicaStillOld = await ReplicaTitleAsync(pair, "tre");
        await _servers.ResumeReplayAsync();
        await _servers.CaughtUpAsync();
        var afterCatchUp = await TitlesAsync(pair.ClientB, "/api/v1/articles?pageSize=5");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(replicaStillOld, Is.EqualTo("Tin tre"), "the replica had not replayed the change");
            Assert.That(whileBehind, Is.EqualTo(new[] { "Sửa khi bản sao chậm" }), "another instance's list, refilled while the replica lagged");
            Assert.That(itemWhileBehind, Is.EqualTo("Sửa khi bản sao chậm"), "another instance's article, refilled while the replica lagged");
            Assert.That(ownWhileBehind, Is.EqualTo(new[] { "Sửa khi bản sao chậm" }), "the writing instance's own list");
            Assert.That(afterCatchUp, Is.EqualTo(new[] { "Sửa khi bản sao chậm" }), "through the replica once it has replayed");
            Assert.That(await TitlesAsync(pair.ClientB, "/api/v1/articles"), Is.EqualTo(new[] { "Sửa khi bản sao chậm" }), "kept");
        }
    }

    [Test]
    public async Task AnonymousReadsComeFromAnUpToDateReplicaAndSignedInReadsFromThePrimary()
    {
        await using var pair = await StartPairAsync();
        var (token, author) = await pair.WriterAsync();
        await pair.PublishAsync(pair.ClientA, token, author, "doc");
        await _servers.CaughtUpAsync();
        // Read once in this epoch: B has taken the primary's WAL position for it, from before the write below.
        Assert.That(await TitlesAsync(pair.ClientB, "/api/v1/articles"), Is.EqualTo(new[] { "Tin doc" }));
        await _servers.PauseReplayAsync();
        // Written on the primary with triggers off (no NOTIFY, no epoch move): only what reads the primary can see it.
        await using (var connection = new NpgsqlConnection(pair.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                "SET session_replication_role = replica; UPDATE articles SET title = 'chỉ ở bản chính' WHERE slug = 'doc'", connection);
            await command.ExecuteNonQueryAsync();
        }

        var anonymous = await TitlesAsync(pair.ClientB, "/api/v1/articles?pageSize=7");
        var signedIn = await TitlesAsync(pair.ClientB, "/api/v1/articles?pageSize=7", token);
        await _servers.ResumeReplayAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(anonymous, Is.EqualTo(new[] { "Tin doc" }), "an anonymous list read the (paused) replica");
            Assert.That(signedIn, Is.EqualTo(new[] { "chỉ ở bản chính" }), "a signed-in list read the primary");
        }
    }

    [Test]
    public async Task ASessionMadeOnOneInstanceWritesAndReadsOnTheOtherWithAReplicaConfigured()
    {
        await using var pair = await StartPairAsync();
        var token = await ApiTest.AdminTokenAsync(pair.ClientA);

        using var created = await pair.ClientB.SendAsync(ApiTest.Request(HttpMethod.Post, "/api/v1/authors", token, new { name = "Lò Văn Mười" }));
        using var session = await pair.ClientB.SendAsync(ApiTest.Request(HttpMethod.Get, "/api/v1/sessions/current", token));
        using var signedOut = await pair.ClientA.SendAsync(ApiTest.Request(HttpMethod.Delete, "/api/v1/sessions/current", token));
        using var afterSignOut = await pair.ClientB.SendAsync(ApiTest.Request(HttpMethod.Get, "/api/v1/sessions/current", token));

        using (Assert.EnterMultipleScope())
        {
            Assert.That((int)created.StatusCode, Is.EqualTo(201), "a write on B with A's session");
            Assert.That((int)session.StatusCode, Is.EqualTo(200), "the session read on B");
            Assert.That((int)signedOut.StatusCode, Is.EqualTo(204), "signed out on A");
            Assert.That((int)afterSignOut.StatusCode, Is.EqualTo(401), "ended on B at once, however far the replica lags");
        }
    }

    [Test]
    public async Task ReadinessSaysWhichRoleEachConnectionReachesAndTheReplicasLag()
    {
        await using var pair = await StartPairAsync();
        await _servers.PauseReplayAsync();
        await pair.WriterAsync();

        using var ready = await pair.ClientA.GetAsync("/health/ready");
        await _servers.ResumeReplayAsync();
        var checks = System.Text.Json.Nodes.JsonNode.Parse(await ready.Content.ReadAsStringAsync())!["checks"]!;

        using (Assert.EnterMultipleScope())
        {
            Assert.That((int)ready.StatusCode, Is.EqualTo(200));
            Assert.That(checks["postgresql"]!["data"]!["role"]!.GetValue<string>(), Is.EqualTo("primary"));
            Assert.That(checks["postgresql-replica"]!["data"]!["role"]!.GetValue<string>(), Is.EqualTo("replica"));
            Assert.That(checks["postgresql-replica"]!["data"]!["lagBytes"]!.GetValue<long>(), Is.Positive, "behind by the paused writes");
        }
    }

    private async Task<InstancePair> StartPairAsync()
    {
        var database = "replicated_" + Guid.NewGuid().ToString("N")[..12];
        await _servers.CreateDatabaseAsync(database);
        return await InstancePair.StartAsync(_servers.Primary.ConnectionStringFor(database),
            new Dictionary<string, string?> { ["ConnectionStrings:CmsReplica"] = _servers.Replica.ConnectionStringFor(database) },
            () => _servers.DropDatabaseAsync(database));
    }

    private static async Task<string[]> TitlesAsync(HttpClient client, string url, string? token = null)
    {
        using var response = await client.SendAsync(ApiTest.Request(HttpMethod.Get, url, token));
        Assert.That((int)response.StatusCode, Is.EqualTo(200), await response.Content.ReadAsStringAsync());
        return [.. (await ApiTest.ReadAsync<PagedList<ArticleResponse>>(response)).Items.Select(a => a.Title)];
    }

    private async Task<string> ReplicaTitleAsync(InstancePair pair, string slug)
    {
        var database = new NpgsqlConnectionStringBuilder(pair.ConnectionString).Database!;
        await using var connection = new NpgsqlConnection(_servers.Replica.ConnectionStringFor(database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT title FROM articles WHERE slug = $1", connection) { Parameters = { new() { Value = slug } } };
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
