using Cms.Api.Articles;

namespace Cms.Api.Tests.Webhooks;

/// <summary>Each event kind, from every way an article changes: saves, deletes, and time passing (the fake clock moved).</summary>
public sealed class WebhookEventTests : WebhookTest
{
    private WebhookReceiver _receiver = null!;

    [SetUp]
    public async Task StartReceiverAsync()
    {
        _receiver = await WebhookReceiver.StartNewAsync();
        await CreateWebhookAsync(_receiver.Url());
    }

    [TearDown]
    public async Task StopReceiverAsync() => await _receiver.DisposeAsync();

    private async Task<ArticleResponse> ReplaceAsync(Guid id, object changes)
    {
        using var response = await SendAsync(HttpMethod.Put, $"/api/v1/articles/{id}", Editor, ArticleBody(Author, changes));
        Assert.That((int)response.StatusCode, Is.EqualTo(200), await response.Content.ReadAsStringAsync());
        return await ReadAsync<ArticleResponse>(response);
    }

    private async Task<long> EventsAsync(Guid article) =>
        await ScalarAsync<long>("SELECT count(*) FROM webhook_events WHERE article_id = $1", article);

    [Test]
    public async Task AVisibleArticlesEditIsAnUpdateAndViewsAndRatingsAreNot()
    {
        var id = await PublishAsync();
        await _receiver.WaitForAsync(1);
        using (var view = await SendAsync(HttpMethod.Post, $"/api/v1/articles/{id}/views"))
        {
            Assert.That((int)view.StatusCode, Is.EqualTo(202));
        }

        await App.FlushViewsAsync();
        using (var rating = await SendAsync(HttpMethod.Post, $"/api/v1/articles/{id}/ratings", body: new { score = 5, raterId = Guid.NewGuid() }))
        {
            Assert.That((int)rating.StatusCode, Is.EqualTo(200).Or.EqualTo(201), await rating.Content.ReadAsStringAsync());
        }

        var edited = await ReplaceAsync(id, new { title = "Tiêu đề mới" });
        var received = await _receiver.WaitForAsync(2);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(received.Select(r => r.Type), Is.EqualTo(new[] { "article.published", "article.updated" }));
            Assert.That(received[1].Article["title"]!.GetValue<string>(), Is.EqualTo("Tiêu đề mới"));
            Assert.That(received[1].Article["version"]!.GetValue<int>(), Is.EqualTo(edited.Version));
            Assert.That(await EventsAsync(id), Is.EqualTo(2), "views and ratings recorded no event");
        }
    }

    [Test]
    public async Task LeavingReadersViewSaysWhy()
    {
        var draft = await PublishAsync();
        var archived = await PublishAsync();
        var expired = await PublishAsync(new { publishAt = Now.AddHours(-2) });
        await _receiver.WaitForAsync(3);

        await ReplaceAsync(draft, new { status = "draft" });
        await ReplaceAsync(archived, new { status = "archived" });
        await ReplaceAsync(expired, new { publishAt = Now.AddHours(-2), expiresAt = Now.AddMinutes(-1) });
        var received = (await _receiver.WaitForAsync(6)).Skip(3).ToList();

        var reasons = received.ToDictionary(r => Guid.Parse(r.Article["id"]!.GetValue<string>()), r => (r.Type, r.Json["data"]!["reason"]!.GetValue<string>()));
        Assert.That(reasons, Is.EquivalentTo(new Dictionary<Guid, (string, string)>
        {
            [draft] = ("article.unpublished", "unpublished"),
            [archived] = ("article.unpublished", "archived"),
            [expired] = ("article.unpublished", "expired"),
        }));
    }

    [Test]
    public async Task ADeletedArticleIsReportedWithItsLastSlugAndVersion()
    {
        var id = await PublishAsync(new { slug = "se-xoa" });
        await _receiver.WaitForAsync(1);

        using (var deleted = await SendAsync(HttpMethod.Delete, $"/api/v1/articles/{id}", Editor))
        {
            Assert.That((int)deleted.StatusCode, Is.EqualTo(204));
        }

        var received = (await _receiver.WaitForAsync(2))[1];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(received.Type, Is.EqualTo("article.deleted"));
            Assert.That(received.Article["slug"]!.GetValue<string>(), Is.EqualTo("se-xoa"));
            Assert.That(received.Article["version"]!.GetValue<int>(), Is.EqualTo(1));
        }
    }

    [Test]
    public async Task AScheduledArticleIsPublishedWhenItsTimeComesAndUnpublishedWhenItExpires()
    {
        var publishAt = Now.AddHours(1);
        var id = await PublishAsync(new { publishAt, expiresAt = publishAt.AddHours(1) });
        // Edits while scheduled are not updates: readers see nothing yet.
        await ReplaceAsync(id, new { publishAt, expiresAt = publishAt.AddHours(1), title = "Sửa trước giờ đăng" });
        Assert.That(await EventsAsync(id), Is.Zero);

        App.Clock.Advance(TimeSpan.FromHours(1));
        var published = (await _receiver.WaitForAsync(1))[0];
        App.Clock.Advance(TimeSpan.FromHours(1));
        var expired = (await _receiver.WaitForAsync(2))[1];
        TestContext.Out.WriteLine(string.Join("\n", _receiver.Received.Select(r => r.Id + " " + r.Body)));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(published.Type, Is.EqualTo("article.published"));
            Assert.That(published.Json["occurredAt"]!.GetValue<DateTimeOffset>(), Is.EqualTo(publishAt));
            Assert.That(published.Article["title"]!.GetValue<string>(), Is.EqualTo("Sửa trước giờ đăng"));
            Assert.That(expired.Type, Is.EqualTo("article.unpublished"));
            Assert.That(expired.Json["data"]!["reason"]!.GetValue<string>(), Is.EqualTo("expired"));
            Assert.That(await EventsAsync(id), Is.EqualTo(2), "each moment recorded once");
        }
    }

    [Test]
    public async Task MomentsPassedWhileNobodyLookedAreAllRecordedInOrder()
    {
        var publishAt = Now.AddMinutes(10);
        var id = await PublishAsync(new { publishAt, expiresAt = publishAt.AddMinutes(10) });

        // Both moments pass in one step, as across a service that was down.
        App.Clock.Advance(TimeSpan.FromHours(3));
        var received = await _receiver.WaitForAsync(2);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(received.Select(r => r.Type).Order(), Is.EqualTo(new[] { "article.published", "article.unpublished" }));
            Assert.That(await EventsAsync(id), Is.EqualTo(2));
        }
    }

    [Test]
    public async Task ASaveThatFailsRecordsNothing()
    {
        await PublishAsync(new { slug = "trung-slug" });
        await _receiver.WaitForAsync(1);

        using var duplicate = await SendAsync(HttpMethod.Post, "/api/v1/articles", Editor, ArticleBody(Author, new { slug = "trung-slug" }));

        using (Assert.EnterMultipleScope())
        {
            Assert.That((int)duplicate.StatusCode, Is.EqualTo(409));
            Assert.That(await ScalarAsync<long>("SELECT count(*) FROM webhook_events"), Is.EqualTo(1));
        }
    }

    [Test]
    public async Task ADraftIsNotPublishedAndPublishingItIs()
    {
        var id = await PublishAsync(new { status = "draft" });
        Assert.That(await EventsAsync(id), Is.Zero);

        await ReplaceAsync(id, new { status = "published" });
        var received = (await _receiver.WaitForAsync(1))[0];

        Assert.That(received.Type, Is.EqualTo("article.published"));
    }
}
