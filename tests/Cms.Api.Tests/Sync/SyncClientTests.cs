using Cms.Api.Articles;
using Cms.Api.Sync;
using Cms.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Cms.Api.Tests.Sync;

/// <summary>
/// The reference TypeScript client (openapi/sync-client/) against the real service on Kestrel: whatever editors do while
/// it syncs, its store ends equal to what a reader can see, for the whole library and for one section.
/// </summary>
[Category("Frontend")]
public sealed class SyncClientTests : WriterTest
{
    protected override bool OnKestrel => true;

    [OneTimeSetUp]
    public Task CompileClientAsync() => NodeSyncClient.CompileAsync();

    private async Task<Guid> PublishAsync(string title, Guid category) =>
        (await CreateArticleResponseAsync(Editor, ArticleBody(Author, new { title, publishAt = Now.AddMinutes(-5) }, category))).Id;

    private async Task AssertHoldsWhatReadersSeeAsync(NodeSyncClient client, Guid? category, string what)
    {
        var store = await client.StoreAsync();
        var menu = await SyncTruth.MenuAsync(ConnectionString);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(store.Articles, Is.EquivalentTo(await SyncTruth.ArticlesAsync(ConnectionString, Now, category)), what + ": articles");
            Assert.That(store.Categories, Is.EquivalentTo(menu.Categories), what + ": the menu");
            Assert.That(store.Authors, Is.EquivalentTo(menu.Authors), what + ": the bylines");
        }
    }

    [Test]
    public async Task ClientsSyncingWhileEditorsWriteAndMoveCategoriesEndWithWhatReadersSee()
    {
        var news = await CreateCategoryAsync(Editor, "Tin tức");
        var local = await CreateCategoryAsync(Editor, "Địa phương", news);
        var sport = await CreateCategoryAsync(Editor, "Thể thao");
        var world = await CreateCategoryAsync(Editor, "Thế giới", sport);
        Guid[] categories = [news, local, sport, world];
        // Renamed while the slow transaction runs: an author without articles (renaming one restamps their articles,
        // which would wait for the slow transaction's row).
        var guest = await CreateAuthorAsync(Editor, "Khách", null);
        var pool = new List<Guid>();
        for (var i = 0; i < 20; i++)
        {
            pool.Add(await PublishAsync($"Bài {i}", categories[i % categories.Length]));
        }

        await using var everything = NodeSyncClient.Start(App.Address, limit: 3);
        await using var section = NodeSyncClient.Start(App.Address, category: "tin-tuc", limit: 3);
        await everything.SyncAsync();
        await section.SyncAsync();

        // A slow transaction holds an older change open across everything below (pool[0] is in news, which never moves).
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var slow = await connection.BeginTransactionAsync();
        await using (var update = new NpgsqlCommand("UPDATE articles SET title = 'chậm', version = version + 1 WHERE id = $1", connection, slow))
        {
            update.Parameters.Add(new NpgsqlParameter { Value = pool[0] });
            await update.ExecuteNonQueryAsync();
        }

        var gate = new object();
        var writing = true;
        var writers = Enumerable.Range(0, 3).Select(w => Task.Run(async () =>
        {
            var random = new Random(w);
            for (var i = 0; i < 25; i++)
            {
                Guid target;
                lock (gate)
                {
                    target = pool[1 + random.Next(pool.Count - 1)];
                }

                var category = categories[random.Next(categories.Length)];
                // One writer also moves categories: local between news and sport, world between sport and local.
                var request = (w == 0 && i % 3 == 0 ? 6 + random.Next(3) : random.Next(6)) switch
                {
                    0 => Request(HttpMethod.Post, "/api/v1/articles", Editor, ArticleBody(Author, new { title = $"mới {w}-{i}", publishAt = Now.AddMinutes(-1) }, category)),
                    1 => Request(HttpMethod.Delete, $"/api/v1/articles/{target}", Editor),
                    2 => Request(HttpMethod.Put, $"/api/v1/articles/{target}", Editor, ArticleBody(Author, new { title = $"nháp {w}-{i}", status = "draft" }, category)),
                    6 => Request(HttpMethod.Put, $"/api/v1/categories/{local}", Editor, new { name = "Địa phương", slug = (string?)null, description = (string?)null, parentId = random.Next(2) == 0 ? news : sport }),
                    7 => Request(HttpMethod.Put, $"/api/v1/categories/{world}", Editor, new { name = $"Thế giới {i}", slug = (string?)null, description = (string?)null, parentId = random.Next(2) == 0 ? sport : local }),
                    8 => Request(HttpMethod.Put, $"/api/v1/authors/{guest}", Editor, new { name = $"Khách {i}", slug = "khach", organization = "BTG", bio = (string?)null, avatarUrl = (string?)null }),
                    _ => Request(HttpMethod.Put, $"/api/v1/articles/{target}", Editor, ArticleBody(Author, new { title = $"sửa {w}-{i}", publishAt = Now.AddMinutes(-2) }, category)),
                };
                using var response = await Client.SendAsync(request);
                // 404 and 412 are other writers winning a race: expected, and nothing changed.
                Assert.That((int)response.StatusCode, Is.AnyOf(200, 201, 204, 404, 412), await response.Content.ReadAsStringAsync());
                if (response.StatusCode == System.Net.HttpStatusCode.Created)
                {
                    var id = (await ReadAsync<ArticleResponse>(response)).Id;
                    lock (gate)
                    {
                        pool.Add(id);
                    }
                }
            }
        })).ToList();
        var syncing = Task.Run(async () =>
        {
            while (Volatile.Read(ref writing))
            {
                await everything.SyncAsync();
                await section.SyncAsync();
            }
        });

        await Task.WhenAll(writers);
        Volatile.Write(ref writing, false);
        await syncing;
        await HeardAsync(App, () => slow.CommitAsync());
        await everything.SyncAsync();
        await section.SyncAsync();

        await AssertHoldsWhatReadersSeeAsync(everything, null, "everything");
        await AssertHoldsWhatReadersSeeAsync(section, news, "the news section");
        Assert.That((await everything.StoreAsync()).Articles[pool[0]], Is.EqualTo(2), "the slow change arrived");
        Assert.That((await section.StoreAsync()).Articles[pool[0]], Is.EqualTo(2), "the slow change arrived in the section");
    }

    [Test]
    public async Task AnExpiredTokenMakesTheClientStartOver()
    {
        var news = await CreateCategoryAsync(Editor, "Tin tức");
        await PublishAsync("Một", news);
        await using var client = NodeSyncClient.Start(App.Address, category: "tin-tuc");
        await client.SyncAsync();

        // A token from before the retention, signed by the service as it would have signed it then.
        var codec = App.Services.GetRequiredService<SyncTokenCodec>();
        var old = await codec.EncodeAsync(new SyncToken(false, "1:1:", Now.AddDays(-100), null, null, null, "tin-tuc", news), CancellationToken.None);
        await client.SendAsync("token " + old);
        await PublishAsync("Hai", news);
        var outcome = await client.SyncAsync();

        Assert.That((bool)outcome["restarted"]!, Is.True);
        await AssertHoldsWhatReadersSeeAsync(client, news, "after starting over");
    }

    [Test]
    public async Task TheClientWaitsAsRetryAfterSaysAndGivesUpOnARefusal()
    {
        // A fetch of its own answers 503 and 429 (no service can be made to answer those on cue): see retry-check.ts.
        var (code, output) = await Reader.FrontendTools.NodeAsync("sync-client/dist/retry-check.js", "");
        Assert.That(code, Is.Zero, output);
    }
}
