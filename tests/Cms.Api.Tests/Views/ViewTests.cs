using Cms.Api.Articles;
using Cms.Api.Authors;
using Cms.Api.Infrastructure.Paging;
using Cms.Api.Tests.Infrastructure;
using Npgsql;

namespace Cms.Api.Tests.Views;

public sealed class ViewTests : ContentTest
{
    private async Task<(string Editor, Guid Author)> WriterAsync()
    {
        var editor = await EditorAsync();
        return (editor, await CreateAuthorAsync(editor));
    }

    private async Task<long> ViewCountAsync(string id)
    {
        using var response = await Client.GetAsync($"/api/v1/articles/{id}");
        return (await ReadAsync<ArticleResponse>(response)).ViewCount;
    }

    [Test]
    public async Task ThousandsOfConcurrentViewsAreCountedExactlyAtTheNextFlush()
    {
        var (editor, author) = await WriterAsync();
        var hot = (await CreateArticleAsync(editor, ArticleBody(author, new { publishAt = Now.AddHours(-1) })))["id"]!.GetValue<string>();
        var other = (await CreateArticleAsync(editor, ArticleBody(author, new { title = "Khác", publishAt = Now.AddHours(-1) })))["id"]!.GetValue<string>();

        var responses = await Task.WhenAll(Enumerable.Range(0, 2000).Select(async i =>
        {
            using var response = await Client.PostAsync($"/api/v1/articles/{(i % 4 == 0 ? other : hot)}/views", null);
            return (int)response.StatusCode;
        }));
        Assert.That(responses, Is.All.EqualTo(202));
        await App.FlushViewsAsync();
        var afterOne = (await ViewCountAsync(hot), await ViewCountAsync(other));
        await App.FlushViewsAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(afterOne, Is.EqualTo((1500L, 500L)), "readers see every view after one flush");
            Assert.That((await ViewCountAsync(hot), await ViewCountAsync(other)), Is.EqualTo((1500L, 500L)), "another flush counts nothing twice");
        }
    }

    [Test]
    public async Task WhatReadersSeeSettlesOnTheExactCountWhileViewsFlushesAndRefreshesInterleave()
    {
        // Views in bursts over many flushes and refreshes, in changing order, the article and its list read all along, so
        // its counters reach this instance from its own flushes and from the refresh in every order. Each keeps the
        // latest write: a shown count ahead of or behind the database would be a count someone reads.
        var (editor, author) = await WriterAsync();
        var id = (await CreateArticleAsync(editor, ArticleBody(author, new { publishAt = Now.AddHours(-1) })))["id"]!.GetValue<string>();
        var sent = 0;
        for (var round = 0; round < 24; round++)
        {
            var accepted = await Task.WhenAll(Enumerable.Range(0, 7).Select(async _ =>
            {
                using var response = await Client.PostAsync($"/api/v1/articles/{id}/views", null);
                return response.StatusCode == System.Net.HttpStatusCode.Accepted ? 1 : 0;
            }));
            sent += accepted.Sum();
            await ViewCountAsync(id);
            using var list = await Client.GetAsync("/api/v1/articles");
            var steps = (round % 3) switch
            {
                0 => new[] { App.FlushViewsAsync(), App.RefreshCountersAsync() },
                1 => [App.RefreshCountersAsync(), App.FlushViewsAsync()],
                _ => [App.FlushViewsAsync()],
            };
            await Task.WhenAll(steps);
        }

        await App.FlushViewsAsync();
        await App.RefreshCountersAsync();
        var shown = new List<long>();
        for (var i = 0; i < 4; i++)
        {
            shown.Add(await ViewCountAsync(id));
            using var list = await Client.GetAsync("/api/v1/articles");
            shown.Add((await ReadAsync<PagedList<ArticleResponse>>(list)).Items.Single(item => item.Id.ToString() == id).ViewCount);
            await App.RefreshCountersAsync();
        }

        Assert.That(await ScalarAsync<long>("SELECT view_count FROM article_stats WHERE article_id = $1::uuid", id), Is.EqualTo(sent));
        Assert.That(shown, Is.All.EqualTo(sent), "the article and the list, read over refreshes after settling");
    }

    [Test]
    public async Task OnlyArticlesReadersCanSeeAreCounted()
    {
        var (editor, author) = await WriterAsync();
        var draft = (await CreateArticleAsync(editor, ArticleBody(author, new { status = "draft" })))["id"]!.GetValue<string>();
        var scheduled = (await CreateArticleAsync(editor, ArticleBody(author, new { title = "Sắp đăng", publishAt = Now.AddMinutes(10) })))["id"]!.GetValue<string>();

        using var unknown = await Client.PostAsync($"/api/v1/articles/{Guid.CreateVersion7()}/views", null);
        using var toDraft = await Client.PostAsync($"/api/v1/articles/{draft}/views", null);
        using var early = await Client.PostAsync($"/api/v1/articles/{scheduled}/views", null);
        using var notAnId = await Client.PostAsync("/api/v1/articles/not-an-id/views", null);
        await AssertProblemAsync(unknown, 404, "not_found");
        await AssertProblemAsync(toDraft, 404, "not_found");
        await AssertProblemAsync(early, 404, "not_found");
        Assert.That((int)notAnId.StatusCode, Is.EqualTo(404));

        // Publishing time arrives: the cached window, not a stale "no", decides.
        App.Clock.Advance(TimeSpan.FromMinutes(11));
        using var onTime = await Client.PostAsync($"/api/v1/articles/{scheduled}/views", null);
        Assert.That((int)onTime.StatusCode, Is.EqualTo(202));
    }

    [Test]
    public async Task ViewsOfManyArticlesAtOnceGetEachArticlesOwnAnswer()
    {
        // Articles not yet remembered are looked up together (one query for all asked meanwhile): every view must still
        // get its own article's answer, and count for that article only.
        var (editor, author) = await WriterAsync();
        var visible = new List<string>();
        var hidden = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            visible.Add((await CreateArticleAsync(editor, ArticleBody(author, new { title = $"Tin {i}", publishAt = Now.AddHours(-1) })))["id"]!.GetValue<string>());
            hidden.Add((await CreateArticleAsync(editor, ArticleBody(author, i % 2 == 0
                ? new { title = $"Nháp {i}", status = "draft" }
                : (object)new { title = $"Sắp đăng {i}", publishAt = Now.AddMinutes(10) })))["id"]!.GetValue<string>());
        }

        var unknown = Enumerable.Range(0, 12).Select(_ => Guid.CreateVersion7().ToString()).ToList();
        var asked = Enumerable.Range(0, 5).SelectMany(round => visible.Select((id, i) => (Id: id, Times: i + 1)).Where(v => round < v.Times).Select(v => v.Id))
            .Concat(hidden).Concat(unknown).OrderBy(_ => Random.Shared.Next()).ToList();
        var answers = await Task.WhenAll(asked.Select(async id =>
        {
            using var response = await Client.PostAsync($"/api/v1/articles/{id}/views", null);
            return (Id: id, Status: (int)response.StatusCode);
        }));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(answers.Where(a => visible.Contains(a.Id)).Select(a => a.Status), Is.All.EqualTo(202));
            Assert.That(answers.Where(a => !visible.Contains(a.Id)).Select(a => a.Status), Is.All.EqualTo(404));
        }

        // Article i was viewed min(i + 1, 5) times: each count lands on its own article.
        await App.FlushViewsAsync();
        var expected = visible.Select((_, i) => (long)Math.Min(i + 1, 5)).ToList();
        var counts = new List<long>();
        foreach (var id in visible)
        {
            counts.Add(await ViewCountAsync(id));
        }

        Assert.That(counts, Is.EqualTo(expected));
    }

    [Test]
    public async Task ADeletedArticleStopsCountingAtOnce()
    {
        var (editor, author) = await WriterAsync();
        var id = (await CreateArticleAsync(editor, ArticleBody(author, new { publishAt = Now.AddHours(-1) })))["id"]!.GetValue<string>();
        using var before = await Client.PostAsync($"/api/v1/articles/{id}/views", null);
        using var delete = await SendAsync(HttpMethod.Delete, $"/api/v1/articles/{id}", editor);

        using var after = await Client.PostAsync($"/api/v1/articles/{id}/views", null);

        Assert.That((int)before.StatusCode, Is.EqualTo(202));
        Assert.That((int)delete.StatusCode, Is.EqualTo(204));
        await AssertProblemAsync(after, 404, "not_found");
    }

    [Test]
    public async Task GracefulShutdownWritesWhatIsBuffered()
    {
        // An instance that would not flush for a minute, on a database of its own: only its shutdown can write these.
        var database = await TestPostgres.CreateMigratedDatabaseAsync("t_views_shutdown");
        var instance = new CmsApp(database, new Dictionary<string, string?> { ["Cms:Views:FlushIntervalMilliseconds"] = "60000" });
        string id;
        using (var client = instance.CreateClient())
        {
            var token = await AdminTokenAsync(client);
            id = (await PublishOnAsync(client, token)).ToString();
            for (var i = 0; i < 7; i++)
            {
                using var response = await client.PostAsync($"/api/v1/articles/{id}/views", null);
                Assert.That((int)response.StatusCode, Is.EqualTo(202));
            }
        }

        var before = await ViewsInAsync(database, id);
        await instance.DisposeAsync();

        Assert.That(before, Is.Zero);
        Assert.That(await ViewsInAsync(database, id), Is.EqualTo(7));
    }

    private static async Task<Guid> PublishOnAsync(HttpClient client, string token)
    {
        using var author = await client.SendAsync(Request(HttpMethod.Post, "/api/v1/authors", token, new { name = "Hồng Phái" }));
        var authorId = (await ReadAsync<AuthorResponse>(author)).Id;
        using var article = await client.SendAsync(Request(HttpMethod.Post, "/api/v1/articles", token,
            ArticleBody(authorId, new { publishAt = new DateTimeOffset(2026, 1, 5, 7, 0, 0, TimeSpan.Zero) })));
        return (await ReadAsync<ArticleResponse>(article)).Id;
    }

    private static async Task<long> ViewsInAsync(string database, string id)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT view_count FROM article_stats WHERE article_id = $1::uuid", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        return (long)(await command.ExecuteScalarAsync())!;
    }
}

public sealed class ViewRateLimitTests : ContentTest
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Cms:RateLimits:ViewsPerMinute"] = "5" };

    [Test]
    public async Task ViewsPastTheLimitAre429WithRetryAfterPerClientAddress()
    {
        var editor = await EditorAsync();
        var id = (await CreateArticleAsync(editor, ArticleBody(await CreateAuthorAsync(editor), new { publishAt = Now.AddHours(-1) })))["id"]!.GetValue<string>();

        async Task<HttpResponseMessage> ViewAsync(string address)
        {
            var request = Request(HttpMethod.Post, $"/api/v1/articles/{id}/views");
            request.Headers.Add(CmsApp.ClientAddressHeader, address);
            return await Client.SendAsync(request);
        }

        for (var i = 0; i < 5; i++)
        {
            using var ok = await ViewAsync("10.1.0.1");
            Assert.That((int)ok.StatusCode, Is.EqualTo(202));
        }

        using var limited = await ViewAsync("10.1.0.1");
        using var otherClient = await ViewAsync("10.1.0.2");

        await AssertProblemAsync(limited, 429, "rate_limited");
        Assert.That(limited.Headers.RetryAfter, Is.Not.Null);
        Assert.That((int)otherClient.StatusCode, Is.EqualTo(202));
    }

    [Test]
    public async Task LimitedAnswersSayThePolicyAndWhatIsLeft()
    {
        var editor = await EditorAsync();
        var id = (await CreateArticleAsync(editor, ArticleBody(await CreateAuthorAsync(editor), new { publishAt = Now.AddHours(-1) })))["id"]!.GetValue<string>();
        var answers = new List<(int Status, string Policy, string Left)>();
        for (var i = 0; i < 6; i++)
        {
            var request = Request(HttpMethod.Post, $"/api/v1/articles/{id}/views");
            request.Headers.Add(CmsApp.ClientAddressHeader, "10.2.0.1");
            using var response = await Client.SendAsync(request);
            answers.Add(((int)response.StatusCode, Header(response, "RateLimit-Policy"), Header(response, "RateLimit")));
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(answers.Select(a => a.Policy), Is.All.EqualTo("\"views\";q=5;w=60"));
            Assert.That(answers.Select(a => a.Status), Is.EqualTo(new[] { 202, 202, 202, 202, 202, 429 }));
            Assert.That(answers.Select(a => a.Left.Split(';')[1]), Is.EqualTo(new[] { "r=4", "r=3", "r=2", "r=1", "r=0", "r=0" }));
            Assert.That(answers.Select(a => int.Parse(a.Left.Split(";t=")[1], System.Globalization.CultureInfo.InvariantCulture)), Is.All.InRange(1, 60));
        }
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : "";
}
