using System.Text.Json.Nodes;
using Cms.Api.Articles;
using Cms.Api.Infrastructure.Paging;
using Cms.Api.Tests.Infrastructure;

namespace Cms.Api.Tests.Articles;

/// <summary>
/// Readers' list totals and deep-page anchors are kept between requests; these tests prove that what is kept is never
/// served stale: after writes here, writes on another instance, and time passing a publishAt or expiresAt.
/// </summary>
public sealed class ListSnapshotTests : WriterTest
{
    // An anchor every 3 rows, so a 20-article library has deep pages.
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Cms:Lists:AnchorEvery"] = "3" };

    [SetUp]
    public async Task SeedAsync()
    {
        for (var i = 0; i < 20; i++)
        {
            await CreateArticleAsync(Editor, ArticleBody(Author, new { title = $"bai {i:00}", publishAt = Now.AddMinutes(-100 + i / 2 * 3) }));
        }

        await ScalarAsync<int>("UPDATE article_stats SET view_count = s.n % 7, rating_total = s.n % 5, rating_count = s.n % 3 " +
            "FROM (SELECT article_id, row_number() OVER (ORDER BY article_id) AS n FROM article_stats) AS s WHERE article_stats.article_id = s.article_id");
    }

    private async Task<JsonObject> ListAsync(string query, HttpClient? client = null)
    {
        using var response = await (client ?? Client).GetAsync("/api/v1/articles" + query);
        var body = await JsonAsync(response);
        Assert.That((int)response.StatusCode, Is.EqualTo(200), body.ToJsonString());
        return body;
    }

    private static string[] Slugs(JsonObject list) => list["items"]!.AsArray().Select(i => i!["slug"]!.GetValue<string>()).ToArray();

    [TestCase("-publishedAt")]
    [TestCase("publishedAt")]
    [TestCase("-viewCount")]
    [TestCase("-rating")]
    public async Task DeepNumberedPagesMatchTheFullOrder(string sort)
    {
        var all = Slugs(await ListAsync($"?pageSize=100&sort={sort}"));
        var paged = new List<string>();
        for (var page = 1; page <= 7; page++)
        {
            paged.AddRange(Slugs(await ListAsync($"?pageSize=3&page={page}&sort={sort}")));
        }

        // Twice: the second pass is served from the kept anchors.
        var again = new List<string>();
        for (var page = 7; page >= 1; page--)
        {
            again.InsertRange(0, Slugs(await ListAsync($"?pageSize=3&page={page}&sort={sort}")));
        }

        Assert.That(paged, Is.EqualTo(all));
        Assert.That(again, Is.EqualTo(all));
        Assert.That(all, Has.Length.EqualTo(20));
    }

    [Test]
    public async Task AWriteIsSeenByTheNextListAtOnce()
    {
        var before = await ListAsync("?pageSize=2&page=5");
        var created = await CreateArticleAsync(Editor, ArticleBody(Author, new { title = "moi nhat", publishAt = Now.AddMinutes(-1) }));
        var after = await ListAsync("?pageSize=2&page=5");
        using var deleted = await SendAsync(HttpMethod.Delete, $"/api/v1/articles/{created["id"]}", Editor);
        var afterDelete = await ListAsync("?pageSize=2&page=5");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(after["total"]!.GetValue<long>(), Is.EqualTo(before["total"]!.GetValue<long>() + 1));
            Assert.That(Slugs(after)[1], Is.EqualTo(Slugs(before)[0]), "everything moved down one place");
            Assert.That(afterDelete["total"]!.GetValue<long>(), Is.EqualTo(before["total"]!.GetValue<long>()));
            Assert.That(Slugs(afterDelete), Is.EqualTo(Slugs(before)));
        }
    }

    [Test]
    public async Task TimeAloneChangesTheTotalAndThePages()
    {
        await CreateArticleAsync(Editor, ArticleBody(Author, new { title = "hen gio", publishAt = Now.AddMinutes(10) }));
        await CreateArticleAsync(Editor, ArticleBody(Author, new { title = "het han", publishAt = Now.AddMinutes(-500), expiresAt = Now.AddMinutes(20) }));
        var before = await ListAsync("?pageSize=2&page=6");

        App.Clock.Advance(TimeSpan.FromMinutes(11));
        var published = await ListAsync("?pageSize=2&page=6");
        App.Clock.Advance(TimeSpan.FromMinutes(10));
        var expired = await ListAsync("?pageSize=2&page=6");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(before["total"]!.GetValue<long>(), Is.EqualTo(21));
            Assert.That(published["total"]!.GetValue<long>(), Is.EqualTo(22), "the scheduled article arrived by itself");
            Assert.That(Slugs(published)[1], Is.EqualTo(Slugs(before)[0]));
            Assert.That(expired["total"]!.GetValue<long>(), Is.EqualTo(21), "the expiring one left by itself");
            Assert.That(Slugs(await ListAsync("?pageSize=100")), Does.Contain("hen-gio").And.Not.Contain("het-han"));
        }
    }

    [Test]
    public async Task AnotherInstancesWriteReachesThisOnesLists()
    {
        await using var pair = await InstancePair.StartAsync(Settings);
        var (token, author) = await pair.WriterAsync();
        for (var i = 0; i < 9; i++)
        {
            await pair.PublishAsync(pair.ClientA, token, author, $"bai-{i}", minutesAgo: 10 + i);
        }

        async Task<PagedList<ArticleResponse>> PageFourAsync()
        {
            using var response = await pair.ClientA.GetAsync("/api/v1/articles?pageSize=2&page=4");
            return await ReadAsync<PagedList<ArticleResponse>>(response);
        }

        var before = await PageFourAsync();
        await HeardAsync(pair.A, () => pair.PublishAsync(pair.ClientB, token, author, "tu-may-khac", minutesAgo: 1));
        var after = await PageFourAsync();

        Assert.That(after.Total, Is.EqualTo(before.Total + 1), "the cached total was invalidated");
        Assert.That(after.Items[1].Slug, Is.EqualTo(before.Items[0].Slug), "and so were the cached page anchors");
    }
}
