using Microsoft.EntityFrameworkCore;
using Cms.Api.Tests.Infrastructure;

namespace Cms.Api.Tests.Feeds;

/// <summary>RSS 2.0 and Atom 1.0: parsed and checked against each format's rules, and kept in the read cache like lists.</summary>
public sealed class FeedTests : FeedTest
{
    private const string Tricky = "Lai Châu: “Đường & cầu” <mới> khánh thành";

    [Test]
    public async Task TheRssFeedFollowsRss20()
    {
        var older = await PublishAsync("Tin cũ", Now.AddHours(-3));
        var newer = await PublishAsync(Tricky, Now.AddHours(-1));

        var rss = (await XmlAsync("/api/v1/feeds/rss", "application/rss+xml")).Root!;
        var channel = rss.Element("channel")!;
        var items = channel.Elements("item").ToList();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(rss.Name.LocalName, Is.EqualTo("rss"));
            Assert.That(rss.Attribute("version")?.Value, Is.EqualTo("2.0"));
            Assert.That(channel.Element("title")?.Value, Is.Not.Empty);
            Assert.That(channel.Element("link")?.Value, Does.StartWith(CmsApp.SiteUrl));
            Assert.That(channel.Element("description")?.Value, Is.Not.Empty);
            Assert.That(channel.Element("language")?.Value, Is.EqualTo("vi"));
            Assert.That(items.Select(i => i.Element("guid")!.Value), Is.EqualTo(new[] { $"urn:uuid:{newer}", $"urn:uuid:{older}" }), "newest first");
            Assert.That(items.Select(i => i.Element("guid")!.Attribute("isPermaLink")?.Value), Is.All.EqualTo("false"));
            Assert.That(items[0].Element("title")!.Value, Is.EqualTo(Tricky), "Vietnamese, & and < round-trip");
            Assert.That(items[0].Element("link")!.Value, Is.EqualTo($"{CmsApp.SiteUrl}/lai-chau-duong-cau-moi-khanh-thanh"));
            Assert.That(items[0].Element("description")!.Value, Is.Not.Empty);
            Assert.That(Rfc822(items[0].Element("pubDate")!.Value), Is.EqualTo(Now.AddHours(-1)));
            Assert.That(Rfc822(items[1].Element("pubDate")!.Value), Is.EqualTo(Now.AddHours(-3)));
        }
    }

    [Test]
    public async Task TheAtomFeedFollowsAtom10()
    {
        var older = await PublishAsync("Tin cũ", Now.AddHours(-3));
        var newer = await PublishAsync(Tricky, Now.AddHours(-1));

        var feed = (await XmlAsync("/api/v1/feeds/atom", "application/atom+xml")).Root!;
        var entries = feed.Elements(Atom + "entry").ToList();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(feed.Name, Is.EqualTo(Atom + "feed"));
            Assert.That(feed.Element(Atom + "id")?.Value, Is.Not.Empty);
            Assert.That(feed.Element(Atom + "title")?.Value, Is.Not.Empty);
            Assert.That(Rfc3339(feed.Element(Atom + "updated")!.Value), Is.EqualTo(Now), "when the newest change was made");
            Assert.That(feed.Elements(Atom + "author").Concat(entries.SelectMany(e => e.Elements(Atom + "author"))), Is.Not.Empty);
            Assert.That(entries.Select(e => e.Element(Atom + "id")!.Value), Is.EqualTo(new[] { $"urn:uuid:{newer}", $"urn:uuid:{older}" }), "newest first");
            Assert.That(entries[0].Element(Atom + "title")!.Value, Is.EqualTo(Tricky), "Vietnamese, & and < round-trip");
            Assert.That(entries[0].Elements(Atom + "link").Single(l => (l.Attribute("rel")?.Value ?? "alternate") == "alternate").Attribute("href")!.Value,
                Is.EqualTo($"{CmsApp.SiteUrl}/lai-chau-duong-cau-moi-khanh-thanh"));
            Assert.That(entries.Select(e => Rfc3339(e.Element(Atom + "updated")!.Value)), Is.All.LessThanOrEqualTo(Now));
            Assert.That(Rfc3339(entries[1].Element(Atom + "published")!.Value), Is.EqualTo(Now.AddHours(-3)));
        }
    }

    [TestCase("rss")]
    [TestCase("atom")]
    public async Task AFeedHoldsTheNewestFifty(string format)
    {
        var ids = new List<Guid>();
        for (var i = 0; i < 52; i++)
        {
            ids.Add(await PublishAsync($"bài {i:00}", Now.AddMinutes(-100 + i)));
        }

        var guids = await GuidsAsync(format, "");

        Assert.That(guids, Is.EqualTo(ids.AsEnumerable().Reverse().Take(50).Select(id => $"urn:uuid:{id}")));
    }

    [TestCase("rss")]
    [TestCase("atom")]
    public async Task ACategoryFeedHoldsOnlyThatCategory(string format)
    {
        var news = await CreateCategoryAsync(Editor, "Thời sự");
        var sport = await CreateCategoryAsync(Editor, "Thể thao");
        var inNews = await PublishAsync("Họp báo", Now.AddMinutes(-5), news);
        await PublishAsync("Bóng đá", Now.AddMinutes(-4), sport);

        Assert.That(await GuidsAsync(format, "?category=thoi-su"), Is.EqualTo(new[] { $"urn:uuid:{inNews}" }));
        foreach (var junk in new[] { "khong-co", "%00", "'%20OR%201=1", new string('a', 2000), sport.ToString() })
        {
            using var response = await Client.GetAsync($"/api/v1/feeds/{format}?category={junk}");
            await AssertProblemAsync(response, 404, "not_found");
        }
    }

    [Test]
    public async Task DraftsScheduledAndExpiredArticlesAreLeftOut()
    {
        var visible = await PublishAsync("Đã đăng", Now.AddMinutes(-10));
        await PublishAsync("Bản nháp", Now.AddMinutes(-10), changes: new { status = "draft" });
        await PublishAsync("Hẹn giờ", Now.AddMinutes(10));
        await PublishAsync("Hết hạn", Now.AddMinutes(-30), changes: new { expiresAt = Now.AddMinutes(-1) });

        Assert.That(await GuidsAsync("rss", ""), Is.EqualTo(new[] { $"urn:uuid:{visible}" }));
        Assert.That(await GuidsAsync("atom", ""), Is.EqualTo(new[] { $"urn:uuid:{visible}" }));
    }

    [Test]
    public async Task AScheduledArticleArrivesInACachedFeedByTimeAlone()
    {
        var visible = await PublishAsync("Đã đăng", Now.AddMinutes(-10));
        var scheduled = await PublishAsync("Hẹn giờ", Now.AddMinutes(10));
        var before = await GuidsAsync("rss", "");
        // Unheard by the service: only a fresh read would show it, so the old title proves the feed came from the cache.
        await UnheardAsync("UPDATE articles SET title = 'Đổi lặng lẽ' WHERE id = $1", visible);

        App.Clock.Advance(TimeSpan.FromMinutes(5));
        var cached = await XmlAsync("/api/v1/feeds/rss", "application/rss+xml");
        App.Clock.Advance(TimeSpan.FromMinutes(6));
        var after = await GuidsAsync("rss", "");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(before, Is.EqualTo(new[] { $"urn:uuid:{visible}" }));
            Assert.That(cached.Descendants("title").Select(t => t.Value), Does.Contain("Đã đăng"), "kept, with no max age");
            Assert.That(after, Is.EqualTo(new[] { $"urn:uuid:{scheduled}", $"urn:uuid:{visible}" }), "the publishAt made it stale");
        }
    }

    [TestCase("rss")]
    [TestCase("atom")]
    public async Task AWriteShowsInACachedFeedAtOnce(string format)
    {
        var first = await PublishAsync("Một", Now.AddMinutes(-10));
        var before = await GuidsAsync(format, "");
        var second = await PublishAsync("Hai", Now.AddMinutes(-5));
        var after = await GuidsAsync(format, "");
        using var deleted = await SendAsync(HttpMethod.Delete, $"/api/v1/articles/{second}", Editor);
        var afterDelete = await GuidsAsync(format, "");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(before, Is.EqualTo(new[] { $"urn:uuid:{first}" }));
            Assert.That(after, Is.EqualTo(new[] { $"urn:uuid:{second}", $"urn:uuid:{first}" }));
            Assert.That(afterDelete, Is.EqualTo(before));
        }
    }

    [Test]
    public async Task AnonymousFeedsMayBeKeptByCdnsAndNameTheirArticles()
    {
        var id = await PublishAsync("Một", Now.AddMinutes(-10));
        using var first = await Client.GetAsync("/api/v1/feeds/rss");
        using var second = await Client.GetAsync("/api/v1/feeds/rss");
        using var signedIn = await SendAsync(HttpMethod.Get, "/api/v1/feeds/rss", Editor);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(second.Headers.CacheControl?.Public, Is.True);
            Assert.That(second.Headers.CacheControl?.MaxAge, Is.GreaterThan(TimeSpan.Zero));
            Assert.That(second.Headers.GetValues("Surrogate-Key").Single().Split(' '), Does.Contain("feeds").And.Contain($"article-{id}"));
            Assert.That(await second.Content.ReadAsStringAsync(), Is.EqualTo(await first.Content.ReadAsStringAsync()));
            Assert.That(signedIn.Content.Headers.ContentType?.ToString(), Is.EqualTo("application/rss+xml; charset=utf-8"));
            Assert.That(await signedIn.Content.ReadAsStringAsync(), Is.EqualTo(await first.Content.ReadAsStringAsync()), "the same document, unkept");
        }
    }

    [Test]
    public async Task AFeedReaderPollingWithItsETagGets304UntilTheFeedChanges()
    {
        await PublishAsync("Tin thứ nhất", Now.AddMinutes(-10));
        using var first = await Client.GetAsync("/api/v1/feeds/atom");
        var etag = first.Headers.ETag!.ToString();

        using var unchanged = await ConditionalAsync(etag);
        using var unchangedSignedIn = await ConditionalAsync(etag, Editor);
        await PublishAsync("Tin thứ hai", Now.AddMinutes(-5));
        using var changed = await ConditionalAsync(etag);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(first.Headers.ETag!.IsWeak, Is.False);
            Assert.That((int)unchanged.StatusCode, Is.EqualTo(304), "kept, unchanged");
            Assert.That((int)unchangedSignedIn.StatusCode, Is.EqualTo(304), "made again, the same bytes");
            Assert.That((int)changed.StatusCode, Is.EqualTo(200));
            Assert.That(changed.Headers.ETag!.ToString(), Is.Not.EqualTo(etag));
        }

        async Task<HttpResponseMessage> ConditionalAsync(string tag, string? token = null)
        {
            var request = Request(HttpMethod.Get, "/api/v1/feeds/atom", token);
            request.Headers.TryAddWithoutValidation("If-None-Match", tag);
            return await Client.SendAsync(request);
        }
    }

    [Test]
    public async Task WithTheDefaultSplitOneSitemapFileHoldsEveryArticle()
    {
        for (var i = 0; i < 4; i++)
        {
            await PublishAsync($"bài {i}", Now.AddMinutes(-10 + i));
        }

        var index = await XmlAsync("/api/v1/sitemaps/index.xml", "application/xml");
        var file = await XmlAsync("/api/v1/sitemaps/articles-1.xml", "application/xml");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(index.Root!.Elements(Sitemap + "sitemap").Select(s => s.Element(Sitemap + "loc")!.Value),
                Is.EqualTo(new[] { "http://localhost/api/v1/sitemaps/articles-1.xml" }));
            Assert.That(file.Root!.Elements(Sitemap + "url").Count(), Is.EqualTo(4));
            Assert.That(await StatusOfAsync(Client, "/api/v1/sitemaps/articles-2.xml"), Is.EqualTo(404));
        }
    }

    [Test]
    public async Task NoIndexArticlesAreLeftOutOfEveryFeedAndSitemap()
    {
        var indexed = await PublishAsync("Được đánh chỉ mục", Now.AddMinutes(-10));
        await PublishAsync("Không đánh chỉ mục", Now.AddMinutes(-5), changes: new { seo = new { title = (string?)null, description = (string?)null, canonicalUrl = (string?)null, noIndex = true } });

        var index = await XmlAsync("/api/v1/sitemaps/index.xml", "application/xml");
        var file = await XmlAsync("/api/v1/sitemaps/articles-1.xml", "application/xml");
        var news = await XmlAsync("/api/v1/sitemaps/news.xml", "application/xml");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(await GuidsAsync("rss", ""), Is.EqualTo(new[] { $"urn:uuid:{indexed}" }));
            Assert.That(await GuidsAsync("atom", ""), Is.EqualTo(new[] { $"urn:uuid:{indexed}" }));
            Assert.That(index.Root!.Elements(Sitemap + "sitemap").Count(), Is.EqualTo(1));
            Assert.That(file.Root!.Elements(Sitemap + "url").Select(u => u.Element(Sitemap + "loc")!.Value), Is.EqualTo(new[] { $"{CmsApp.SiteUrl}/duoc-danh-chi-muc" }));
            Assert.That(news.Root!.Descendants(News + "title").Select(t => t.Value), Is.EqualTo(new[] { "Được đánh chỉ mục" }));
        }
    }

    [Test]
    public async Task ACanonicalUrlIsTheArticlesLinkEverywhere()
    {
        const string canonical = "https://tinhuy.laichau.gov.vn/tin/giao-ban";
        await PublishAsync("Giao ban", Now.AddMinutes(-5), changes: new { seo = new { title = (string?)null, description = (string?)null, canonicalUrl = canonical, noIndex = false } });

        var rss = await XmlAsync("/api/v1/feeds/rss", "application/rss+xml");
        var atom = await XmlAsync("/api/v1/feeds/atom", "application/atom+xml");
        var file = await XmlAsync("/api/v1/sitemaps/articles-1.xml", "application/xml");
        var news = await XmlAsync("/api/v1/sitemaps/news.xml", "application/xml");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(rss.Root!.Element("channel")!.Element("item")!.Element("link")!.Value, Is.EqualTo(canonical));
            Assert.That(atom.Root!.Element(Atom + "entry")!.Element(Atom + "link")!.Attribute("href")!.Value, Is.EqualTo(canonical));
            Assert.That(file.Root!.Element(Sitemap + "url")!.Element(Sitemap + "loc")!.Value, Is.EqualTo(canonical));
            Assert.That(news.Root!.Element(Sitemap + "url")!.Element(Sitemap + "loc")!.Value, Is.EqualTo(canonical));
        }
    }

    private async Task<List<string>> GuidsAsync(string format, string query)
    {
        var document = await XmlAsync($"/api/v1/feeds/{format}{query}", $"application/{format}+xml");
        return format == "rss"
            ? document.Root!.Element("channel")!.Elements("item").Select(i => i.Element("guid")!.Value).ToList()
            : document.Root!.Elements(Atom + "entry").Select(e => e.Element(Atom + "id")!.Value).ToList();
    }

    [Test]
    public async Task ControlCharactersAreRefusedOnWriteAndAStoredOneCannotBreakAFeed()
    {
        using var refused = await SendAsync(HttpMethod.Post, "/api/v1/articles", Editor, ArticleBody(Author, new { title = "Tin \u000b lỗi" }));
        var id = await PublishAsync("Tin cũ không lỗi", Now.AddHours(-1));
        // A row written before the rule existed, straight to the database.
        await WithDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE articles SET title = {"Tin cũ \u000b lỗi"} WHERE id = {id}"));

        var rss = await XmlAsync("/api/v1/feeds/rss", "application/rss+xml");
        var atom = await XmlAsync("/api/v1/feeds/atom", "application/atom+xml");
        var news = await XmlAsync("/api/v1/sitemaps/news.xml", "application/xml");

        using (Assert.EnterMultipleScope())
        {
            Assert.That((await AssertProblemAsync(refused, 400, "validation_failed"))["errors"]!.AsObject().ContainsKey("title"), Is.True);
            Assert.That(rss.Descendants("title").Select(t => t.Value), Does.Contain("Tin cũ  lỗi"));
            Assert.That(atom.Descendants(Atom + "title").Select(t => t.Value), Does.Contain("Tin cũ  lỗi"));
            Assert.That(news.Descendants(News + "title").Select(t => t.Value), Does.Contain("Tin cũ  lỗi"));
        }
    }
}
