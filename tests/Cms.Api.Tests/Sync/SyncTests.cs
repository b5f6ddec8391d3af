using Cms.Api.Articles;
using Cms.Api.Sync;
using Cms.Api.Tests.Infrastructure;
using Npgsql;

namespace Cms.Api.Tests.Sync;

public sealed class SyncTests : WriterTest
{
    /// <summary>A mobile app's store: it keeps items, removes deleted, and follows nextToken while hasMore.</summary>
    private sealed class AppStore(SyncTests test)
    {
        public Dictionary<Guid, int> Articles { get; } = [];

        public string? Token { get; private set; }

        public List<SyncResponse> Pages { get; } = [];

        public async Task SyncAsync(int limit = 100)
        {
            do
            {
                var url = $"/api/v1/sync?limit={limit}" + (Token is null ? "" : "&token=" + Uri.EscapeDataString(Token));
                using var response = await test.Client.GetAsync(url);
                Assert.That((int)response.StatusCode, Is.EqualTo(200), await response.Content.ReadAsStringAsync());
                var page = await ReadAsync<SyncResponse>(response);
                Pages.Add(page);
                foreach (var item in page.Items)
                {
                    Articles[item.Id] = item.Version;
                }

                foreach (var id in page.Deleted)
                {
                    Articles.Remove(id);
                }

                Token = page.NextToken;
            }
            while (Pages[^1].HasMore);
        }

        public SyncResponse LastPage => Pages[^1];
    }

    /// <summary>What an anonymous reader sees now, read from the database: ids and versions.</summary>
    private async Task<Dictionary<Guid, int>> TruthAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT id, version FROM articles WHERE status = 'published' AND publish_at <= $1 AND (expires_at IS NULL OR expires_at > $1)", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = Now });
        await using var reader = await command.ExecuteReaderAsync();
        var truth = new Dictionary<Guid, int>();
        while (await reader.ReadAsync())
        {
            truth[reader.GetGuid(0)] = reader.GetInt32(1);
        }

        return truth;
    }

    private async Task<Guid> PublishAsync(string title, object? changes = null) =>
        (await CreateArticleResponseAsync(Editor, ArticleBody(Author, changes ?? new { title, publishAt = Now.AddHours(-1) }))).Id;

    private async Task EditAsync(Guid id, object changes)
    {
        using var response = await PutAsync($"/api/v1/articles/{id}", Editor, ArticleBody(Author, changes));
        Assert.That((int)response.StatusCode, Is.EqualTo(200), await response.Content.ReadAsStringAsync());
    }

    private static Guid[] ItemIds(SyncResponse page) => page.Items.Select(x => x.Id).ToArray();

    [Test]
    public async Task TheInitialSyncPagesThroughWhatReadersSee()
    {
        for (var i = 0; i < 7; i++)
        {
            await PublishAsync($"Bài {i}");
        }

        await PublishAsync("nháp", new { title = "nháp", status = "draft" });
        await PublishAsync("hẹn", new { title = "hẹn", publishAt = Now.AddHours(1) });
        await PublishAsync("hết", new { title = "hết", publishAt = Now.AddHours(-2), expiresAt = Now.AddMinutes(-1) });
        var app = new AppStore(this);

        await app.SyncAsync(limit: 3);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(app.Articles, Is.EquivalentTo(await TruthAsync()));
            Assert.That(app.Articles, Has.Count.EqualTo(7));
            Assert.That(app.Pages.Select(p => p.Items.Count), Is.EqualTo(new[] { 3, 3, 1 }));
            Assert.That(app.Pages[0].Items[0].Body, Does.Contain("<p>"), "items are full articles");
            Assert.That(app.Pages[0].Items[0].Authors[0].Name, Is.EqualTo("Hồng Phái"));
        }
    }

    [Test]
    public async Task NothingNewIsAnEmptyAnswer()
    {
        await PublishAsync("Một");
        var app = new AppStore(this);
        await app.SyncAsync();

        await app.SyncAsync();

        Assert.That(ItemIds(app.LastPage), Is.Empty);
        Assert.That(app.LastPage.Deleted, Is.Empty);
        Assert.That(app.LastPage.HasMore, Is.False);
    }

    [Test]
    public async Task EveryKindOfChangeArrivesOnceInTheNextDelta()
    {
        var edited = await PublishAsync("Sửa");
        var editedOften = await PublishAsync("Sửa nhiều lần");
        var unpublished = await PublishAsync("Gỡ");
        var archived = await PublishAsync("Lưu trữ");
        var deleted = await PublishAsync("Xoá");
        var untouched = await PublishAsync("Giữ nguyên");
        var app = new AppStore(this);
        await app.SyncAsync();

        var created = await PublishAsync("Mới");
        await EditAsync(edited, new { title = "Đã sửa", publishAt = Now.AddHours(-1) });
        for (var i = 0; i < 3; i++)
        {
            await EditAsync(editedOften, new { title = $"Lần {i}", publishAt = Now.AddHours(-1) });
        }

        await EditAsync(unpublished, new { title = "Gỡ", status = "draft" });
        await EditAsync(archived, new { title = "Lưu trữ", status = "archived" });
        using (var delete = await SendAsync(HttpMethod.Delete, $"/api/v1/articles/{deleted}", Editor))
        {
            Assert.That((int)delete.StatusCode, Is.EqualTo(204));
        }

        await app.SyncAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(ItemIds(app.LastPage), Is.EquivalentTo(new[] { created, edited, editedOften }), "each once, however often it changed");
            Assert.That(app.LastPage.Deleted, Is.EquivalentTo(new[] { unpublished, archived, deleted }));
            Assert.That(app.Articles[editedOften], Is.EqualTo(4), "at its latest version");
            Assert.That(app.Articles, Does.ContainKey(untouched));
            Assert.That(app.Articles, Is.EquivalentTo(await TruthAsync()));
        }
    }

    [Test]
    public async Task DraftsThatReadersNeverSawAreNotReported()
    {
        var app = new AppStore(this);
        await app.SyncAsync();
        var draft = await PublishAsync("nháp", new { title = "nháp", status = "draft" });
        await EditAsync(draft, new { title = "nháp 2", status = "draft" });
        using (await SendAsync(HttpMethod.Delete, $"/api/v1/articles/{draft}", Editor))
        {
        }

        await app.SyncAsync();

        Assert.That(ItemIds(app.LastPage), Is.Empty);
        Assert.That(app.LastPage.Deleted, Is.Empty);
    }

    [Test]
    public async Task TimeAloneBringsScheduledArticlesAndTakesExpiredOnes()
    {
        var scheduled = await PublishAsync("hẹn", new { title = "Hẹn giờ", publishAt = Now.AddMinutes(30) });
        var expiring = await PublishAsync("hết", new { title = "Hết hạn", publishAt = Now.AddHours(-1), expiresAt = Now.AddMinutes(45) });
        var app = new AppStore(this);
        await app.SyncAsync();
        Assert.That(app.Articles.Keys, Is.EquivalentTo(new[] { expiring }));

        App.Clock.Advance(TimeSpan.FromMinutes(31));
        await app.SyncAsync();
        Assert.That(ItemIds(app.LastPage), Is.EqualTo(new[] { scheduled }));

        App.Clock.Advance(TimeSpan.FromMinutes(15));
        await app.SyncAsync();
        Assert.That(app.LastPage.Deleted, Is.EqualTo(new[] { expiring }));
        Assert.That(app.Articles, Is.EquivalentTo(await TruthAsync()));
    }

    [Test]
    public async Task RenamingAnAuthorResendsTheirArticles()
    {
        var article = await PublishAsync("Bài");
        var app = new AppStore(this);
        await app.SyncAsync();

        using var renamed = await SendAsync(HttpMethod.Put, $"/api/v1/authors/{Author}", Editor, new { name = "Hồng Phái (BTG)", slug = "hong-phai", organization = "BTG", bio = (string?)null, avatarUrl = (string?)null });
        await app.SyncAsync();

        Assert.That(ItemIds(app.LastPage), Is.EqualTo(new[] { article }));
        Assert.That(app.LastPage.Items[0].Authors[0].Name, Is.EqualTo("Hồng Phái (BTG)"));
    }

    [TestCase("not-a-token")]
    [TestCase("eyJpIjpmYWxzZX0")]
    [TestCase("")]
    public async Task UnknownTokensAre400(string token)
    {
        using var response = await Client.GetAsync("/api/v1/sync?token=" + Uri.EscapeDataString(token));
        if (token.Length == 0)
        {
            // An empty token is no token: the initial sync.
            Assert.That((int)response.StatusCode, Is.EqualTo(200));
            return;
        }

        await AssertProblemAsync(response, 400, "invalid_sync_token");
    }

    [Test]
    public async Task ATamperedTokenIs400AndAnOldOne410()
    {
        var app = new AppStore(this);
        await app.SyncAsync();
        var token = app.Token!;
        var tampered = token[..^3] + (token[^3] == 'A' ? 'B' : 'A') + token[^2..];

        using var forged = await Client.GetAsync("/api/v1/sync?token=" + Uri.EscapeDataString(tampered));
        App.Clock.Advance(TimeSpan.FromDays(91));
        using var old = await Client.GetAsync("/api/v1/sync?token=" + Uri.EscapeDataString(token));

        await AssertProblemAsync(forged, 400, "invalid_sync_token");
        await AssertProblemAsync(old, 410, "sync_token_expired");
    }

    [TestCase(0)]
    [TestCase(501)]
    public async Task LimitsOutOfRangeAre400(int limit)
    {
        using var response = await Client.GetAsync($"/api/v1/sync?limit={limit}");
        var problem = await AssertProblemAsync(response, 400, "validation_failed");
        Assert.That(problem["errors"]!.AsObject().ContainsKey("limit"), Is.True);
    }

    /// <summary>
    /// The slow writers here are raw SQL on a connection of the test's own (only that can hold a transaction open on
    /// purpose): the service hears of their commit through NOTIFY, a moment later. Waits for that, or an answer cached
    /// a moment ago would still be served (correct, since its token marks its snapshot, but not yet the newest).
    /// </summary>
    private Task CommitAndWaitUntilHeardAsync(NpgsqlTransaction transaction) => HeardAsync(App, () => transaction.CommitAsync());

    [Test]
    public async Task AChangeCommittedAfterANewerOneIsNotLost()
    {
        var slow = await PublishAsync("Chậm");
        var fast = await PublishAsync("Nhanh");
        var app = new AppStore(this);
        await app.SyncAsync();

        // The slow writer takes its transaction id first and commits last: the trap of ordered change feeds.
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var update = new NpgsqlCommand("UPDATE articles SET title = 'Chậm đã sửa', version = version + 1 WHERE id = $1", connection, transaction))
        {
            update.Parameters.Add(new NpgsqlParameter { Value = slow });
            await update.ExecuteNonQueryAsync();
        }

        await EditAsync(fast, new { title = "Nhanh đã sửa", publishAt = Now.AddHours(-1) });
        await app.SyncAsync();
        Assert.That(ItemIds(app.LastPage), Is.EqualTo(new[] { fast }), "the newer change is sent while the older one is still running");

        await CommitAndWaitUntilHeardAsync(transaction);
        await app.SyncAsync();

        Assert.That(ItemIds(app.LastPage), Is.EqualTo(new[] { slow }));
        Assert.That(app.Articles, Is.EquivalentTo(await TruthAsync()));
    }

    [Test]
    public async Task AClientSyncingWhileEditorsWriteEndsWithExactlyWhatReadersSee()
    {
        var pool = new List<Guid>();
        for (var i = 0; i < 20; i++)
        {
            pool.Add(await PublishAsync($"Bài {i}"));
        }

        var app = new AppStore(this);
        await app.SyncAsync(limit: 3);

        // A slow transaction holds an older change open across everything below.
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

                var request = random.Next(6) switch
                {
                    0 => Request(HttpMethod.Post, "/api/v1/articles", Editor, ArticleBody(Author, new { title = $"mới {w}-{i}", publishAt = Now.AddMinutes(-1) })),
                    1 => Request(HttpMethod.Delete, $"/api/v1/articles/{target}", Editor),
                    2 => Request(HttpMethod.Put, $"/api/v1/articles/{target}", Editor, ArticleBody(Author, new { title = $"nháp {w}-{i}", status = "draft" })),
                    _ => Request(HttpMethod.Put, $"/api/v1/articles/{target}", Editor, ArticleBody(Author, new { title = $"sửa {w}-{i}", publishAt = Now.AddMinutes(-2) })),
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
                await app.SyncAsync(limit: 3);
            }
        });

        await Task.WhenAll(writers);
        Volatile.Write(ref writing, false);
        await syncing;
        await CommitAndWaitUntilHeardAsync(slow);
        await app.SyncAsync(limit: 3);

        var truth = await TruthAsync();
        Assert.That(app.Articles, Is.EquivalentTo(truth), "the app holds exactly the visible articles, each at its current version");
        Assert.That(app.Articles[pool[0]], Is.EqualTo(2), "the slow change arrived");
    }
}
