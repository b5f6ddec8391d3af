using System.Text;
using Cms.Api.Articles;
using Cms.Api.Data.Entities;
using Cms.Api.Media;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace Cms.Api.Tests.Media;

/// <summary>GET /media/{id}/usage: the articles a media item is in, the ones that keep it from being deleted.</summary>
public sealed class MediaUsageTests : MediaTest
{
    private async Task<MediaUsageResponse> UsageAsync(Guid id, string? token = null)
    {
        using var response = await SendAsync(HttpMethod.Get, $"/api/v1/media/{id}/usage", token ?? Editor);
        Assert.That((int)response.StatusCode, Is.EqualTo(200), await response.Content.ReadAsStringAsync());
        return await ReadAsync<MediaUsageResponse>(response);
    }

    private static string CoverPatch(Guid mediaId) => $$"""{ "coverImage": { "mediaId": "{{mediaId}}", "url": null } }""";

    private static string Picture(MediaFileRef item) => $"<figure><img src=\\\"{item.Url}?w=800\\\" alt=\\\"Ảnh\\\"></figure>";

    private static string BodyPatch(MediaFileRef item) => $$"""{ "body": "<p>Bài.</p>{{Picture(item)}}" }""";

    /// <summary>PATCHes the article's pending changes (merge patch JSON).</summary>
    private Task<HttpResponseMessage> SendPendingAsync(Guid articleId, string patch, string token)
    {
        var request = Request(HttpMethod.Patch, $"/api/v1/articles/{articleId}/pending", token);
        request.Content = new StringContent(patch, Encoding.UTF8, "application/merge-patch+json");
        return Client.SendAsync(request);
    }

    private async Task<ArticleResponse> SavePendingOkAsync(Guid articleId, string patch, string? token = null)
    {
        using var response = await SendPendingAsync(articleId, patch, token ?? Editor);
        Assert.That((int)response.StatusCode, Is.EqualTo(200), await response.Content.ReadAsStringAsync());
        return await ReadAsync<ArticleResponse>(response);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, string token, string ifMatch)
    {
        var request = Request(method, url, token);
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return await Client.SendAsync(request);
    }

    [Test]
    public async Task UsageListsCoverAndBodyUsesOfEveryStatus()
    {
        var item = await AddMediaAsync(TestImages.Jpeg(64, 48));
        var other = await AddMediaAsync(TestImages.Jpeg(64, 48), "khac.jpg");
        var cover = await CreateArticleResponseAsync(Editor, ArticleBody(Author, new { slug = "bia", status = "draft" }));
        await UseInArticleAsync(cover.Id, item.Id);
        var picture = $"<figure><img src=\"/media/{item.Id}/{item.FileName}?w=800\" alt=\"Ảnh\"><figcaption>Ảnh</figcaption></figure>";
        var body = await CreateArticleResponseAsync(Editor, ArticleBody(Author, new { slug = "than-bai", body = "<p>Bài.</p>" + picture }));
        var both = await CreateArticleResponseAsync(Editor, ArticleBody(Author, new
        {
            slug = "ca-hai", body = picture, status = "scheduled", publishAt = Now.AddDays(1),
        }));
        await UseInArticleAsync(both.Id, item.Id);
        await CreateArticleResponseAsync(Editor, ArticleBody(Author, new { slug = "khong-dung" }));
        await UseInArticleAsync((await CreateArticleResponseAsync(Editor, ArticleBody(Author, new { slug = "anh-khac" }))).Id, other.Id);

        var usage = await UsageAsync(item.Id);

        Assert.That(usage.Items.Select(u => u.Slug), Is.EquivalentTo(new[] { "bia", "than-bai", "ca-hai" }));
        Assert.That(usage.Total, Is.EqualTo(3));
        var bySlug = usage.Items.ToDictionary(u => u.Slug);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(bySlug["bia"].As, Is.EqualTo(new[] { "cover" }));
            Assert.That(bySlug["bia"].Status, Is.EqualTo(ArticleStatus.Draft));
            Assert.That(bySlug["than-bai"].As, Is.EqualTo(new[] { "body" }));
            Assert.That(bySlug["than-bai"].Status, Is.EqualTo(ArticleStatus.Published));
            Assert.That(bySlug["ca-hai"].As, Is.EqualTo(new[] { "cover", "body" }));
            Assert.That(bySlug["ca-hai"].Status, Is.EqualTo(ArticleStatus.Scheduled));
            Assert.That(bySlug["than-bai"].Id, Is.EqualTo(body.Id));
            Assert.That(bySlug["than-bai"].Title, Is.EqualTo(body.Title));
        }

        // They are the articles a delete names in its 409.
        using var delete = await SendAsync(HttpMethod.Delete, $"/api/v1/media/{item.Id}", Editor);
        await AssertProblemAsync(delete, 409, "media_in_use");
    }

    [Test]
    public async Task UsageLeavesOutDeletedArticlesAndTheirPendingChanges()
    {
        var item = await AddMediaAsync(TestImages.Jpeg(64, 48));
        var gone = await CreateArticleResponseAsync(Editor, ArticleBody(Author, new { slug = "da-xoa" }));
        await UseInArticleAsync(gone.Id, item.Id);
        var pending = await CreateArticleResponseAsync(Editor, ArticleBody(Author, new { slug = "xoa-khi-dang-sua" }));
        await SavePendingOkAsync(pending.Id, CoverPatch(item.Id));
        Assert.That((await UsageAsync(item.Id)).Items.Select(u => u.Slug), Is.EquivalentTo(new[] { "da-xoa", "xoa-khi-dang-sua" }));

        foreach (var article in new[] { gone, pending })
        {
            using var deleted = await SendAsync(HttpMethod.Delete, $"/api/v1/articles/{article.Id}", Editor);
            Assert.That((int)deleted.StatusCode, Is.EqualTo(204), await deleted.Content.ReadAsStringAsync());
        }

        var usage = await UsageAsync(item.Id);
        Assert.That(usage.Items, Is.Empty);
        Assert.That(usage.Total, Is.Zero);
        using var delete = await SendAsync(HttpMethod.Delete, $"/api/v1/media/{item.Id}", Editor);
        Assert.That((int)delete.StatusCode, Is.EqualTo(204), await delete.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task AnItemOnlyPendingChangesUseIsListedAndCannotBeDeleted()
    {
        var item = await AddMediaAsync(TestImages.Jpeg(64, 48));
        var cover = await CreateArticleResponseAsync(Editor, ArticleBody(Author, new { slug = "bia-cho", title = "Bìa chờ duyệt" }));
        var body = await CreateArticleResponseAsync(Editor, ArticleBody(Author, new { slug = "than-bai-cho", status = "draft" }));
        await SavePendingOkAsync(cover.Id, CoverPatch(item.Id));
        await SavePendingOkAsync(body.Id, BodyPatch(item));

        var usage = await UsageAsync(item.Id);
        using var refused = await SendAsync(HttpMethod.Delete, $"/api/v1/media/{item.Id}", Editor);
        using var file = await SendAsync(HttpMethod.Get, $"/api/v1/media/{item.Id}", Editor);
        using var anonymous = await GetFileAsync(item);

        var bySlug = usage.Items.ToDictionary(u => u.Slug);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(usage.Total, Is.EqualTo(2));
            Assert.That(bySlug.Keys, Is.EquivalentTo(new[] { "bia-cho", "than-bai-cho" }));
            Assert.That(bySlug["bia-cho"].As, Is.Empty, "the article as saved does not use it");
            Assert.That(bySlug["bia-cho"].PendingAs, Is.EqualTo(new[] { "cover" }));
            Assert.That(bySlug["bia-cho"].Status, Is.EqualTo(ArticleStatus.Published));
            Assert.That(bySlug["than-bai-cho"].As, Is.Empty);
            Assert.That(bySlug["than-bai-cho"].PendingAs, Is.EqualTo(new[] { "body" }));
            Assert.That(bySlug["than-bai-cho"].Status, Is.EqualTo(ArticleStatus.Draft));
            Assert.That((string?)(await AssertProblemAsync(refused, 409, "media_in_use"))["detail"], Does.Contain("Bìa chờ duyệt"));
            Assert.That((int)file.StatusCode, Is.EqualTo(200), "nothing stored is lost");
            Assert.That((int)anonymous.StatusCode, Is.EqualTo(404), "pending changes open no file to readers");
        }
    }

    [Test]
    public async Task DroppingOrReplacingPendingChangesReleasesWhatTheyUsed()
    {
        var dropped = await AddMediaAsync(TestImages.Jpeg(64, 48), "bo.jpg");
        var replaced = await AddMediaAsync(TestImages.Jpeg(64, 48), "thay.jpg");
        var kept = await AddMediaAsync(TestImages.Jpeg(64, 48), "giu.jpg");
        var first = await CreateArticleResponseAsync(Editor, ArticleBody(Author, new { slug = "bo-thay-doi" }));
        var second = await CreateArticleResponseAsync(Editor, ArticleBody(Author, new { slug = "sua-tiep" }));
        await SavePendingOkAsync(first.Id, CoverPatch(dropped.Id));
        await SavePendingOkAsync(second.Id, CoverPatch(replaced.Id));
        // The same editor's next save merges into the pending revision; another editor's is a revision of its own.
        await SavePendingOkAsync(second.Id, """{ "coverImage": null }""");
        await SavePendingOkAsync(second.Id, CoverPatch(replaced.Id));
        var (_, _, otherEditor) = await CreateUserAsync("editor");
        await SavePendingOkAsync(second.Id, $$"""{ "coverImage": null, "body": "{{Picture(kept)}}" }""", otherEditor);

        using (var drop = await SendAsync(HttpMethod.Delete, $"/api/v1/articles/{first.Id}/pending", Editor))
        {
            Assert.That((int)drop.StatusCode, Is.EqualTo(204), await drop.Content.ReadAsStringAsync());
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That((await UsageAsync(dropped.Id)).Items, Is.Empty, "dropped");
            Assert.That((await UsageAsync(replaced.Id)).Items, Is.Empty, "left out by the newer pending changes");
            Assert.That((await UsageAsync(kept.Id)).Items.Single().PendingAs, Is.EqualTo(new[] { "body" }));
        }

        using var deleteDropped = await SendAsync(HttpMethod.Delete, $"/api/v1/media/{dropped.Id}", Editor);
        using var deleteReplaced = await SendAsync(HttpMethod.Delete, $"/api/v1/media/{replaced.Id}", Editor);
        using var deleteKept = await SendAsync(HttpMethod.Delete, $"/api/v1/media/{kept.Id}", Editor);
        using (Assert.EnterMultipleScope())
        {
            Assert.That((int)deleteDropped.StatusCode, Is.EqualTo(204), await deleteDropped.Content.ReadAsStringAsync());
            Assert.That((int)deleteReplaced.StatusCode, Is.EqualTo(204), await deleteReplaced.Content.ReadAsStringAsync());
            await AssertProblemAsync(deleteKept, 409, "media_in_use");
        }
    }

    [Test]
    public async Task PublishingPendingChangesMakesTheirUsesTheArticles()
    {
        var added = await AddMediaAsync(TestImages.Jpeg(64, 48), "them.jpg");
        var removed = await AddMediaAsync(TestImages.Jpeg(64, 48), "bot.jpg");
        var article = await CreateArticleResponseAsync(Editor, ArticleBody(Author, new { slug = "xuat-ban-thay-doi" }));
        await UseInArticleAsync(article.Id, removed.Id);
        var pending = await SavePendingOkAsync(article.Id, $$"""{ "coverImage": null, "body": "{{Picture(added)}}" }""");

        var addedBefore = (await UsageAsync(added.Id)).Items.Single();
        var removedBefore = (await UsageAsync(removed.Id)).Items.Single();
        using (var published = await SendAsync(HttpMethod.Post, $"/api/v1/articles/{article.Id}/pending/publish", Editor, ifMatch: $"\"{pending.Version}\""))
        {
            Assert.That((int)published.StatusCode, Is.EqualTo(200), await published.Content.ReadAsStringAsync());
        }

        var addedAfter = (await UsageAsync(added.Id)).Items.Single();
        var removedAfter = await UsageAsync(removed.Id);
        using var deleteAdded = await SendAsync(HttpMethod.Delete, $"/api/v1/media/{added.Id}", Editor);
        using var deleteRemoved = await SendAsync(HttpMethod.Delete, $"/api/v1/media/{removed.Id}", Editor);
        using (Assert.EnterMultipleScope())
        {
            Assert.That((addedBefore.As, addedBefore.PendingAs), Is.EqualTo((Array.Empty<string>(), new[] { "body" })));
            Assert.That((removedBefore.As, removedBefore.PendingAs), Is.EqualTo((new[] { "cover" }, Array.Empty<string>())), "the live cover, dropped by the pending changes");
            Assert.That((addedAfter.As, addedAfter.PendingAs), Is.EqualTo((new[] { "body" }, Array.Empty<string>())));
            Assert.That(removedAfter.Items, Is.Empty);
            await AssertProblemAsync(deleteAdded, 409, "media_in_use");
            Assert.That((int)deleteRemoved.StatusCode, Is.EqualTo(204), await deleteRemoved.Content.ReadAsStringAsync());
        }
    }

    [Test]
    public async Task ADeleteRacingPendingSavesEitherLosesOrLeavesNoSaveNamingTheItem()
    {
        var outcomes = new List<string>();
        for (var round = 0; round < 12; round++)
        {
            var item = await AddMediaAsync(TestImages.Jpeg(64, 48), $"dua-{round}.jpg");
            var articles = new List<ArticleResponse>();
            for (var i = 0; i < 3; i++)
            {
                articles.Add(await CreateArticleResponseAsync(Editor, ArticleBody(Author, new { slug = $"dua-{round}-{i}" })));
            }

            var saves = articles.Select((a, i) => SendPendingAsync(a.Id, i % 2 == 0 ? CoverPatch(item.Id) : BodyPatch(item), Editor)).ToList();
            if (round % 2 == 1)
            {
                // Every other round the saves get a head start of one ordinary read, so both orders are seen.
                using var read = await SendAsync(HttpMethod.Get, $"/api/v1/media/{item.Id}", Editor);
            }

            using var deleted = await SendAsync(HttpMethod.Delete, $"/api/v1/media/{item.Id}", Editor);
            var saved = await Task.WhenAll(saves);
            var savedStatuses = saved.Select(r => (int)r.StatusCode).ToList();
            var deletedStatus = (int)deleted.StatusCode;
            outcomes.Add($"{string.Join(",", savedStatuses)}/{deletedStatus}");
            using var itemNow = await SendAsync(HttpMethod.Get, $"/api/v1/media/{item.Id}", Editor);
            var pendingNow = new List<int>();
            foreach (var article in articles)
            {
                using var pending = await SendAsync(HttpMethod.Get, $"/api/v1/articles/{article.Id}/pending", Editor);
                pendingNow.Add((int)pending.StatusCode);
            }

            using (Assert.EnterMultipleScope())
            {
                Assert.That(deletedStatus, Is.AnyOf(204, 409), await deleted.Content.ReadAsStringAsync());
                Assert.That(savedStatuses, Is.All.AnyOf(200, 400, 409), $"round {round}");
                // The delete lands only when no save did; whichever won, nothing stored names a picture that is gone.
                Assert.That(deletedStatus == 204, Is.EqualTo(savedStatuses.All(status => status != 200)), $"round {round}: {outcomes[^1]}");
                Assert.That((int)itemNow.StatusCode, Is.EqualTo(deletedStatus == 204 ? 404 : 200), $"round {round}");
                Assert.That(pendingNow, Is.EqualTo(savedStatuses.Select(status => status == 200 ? 200 : 404)), $"round {round}");
            }

            foreach (var response in saved)
            {
                response.Dispose();
            }
        }

        TestContext.Out.WriteLine("saves/delete per round: " + string.Join(" ", outcomes));
    }

    [Test]
    public async Task TheMigrationFillsTheUsesOfPendingChangesSavedBeforeIt()
    {
        var cover = await AddMediaAsync(TestImages.Jpeg(64, 48), "bia.jpg");
        var inBody = await AddMediaAsync(TestImages.Jpeg(64, 48), "than.jpg");
        var superseded = await AddMediaAsync(TestImages.Jpeg(64, 48), "cu.jpg");
        var published = await AddMediaAsync(TestImages.Jpeg(64, 48), "da-dang.jpg");
        var deletedSince = await AddMediaAsync(TestImages.Jpeg(64, 48), "da-xoa.jpg");
        var (_, _, otherEditor) = await CreateUserAsync("editor");
        var both = await CreateArticleResponseAsync(Editor, ArticleBody(Author, new { slug = "bia-va-than" }));
        await SavePendingOkAsync(both.Id, $$"""{ "coverImage": { "mediaId": "{{cover.Id}}", "url": null }, "body": "{{Picture(inBody)}}{{Picture(cover)}}" }""");
        var twice = await CreateArticleResponseAsync(Editor, ArticleBody(Author, new { slug = "hai-lan" }));
        await SavePendingOkAsync(twice.Id, CoverPatch(superseded.Id));
        await SavePendingOkAsync(twice.Id, $$"""{ "coverImage": null, "body": "{{Picture(inBody)}}" }""", otherEditor);
        var live = await CreateArticleResponseAsync(Editor, ArticleBody(Author, new { slug = "da-xuat-ban" }));
        var pending = await SavePendingOkAsync(live.Id, BodyPatch(published));
        using (var publish = await SendAsync(HttpMethod.Post, $"/api/v1/articles/{live.Id}/pending/publish", Editor, ifMatch: $"\"{pending.Version}\""))
        {
            Assert.That((int)publish.StatusCode, Is.EqualTo(200), await publish.Content.ReadAsStringAsync());
        }

        var broken = await CreateArticleResponseAsync(Editor, ArticleBody(Author, new { slug = "anh-da-xoa" }));
        await SavePendingOkAsync(broken.Id, CoverPatch(deletedSince.Id));
        MediaFileRef[] items = [cover, inBody, superseded, published];
        var before = await UsesAsync(items);

        // As before the migration: no pending uses recorded, so the item the gap let go is deleted.
        await ScalarAsync<object>("DELETE FROM article_pending_media");
        using (var delete = await SendAsync(HttpMethod.Delete, $"/api/v1/media/{deletedSince.Id}", Editor))
        {
            Assert.That((int)delete.StatusCode, Is.EqualTo(204), await delete.Content.ReadAsStringAsync());
        }

        var fill = new Cms.Api.Data.Migrations.MediaInPendingChanges().UpOperations.OfType<SqlOperation>().Single().Sql;
        await ScalarAsync<object>(fill);

        Assert.That(await UsesAsync(items), Is.EqualTo(before));
        Assert.That(before, Is.EqualTo(new[]
        {
            "bia.jpg: bia-va-than []/[cover,body]",
            "than.jpg: bia-va-than []/[body] hai-lan []/[body]",
            "cu.jpg:",
            "da-dang.jpg: da-xuat-ban [body]/[]",
        }));
    }

    /// <summary>Each item's usage as one line: the file name, then each article's slug with its as/pendingAs.</summary>
    private async Task<List<string>> UsesAsync(IEnumerable<MediaFileRef> items)
    {
        var lines = new List<string>();
        foreach (var item in items)
        {
            var uses = (await UsageAsync(item.Id)).Items.OrderBy(u => u.Slug, StringComparer.Ordinal)
                .Select(u => $" {u.Slug} [{string.Join(",", u.As)}]/[{string.Join(",", u.PendingAs)}]");
            lines.Add(item.FileName + ":" + string.Concat(uses));
        }

        return lines;
    }

    [Test]
    public async Task AnySignedInUserReadsUsageAndAnonymousReadersDoNot()
    {
        var item = await AddMediaAsync(TestImages.Jpeg(64, 48));
        var (_, _, author) = await CreateUserAsync("author");

        using var anonymous = await SendAsync(HttpMethod.Get, $"/api/v1/media/{item.Id}/usage");
        using var unknown = await SendAsync(HttpMethod.Get, $"/api/v1/media/{Guid.NewGuid()}/usage", Editor);

        Assert.That((await UsageAsync(item.Id, author)).Items, Is.Empty);
        await AssertProblemAsync(anonymous, 401, "unauthenticated");
        await AssertProblemAsync(unknown, 404, "not_found");
    }
}
