using System.Net;
using Cms.Api.Articles;
using Cms.Api.Infrastructure.Paging;
using Cms.Api.Sync;
using Cms.Api.Tests.Infrastructure;

namespace Cms.Api.Tests.Revisions;

public sealed class PendingChangesTests : RevisionTest
{
    [Test]
    public async Task ReadersListsSearchSyncFeedsAndTheCacheSeeOnlyLiveContentUntilPublished()
    {
        var article = await PublishedAsync("dang-song");
        var sync = await GetOkAsync<SyncResponse>(Client, "/api/v1/sync");
        Assert.That((await GetOkAsync<ArticleResponse>(Client, "/api/v1/articles/dang-song")).Title, Is.EqualTo("Tin dang-song"), "cached for readers");

        var pending = await SavePendingAsync(article, new { title = "Bản sửa kín", body = "<p>bimatquocgia</p>" });

        async Task<(string Title, int Listed, int Found, string Feed, SyncResponse Delta)> ReaderViewAsync() => (
            (await GetOkAsync<ArticleResponse>(Client, "/api/v1/articles/dang-song")).Title,
            (await ArticlePageAsync("/api/v1/articles")).Items.Count(a => a.Title == "Bản sửa kín"),
            (await ArticlePageAsync("/api/v1/articles?q=bimatquocgia")).Items.Count,
            await (await Client.GetAsync("/api/v1/feeds/rss")).Content.ReadAsStringAsync(),
            await GetOkAsync<SyncResponse>(Client, "/api/v1/sync?token=" + Uri.EscapeDataString(sync.NextToken)));
        var before = await ReaderViewAsync();
        var anonymous = await JsonAsync(await Client.GetAsync("/api/v1/articles/dang-song"));
        var asEditor = await OkAsync<ArticleResponse>(await SendAsync(HttpMethod.Get, $"/api/v1/articles/{article.Id}", Editor));
        var shown = await OkAsync<ArticleResponse>(await SendAsync(HttpMethod.Get, $"/api/v1/articles/{article.Id}/pending", Editor));

        var published = await PublishPendingAsync(article.Id, pending.Version);
        var after = await ReaderViewAsync();
        var asEditorAfter = await OkAsync<ArticleResponse>(await SendAsync(HttpMethod.Get, $"/api/v1/articles/{article.Id}", Editor));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(pending.Version, Is.EqualTo(2));
            Assert.That(before.Title, Is.EqualTo("Tin dang-song"));
            Assert.That(before.Listed, Is.Zero);
            Assert.That(before.Found, Is.Zero);
            Assert.That(before.Feed, Does.Not.Contain("Bản sửa kín"));
            Assert.That(before.Delta.Items, Is.Empty, "sync has nothing new");
            Assert.That(anonymous.ContainsKey("hasPendingChanges"), Is.False, "anonymous answers do not change shape");
            Assert.That(asEditor.HasPendingChanges, Is.True);
            Assert.That(asEditor.Version, Is.EqualTo(1), "the article itself is untouched");
            Assert.That(shown.Title, Is.EqualTo("Bản sửa kín"));
            Assert.That(shown.Version, Is.EqualTo(2));
            Assert.That(published.Version, Is.EqualTo(3));
            Assert.That(after.Title, Is.EqualTo("Bản sửa kín"), "readers see it at once");
            Assert.That(after.Listed, Is.EqualTo(1));
            Assert.That(after.Found, Is.EqualTo(1));
            Assert.That(after.Feed, Does.Contain("Bản sửa kín"));
            Assert.That(after.Delta.Items.Single().Version, Is.EqualTo(3));
            Assert.That(asEditorAfter.HasPendingChanges, Is.False);
        }

        var history = await RevisionsAsync(article.Id);
        Assert.That(history.Select(r => (r.Version, r.Live, r.Pending)), Is.EqualTo(new[] { (3, true, false), (2, false, false), (1, true, false) }));
        await AssertProblemAsync(await SendAsync(HttpMethod.Get, $"/api/v1/articles/{article.Id}/pending", Editor), 404, "not_found");
    }

    [Test]
    public async Task PendingChangesRacingAnOrdinarySaveLetExactlyOneWin()
    {
        for (var round = 0; round < 8; round++)
        {
            var article = await PublishedAsync("dua-" + round);
            var direct = PutAsync($"/api/v1/articles/{article.Id}", Editor, BodyOf(article, new { title = "Sửa thẳng" }), "\"1\"");
            var pending = SendAsync(HttpMethod.Put, $"/api/v1/articles/{article.Id}/pending", Editor, BodyOf(article, new { title = "Sửa chờ" }), "\"1\"");
            var statuses = (await Task.WhenAll(direct, pending)).Select(r => (int)r.StatusCode).Order().ToList();

            Assert.That(statuses, Is.EqualTo(new[] { 200, 412 }), $"round {round}");
            Assert.That(await ScalarAsync<long>("SELECT count(*) FROM article_revisions WHERE article_id = $1", article.Id), Is.EqualTo(2));
        }
    }

    [Test]
    public async Task WhileChangesArePendingTheLiveArticleIsEditedOnlyThroughThem()
    {
        var article = await PublishedAsync("khoa");
        var pending = await SavePendingAsync(article, new { title = "Chờ" });

        await AssertProblemAsync(await PutAsync($"/api/v1/articles/{article.Id}", Editor, BodyOf(article, new { title = "Thẳng" })), 409, "pending_changes");
        await AssertProblemAsync(await PutAsync($"/api/v1/articles/{article.Id}", Editor, BodyOf(article, new { title = "Thẳng" }), "\"1\""), 412, "version_mismatch");
        await AssertProblemAsync(await SendAsync(HttpMethod.Post, $"/api/v1/articles/{article.Id}/pending/publish", Editor, null, "\"1\""), 412, "version_mismatch");

        var patched = await OkAsync<ArticleResponse>(await PatchAsync($"/api/v1/articles/{article.Id}/pending", Editor, """{ "summary": "Thêm" }""", $"\"{pending.Version}\""));
        Assert.That((patched.Title, patched.Summary), Is.EqualTo(("Chờ", "Thêm")), "a patch applies onto the pending changes");
        Assert.That((await RevisionsAsync(article.Id)).Count(r => r.Pending), Is.EqualTo(1), "one user's pending saves in the window merge");

        await AssertStatusAsync(await SendAsync(HttpMethod.Delete, $"/api/v1/articles/{article.Id}/pending", Editor), HttpStatusCode.NoContent);
        var direct = await OkAsync<ArticleResponse>(await PutAsync($"/api/v1/articles/{article.Id}", Editor, BodyOf(article, new { title = "Thẳng" }), "\"1\""));
        Assert.That(direct.Title, Is.EqualTo("Thẳng"));
        Assert.That((await GetOkAsync<ArticleResponse>(Client, "/api/v1/articles/khoa")).Title, Is.EqualTo("Thẳng"));
    }

    [Test]
    public async Task AnAuthorKeepsPendingChangesOnlyOnTheirOwnDraftsAndCannotPublish()
    {
        var author = (await CreateUserAsync("author")).Token;
        var own = await CreateArticleResponseAsync(author, ArticleBody(Author, new { status = "draft", slug = "nhap-rieng" }));
        var live = await PublishedAsync("cua-bien-tap");

        var mine = await OkAsync<ArticleResponse>(await SendAsync(HttpMethod.Put, $"/api/v1/articles/{own.Id}/pending", author,
            BodyOf(own, new { status = "draft", title = "Sửa nhỏ" }), null));
        Assert.That(mine.Title, Is.EqualTo("Sửa nhỏ"));
        await AssertProblemAsync(await SendAsync(HttpMethod.Put, $"/api/v1/articles/{own.Id}/pending", author, BodyOf(own, new { status = "published" }), null),
            403, "forbidden");
        await AssertProblemAsync(await SendAsync(HttpMethod.Put, $"/api/v1/articles/{live.Id}/pending", author, BodyOf(live), null), 403, "forbidden");
        await AssertProblemAsync(await SendAsync(HttpMethod.Get, $"/api/v1/articles/{live.Id}/pending", author), 403, "forbidden");
        await AssertProblemAsync(await SendAsync(HttpMethod.Post, $"/api/v1/articles/{own.Id}/pending/publish", author, null, $"\"{mine.Version}\""), 403, "forbidden");
        var another = (await CreateUserAsync("author")).Token;
        await AssertProblemAsync(await SendAsync(HttpMethod.Get, $"/api/v1/articles/{own.Id}/pending", another), 404, "not_found");
    }

    [Test]
    public async Task PendingChangesPublishedOnOneInstanceAreSeenByReadersOfTheOther()
    {
        await using var pair = await InstancePair.StartAsync(new Dictionary<string, string?>());
        var (token, author) = await pair.WriterAsync();
        var article = await pair.PublishAsync(pair.ClientA, token, author, "hai-may");
        Assert.That((await GetOkAsync<ArticleResponse>(pair.ClientB, "/api/v1/articles/hai-may")).Title, Is.EqualTo("Tin hai-may"));

        var body = ArticleBody(author, new { slug = "hai-may", title = "Đã duyệt", publishAt = article.PublishAt });
        using var saved = await pair.ClientA.SendAsync(Request(HttpMethod.Put, $"/api/v1/articles/{article.Id}/pending", token, body));
        var pending = await ReadAsync<ArticleResponse>(saved);
        Assert.That((await GetOkAsync<ArticleResponse>(pair.ClientB, "/api/v1/articles/hai-may")).Title, Is.EqualTo("Tin hai-may"));

        await pair.SettledAsync(async () =>
        {
            var publish = Request(HttpMethod.Post, $"/api/v1/articles/{article.Id}/pending/publish", token);
            publish.Headers.TryAddWithoutValidation("If-Match", $"\"{pending.Version}\"");
            using var response = await pair.ClientA.SendAsync(publish);
            Assert.That((int)response.StatusCode, Is.EqualTo(200), await response.Content.ReadAsStringAsync());
            return 0;
        });

        Assert.That((await GetOkAsync<ArticleResponse>(pair.ClientB, "/api/v1/articles/hai-may")).Title, Is.EqualTo("Đã duyệt"));
        Assert.That((await GetOkAsync<PagedList<ArticleResponse>>(pair.ClientB, "/api/v1/articles")).Items.Single().Title, Is.EqualTo("Đã duyệt"));
    }
}
