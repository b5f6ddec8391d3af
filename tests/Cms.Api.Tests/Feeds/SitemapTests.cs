using Cms.Api.Tests.Infrastructure;

namespace Cms.Api.Tests.Feeds;

/// <summary>The sitemap index, its files (3 URLs each here, to split a small library) and the Google News sitemap.</summary>
public sealed class SitemapTests : FeedTest
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Cms:Site:SitemapUrlsPerFile"] = "3",
        ["Cms:Site:Name"] = "Báo Lai Châu",
    };

    [Test]
    public async Task TheIndexListsAFileForEveryThreeArticlesAndEachHoldsItsShare()
    {
        var slugs = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            await PublishAsync($"bài {i}", Now.AddMinutes(-100 + i));
            slugs.Add($"bai-{i}");
        }

        await PublishAsync("Bản nháp", Now.AddMinutes(-10), changes: new { status = "draft" });
        await PublishAsync("Hẹn giờ", Now.AddMinutes(10));
        await PublishAsync("Hết hạn", Now.AddMinutes(-30), changes: new { expiresAt = Now.AddMinutes(-1) });

        var index = await XmlAsync("/api/v1/sitemaps/index.xml", "application/xml");
        var locs = index.Root!.Elements(Sitemap + "sitemap").Select(s => s.Element(Sitemap + "loc")!.Value).ToList();
        var files = new List<List<(string Loc, DateTimeOffset LastModified)>>();
        foreach (var loc in locs)
        {
            var file = await XmlAsync(new Uri(loc).PathAndQuery, "application/xml");
            Assert.That(file.Root!.Name, Is.EqualTo(Sitemap + "urlset"));
            files.Add(file.Root.Elements(Sitemap + "url")
                .Select(u => (u.Element(Sitemap + "loc")!.Value, Rfc3339(u.Element(Sitemap + "lastmod")!.Value))).ToList());
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(index.Root.Name, Is.EqualTo(Sitemap + "sitemapindex"));
            Assert.That(locs, Is.EqualTo(Enumerable.Range(1, 3).Select(n => $"http://localhost/api/v1/sitemaps/articles-{n}.xml")));
            Assert.That(files.Select(f => f.Count), Is.EqualTo(new[] { 3, 3, 1 }));
            Assert.That(files.SelectMany(f => f.Select(u => u.Loc)), Is.EqualTo(slugs.Select(s => $"{CmsApp.SiteUrl}/{s}")), "oldest first, each once");
            Assert.That(files.SelectMany(f => f.Select(u => u.LastModified)), Is.All.EqualTo(Now), "written just now, published before");
        }
    }

    [TestCase("articles-4.xml")]
    [TestCase("articles-0.xml")]
    [TestCase("articles-abc.xml")]
    [TestCase("articles-01.xml")]
    [TestCase("articles-+1.xml")]
    [TestCase("articles-99999999999.xml")]
    [TestCase("articles-2147483647.xml")]
    [TestCase("articles-.xml")]
    public async Task AFilePastTheEndOrNotANumberIsNotFound(string name)
    {
        for (var i = 0; i < 7; i++)
        {
            await PublishAsync($"bài {i}", Now.AddMinutes(-100 + i));
        }

        using var response = await Client.GetAsync($"/api/v1/sitemaps/{name}");

        Assert.That((int)response.StatusCode, Is.EqualTo(404));
        if (response.Content.Headers.ContentType?.MediaType == "application/problem+json")
        {
            await AssertProblemAsync(response, 404, "not_found");
        }
    }

    [Test]
    public async Task TheNewsSitemapHoldsTheLastTwoDaysAndLetsThemGoByTimeAlone()
    {
        var start = Now;
        var recent = await PublishAsync("Tin nóng & mới", start.AddHours(-1));
        await PublishAsync("Hôm qua", start.AddHours(-47));
        await PublishAsync("Tuần trước", start.AddDays(-3));

        var first = await NewsAsync();
        // Unheard by the service: still the old title while the cached sitemap is fresh, the new one once it is not.
        await UnheardAsync("UPDATE articles SET title = 'Đổi lặng lẽ' WHERE id = $1", recent);
        App.Clock.Advance(TimeSpan.FromMinutes(59));
        var cached = await NewsAsync();
        App.Clock.Advance(TimeSpan.FromMinutes(2));
        var yesterdayGone = await NewsAsync();
        App.Clock.Advance(TimeSpan.FromDays(2));
        var empty = await NewsAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(first.Select(n => n.Title), Is.EqualTo(new[] { "Tin nóng & mới", "Hôm qua" }));
            Assert.That(first[0].Loc, Is.EqualTo($"{CmsApp.SiteUrl}/tin-nong-moi"));
            Assert.That(first.Select(n => (n.Name, n.Language)), Is.All.EqualTo(("Báo Lai Châu", "vi")));
            Assert.That(first.Select(n => n.Published), Is.EqualTo(new[] { start.AddHours(-1), start.AddHours(-47) }));
            Assert.That(cached.Select(n => n.Title), Is.EqualTo(new[] { "Tin nóng & mới", "Hôm qua" }), "kept until one leaves the window");
            Assert.That(yesterdayGone.Select(n => n.Title), Is.EqualTo(new[] { "Đổi lặng lẽ" }), "two days after its publishAt it left");
            Assert.That(empty, Is.Empty);
        }
    }

    private async Task<List<(string Loc, string Name, string Language, DateTimeOffset Published, string Title)>> NewsAsync()
    {
        var document = await XmlAsync("/api/v1/sitemaps/news.xml", "application/xml");
        Assert.That(document.Root!.Name, Is.EqualTo(Sitemap + "urlset"));
        return document.Root.Elements(Sitemap + "url").Select(url =>
        {
            var news = url.Element(News + "news")!;
            var publication = news.Element(News + "publication")!;
            return (url.Element(Sitemap + "loc")!.Value, publication.Element(News + "name")!.Value, publication.Element(News + "language")!.Value,
                Rfc3339(news.Element(News + "publication_date")!.Value), news.Element(News + "title")!.Value);
        }).ToList();
    }
}
