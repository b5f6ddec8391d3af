using Cms.Api.Articles;
using Cms.Api.Authors;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Cms.Api.Tests.Infrastructure;

/// <summary>
/// Two instances of the service on a database of their own (so their notifications reach no other test), sharing one
/// clock, as two machines of one deployment would. Dropped with the database when disposed.
/// </summary>
public sealed class InstancePair : IAsyncDisposable
{
    private readonly Func<Task> _dropDatabase;

    // One deployment's media library, as the S3 store would give them; each instance keeps its own renditions.
    private readonly string _media = Directory.CreateTempSubdirectory("cms-pair-media-").FullName;

    private InstancePair(Func<Task> dropDatabase, string connectionString, IReadOnlyDictionary<string, string?> settings)
    {
        _dropDatabase = dropDatabase;
        ConnectionString = connectionString;
        var shared = new Dictionary<string, string?>(settings) { ["Cms:Media:LocalPath"] = _media };
        A = new CmsApp(connectionString, shared, Clock);
        B = new CmsApp(connectionString, shared, Clock);
        ClientA = A.CreateClient();
        ClientB = B.CreateClient();
    }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero));

    public string ConnectionString { get; }

    public CmsApp A { get; }

    public CmsApp B { get; }

    public HttpClient ClientA { get; }

    public HttpClient ClientB { get; }

    public static async Task<InstancePair> StartAsync(IReadOnlyDictionary<string, string?> settings)
    {
        var database = "pair_" + Guid.NewGuid().ToString("N")[..12];
        return await StartAsync(await TestPostgres.CreateMigratedDatabaseAsync(database), settings, async () =>
        {
            await using var connection = new NpgsqlConnection(TestPostgres.ConnectionStringFor("postgres"));
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {database} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        });
    }

    /// <summary>Two instances on a migrated database of the caller's, which <paramref name="dropDatabase"/> drops when the pair is disposed.</summary>
    public static async Task<InstancePair> StartAsync(string connectionString, IReadOnlyDictionary<string, string?> settings, Func<Task> dropDatabase)
    {
        var pair = new InstancePair(dropDatabase, connectionString, settings);
        await ApiTest.Listening(pair.A).WaitAsync(TimeSpan.FromSeconds(30));
        await ApiTest.Listening(pair.B).WaitAsync(TimeSpan.FromSeconds(30));
        return pair;
    }

    /// <summary>The bootstrap admin's token: a session is valid on every instance of a deployment.</summary>
    public Task<string> SignInAdminAsync() => ApiTest.AdminTokenAsync(ClientA);

    /// <summary>
    /// Runs a write through A and waits until B has heard of it, so its notification cannot arrive later and be taken
    /// for another write's.
    /// </summary>
    public async Task<T> SettledAsync<T>(Func<Task<T>> writeThroughA)
    {
        T result = default!;
        await ApiTest.HeardAsync(B, async () => result = await writeThroughA());
        return result;
    }

    /// <summary>The admin's token and an author (settled on both instances), for writing articles on either.</summary>
    public async Task<(string Token, Guid Author)> WriterAsync()
    {
        var token = await SignInAdminAsync();
        var author = await SettledAsync(async () =>
        {
            using var created = await ClientA.SendAsync(ApiTest.Request(HttpMethod.Post, "/api/v1/authors", token, new { name = "Hồng Phái", organization = "BTG" }));
            Assert.That((int)created.StatusCode, Is.EqualTo(201), await created.Content.ReadAsStringAsync());
            return (await ApiTest.ReadAsync<AuthorResponse>(created)).Id;
        });
        return (token, author);
    }

    /// <summary>
    /// Publishes an article through <paramref name="client"/>, <paramref name="minutesAgo"/> before the shared clock's
    /// start, and waits until the other instance has heard of it.
    /// </summary>
    public async Task<ArticleResponse> PublishAsync(HttpClient client, string token, Guid author, string slug, int minutesAgo = 60, object? changes = null)
    {
        ArticleResponse article = null!;
        await ApiTest.HeardAsync(client == ClientA ? B : A, async () =>
        {
            using var created = await client.SendAsync(ApiTest.Request(HttpMethod.Post, "/api/v1/articles", token,
                ContentTest.With(ContentTest.ArticleBody(author, new { slug, title = "Tin " + slug, publishAt = Clock.GetUtcNow().AddMinutes(-minutesAgo) }), changes)));
            Assert.That((int)created.StatusCode, Is.EqualTo(201), await created.Content.ReadAsStringAsync());
            article = await ApiTest.ReadAsync<ArticleResponse>(created);
        });
        return article;
    }

    public async ValueTask DisposeAsync()
    {
        ClientA.Dispose();
        ClientB.Dispose();
        await A.DisposeAsync();
        await B.DisposeAsync();
        Directory.Delete(_media, recursive: true);
        NpgsqlConnection.ClearAllPools();
        await _dropDatabase();
    }
}
