using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Cms.Api.Articles;
using Cms.Api.Infrastructure.Paging;
using Cms.Api.ReadPath;
using Cms.Api.Sync;
using Cms.Api.Tests.Infrastructure;

namespace Cms.Api.Tests.Caching;

/// <summary>
/// Anonymous reads are served from cached answers; these tests read through the cache right after every kind of change
/// and expect the change. Cached answers live a minute here, so only invalidation (never age) can explain a fresh read.
/// </summary>
public sealed class ReadCacheTests : WriterTest
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Cms:ReadCache:MaxAgeMilliseconds"] = "60000",
        ["Cms:ReadCache:CountersForgetSeconds"] = "1",
        ["Cms:Cors:AllowedOrigins:0"] = AllowedOrigin,
    };

    private const string AllowedOrigin = "https://app.example.vn";

    private async Task<JsonObject> PublishedAsync(string slug, object? changes = null) =>
        await CreateArticleAsync(Editor, ArticleBody(Author, changes ?? new { slug, title = "Tin " + slug, publishAt = Now.AddHours(-1) }));

    [Test]
    public async Task AnswersAreCachedUntilContentChanges()
    {
        var article = await PublishedAsync("giu");
        var before = (await ArticleAsync("/api/v1/articles/giu")).Title;
        await UnheardAsync("UPDATE articles SET title = 'sửa ngầm' WHERE slug = 'giu'");
        var cached = (await ArticleAsync("/api/v1/articles/giu")).Title;

        using var edited = await PutAsync($"/api/v1/articles/{article["id"]}", Editor,
            ArticleBody(Author, new { slug = "giu", title = "Sửa qua API", publishAt = Now.AddHours(-1) }));
        var fresh = await ArticleAsync("/api/v1/articles/giu");

        Assert.That(cached, Is.EqualTo(before), "a change the service was not told of is not seen: the answer was cached");
        Assert.That(fresh.Title, Is.EqualTo("Sửa qua API"));
        Assert.That(fresh.Version, Is.EqualTo(2));
    }

    [Test]
    public async Task ASyncWithNothingNewIsCachedAndAChangeShowsAtOnce()
    {
        var article = await PublishedAsync("dong-bo");
        var initial = await GetAsync<SyncResponse>("/api/v1/sync");
        Assert.That(initial.HasMore, Is.False);
        var since = "/api/v1/sync?token=" + Uri.EscapeDataString(initial.NextToken);

        Assert.That((await GetAsync<SyncResponse>(since)).Items, Is.Empty);
        await UnheardAsync("UPDATE articles SET title = 'sửa ngầm', version = version + 1, change_xid = pg_current_xact_id() WHERE slug = 'dong-bo'");
        var cached = await GetAsync<SyncResponse>(since);

        using var edited = await PutAsync($"/api/v1/articles/{article["id"]}", Editor,
            ArticleBody(Author, new { slug = "dong-bo", title = "Sửa qua API", publishAt = Now.AddHours(-1) }));
        var delta = await GetAsync<SyncResponse>(since);

        Assert.That(cached.Items, Is.Empty, "devices asking again with nothing new share the cached answer");
        Assert.That(delta.Items.Select(i => i.Title), Is.EqualTo(new[] { "Sửa qua API" }));
    }

    [Test]
    public async Task ACachedArticleWhoseCountersWereEvictedComesBackWithFreshCountersNotReadAgain()
    {
        await PublishedAsync("quen");
        var cached = (await ArticleAsync("/api/v1/articles/quen")).Title;
        // Unseen by the service: a new title it must not show (the cached answer stands), and counters it must.
        await UnheardAsync("UPDATE articles SET title = 'sửa ngầm' WHERE slug = 'quen'");
        await UnheardAsync("UPDATE article_stats SET view_count = 77 FROM articles a WHERE a.id = article_id AND a.slug = 'quen'");
        await EvictUnreadCountersAsync();

        var again = await ArticleAsync("/api/v1/articles/quen");

        Assert.That(again.ViewCount, Is.EqualTo(77), "the counters came from the database");
        Assert.That(again.Title, Is.EqualTo(cached), "the article itself was not read again");
    }

    [Test]
    public async Task ASearchCachesWhichArticlesMatchButReadsTheirRowsFreshAndSeesNewMatchesAtOnce()
    {
        await PublishedAsync("bong-da-1", new { slug = "bong-da-1", title = "Bóng đá một", publishAt = Now.AddHours(-2) });
        await PublishedAsync("bong-da-2", new { slug = "bong-da-2", title = "Bóng đá hai", publishAt = Now.AddHours(-1) });

        // Two URLs of the same search (same rows, same order): the second is not a cached answer, so it is made again, and
        // only the cached keys can explain it still listing an article that no longer matches.
        const string picked = "&fields=slug,title,viewCount";
        using (var first = await Client.GetAsync("/api/v1/articles?q=bong%20da" + picked))
        {
            Assert.That((await JsonAsync(first))["total"]!.GetValue<long>(), Is.EqualTo(2));
        }

        await UnheardAsync("UPDATE articles SET title = 'Bài khác hẳn' WHERE slug = 'bong-da-1'");
        await UnheardAsync("UPDATE article_stats SET view_count = 55 FROM articles a WHERE a.id = article_id AND a.slug = 'bong-da-1'");
        using var second = await Client.GetAsync("/api/v1/articles?q=bong%20da&includeTotal=false" + picked);
        var again = (await JsonAsync(second))["items"]!.AsArray();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(again.Select(i => i!["slug"]!.GetValue<string>()), Is.EqualTo(new[] { "bong-da-2", "bong-da-1" }), "which articles match was cached");
            Assert.That(again[1]!["title"]!.GetValue<string>(), Is.EqualTo("Bài khác hẳn"), "their rows were read fresh");
            Assert.That(again[1]!["viewCount"]!.GetValue<long>(), Is.EqualTo(55), "so were their counters");
        }

        await PublishedAsync("bong-da-3", new { slug = "bong-da-3", title = "Bóng đá ba", publishAt = Now.AddMinutes(-1) });
        var fresh = await GetAsync<PagedList<SlugOnly>>("/api/v1/articles?q=bong%20da&includeTotal=false&fields=slug");

        Assert.That(fresh.Items.Select(i => i.Slug), Is.EqualTo(new[] { "bong-da-3", "bong-da-2" }), "a write searches again");
    }

    [Test]
    public async Task UnpublishingAndDeletingShowAtOnce()
    {
        var hidden = await PublishedAsync("an");
        var gone = await PublishedAsync("xoa");
        Assert.That(await ListSlugsAsync(), Is.EquivalentTo(new[] { "an", "xoa" }));
        Assert.That(await StatusAsync("/api/v1/articles/an"), Is.EqualTo(200));
        Assert.That(await StatusAsync("/api/v1/articles/xoa"), Is.EqualTo(200));

        using var draft = await PutAsync($"/api/v1/articles/{hidden["id"]}", Editor, ArticleBody(Author, new { slug = "an", status = "draft" }));
        using var delete = await SendAsync(HttpMethod.Delete, $"/api/v1/articles/{gone["id"]}", Editor);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(await StatusAsync("/api/v1/articles/an"), Is.EqualTo(404));
            Assert.That(await StatusAsync("/api/v1/articles/xoa"), Is.EqualTo(404));
            Assert.That(await ListSlugsAsync(), Is.Empty);
        }
    }

    [Test]
    public async Task ScheduledArticlesArriveAndExpiringOnesLeaveWithNoWrite()
    {
        await PublishedAsync("hen", new { slug = "hen", title = "Hẹn giờ", publishAt = Now.AddMinutes(10) });
        await PublishedAsync("het", new { slug = "het", title = "Hết hạn", publishAt = Now.AddHours(-1), expiresAt = Now.AddMinutes(20) });
        Assert.That(await ListSlugsAsync(), Is.EqualTo(new[] { "het" }));
        Assert.That(await StatusAsync("/api/v1/articles/hen"), Is.EqualTo(404));

        App.Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.That(await ListSlugsAsync(), Is.EqualTo(new[] { "hen", "het" }));
        Assert.That(await StatusAsync("/api/v1/articles/hen"), Is.EqualTo(200));

        App.Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.That(await ListSlugsAsync(), Is.EqualTo(new[] { "hen" }));
        Assert.That(await StatusAsync("/api/v1/articles/het"), Is.EqualTo(404));
    }

    [Test]
    public async Task AnotherArticlesScheduledPublicationLeavesCachedArticlesCached()
    {
        await PublishedAsync("o-lai");
        await PublishedAsync("sap-len", new { slug = "sap-len", title = "Sắp lên", publishAt = App.Clock.GetUtcNow().AddMinutes(10) });
        var before = (await ArticleAsync("/api/v1/articles/o-lai")).Title;
        await UnheardAsync("UPDATE articles SET title = 'sửa ngầm' WHERE slug = 'o-lai'");

        App.Clock.Advance(TimeSpan.FromMinutes(10));

        Assert.That((await ArticleAsync("/api/v1/articles/o-lai")).Title, Is.EqualTo(before), "another article going live by time does not empty the article cache");
        Assert.That(await ListSlugsAsync(), Does.Contain("sap-len"), "lists do follow it");
    }

    [Test]
    public async Task RenamingAnAuthorReachesEveryCachedArticle()
    {
        await PublishedAsync("ten");
        Assert.That((await ArticleAsync("/api/v1/articles/ten")).Authors[0].Name, Is.EqualTo("Hồng Phái"));

        using var renamed = await SendAsync(HttpMethod.Put, $"/api/v1/authors/{Author}", Editor, new { name = "Hồng Phái (BTG)", slug = "hong-phai", organization = "BTG", bio = (string?)null, avatarUrl = (string?)null });
        Assert.That((int)renamed.StatusCode, Is.EqualTo(200), await renamed.Content.ReadAsStringAsync());

        Assert.That((await ArticleAsync("/api/v1/articles/ten")).Authors[0].Name, Is.EqualTo("Hồng Phái (BTG)"));
    }

    [Test]
    public async Task ACachedAnswerStillAnswers304ToItsETag()
    {
        await PublishedAsync("etag");
        using var first = await Client.GetAsync("/api/v1/articles/etag");
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/articles/etag");
        request.Headers.TryAddWithoutValidation("If-None-Match", first.Headers.ETag!.Tag);

        using var second = await Client.SendAsync(request);

        Assert.That((int)second.StatusCode, Is.EqualTo(304));
        Assert.That(second.Headers.ETag?.Tag, Is.EqualTo(first.Headers.ETag.Tag));
    }

    [TestCase("\"0\", {0}", 304, TestName = "ACachedAnswerFindsItsETagInAList")]
    [TestCase("W/{0}", 304, TestName = "ACachedAnswerMatchesAWeakCopyOfItsETag")]
    [TestCase("\"0\", W/\"0\"", 200, TestName = "ACachedAnswerIsServedWhenNoTagInTheListMatches")]
    public async Task ACachedAnswerComparesIfNoneMatchAsRfc9110Says(string header, int status)
    {
        var slug = "etag-" + Guid.NewGuid().ToString("N")[..8];
        await PublishedAsync(slug);
        using var first = await Client.GetAsync($"/api/v1/articles/{slug}");
        using var cached = await Client.GetAsync($"/api/v1/articles/{slug}");
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/articles/{slug}");
        request.Headers.TryAddWithoutValidation("If-None-Match", string.Format(System.Globalization.CultureInfo.InvariantCulture, header, first.Headers.ETag!.Tag));

        using var answer = await Client.SendAsync(request);

        Assert.That((int)answer.StatusCode, Is.EqualTo(status));
    }

    [Test]
    public async Task ACachedArticleIsAnsweredWithTheSameBytesAndHeadersAsWhenItWasMade()
    {
        await PublishedAsync("giong");
        using var made = await Client.GetAsync("/api/v1/articles/giong");
        using var kept = await Client.GetAsync("/api/v1/articles/giong");

        // How long the body is may be told differently (a made answer is streamed); everything else is the same.
        string Headers(HttpResponseMessage r) => string.Join("\n", r.Headers.Concat(r.Content.Headers)
            .Where(h => h.Key is not ("Date" or "Content-Length" or "Transfer-Encoding")).OrderBy(h => h.Key).Select(h => $"{h.Key}: {string.Join(", ", h.Value)}"));
        using (Assert.EnterMultipleScope())
        {
            Assert.That((int)kept.StatusCode, Is.EqualTo(200));
            Assert.That(Headers(kept), Is.EqualTo(Headers(made)));
            Assert.That(Headers(kept), Does.Contain("X-Content-Type-Options: nosniff").And.Contain("Content-Security-Policy: default-src 'none'"));
            Assert.That(await kept.Content.ReadAsStringAsync(), Is.EqualTo(await made.Content.ReadAsStringAsync()));
        }
    }

    [Test]
    public async Task ACachedArticleReadFromAnotherOriginStillGetsItsCorsHeaders()
    {
        await PublishedAsync("cors");
        using var made = await Client.GetAsync("/api/v1/articles/cors");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/articles/cors");
        request.Headers.Add("Origin", AllowedOrigin);

        using var kept = await Client.SendAsync(request);

        using (Assert.EnterMultipleScope())
        {
            Assert.That((int)kept.StatusCode, Is.EqualTo(200));
            Assert.That(kept.Headers.TryGetValues("Access-Control-Allow-Origin", out var allowed) ? allowed.Single() : "", Is.EqualTo(AllowedOrigin));
            Assert.That(await kept.Content.ReadAsStringAsync(), Is.EqualTo(await made.Content.ReadAsStringAsync()));
        }
    }

    [Test]
    public async Task EditorsAreNeverServedReadersAnswers()
    {
        await PublishedAsync("cong-khai");
        await CreateArticleAsync(Editor, ArticleBody(Author, new { slug = "nhap", status = "draft" }));
        Assert.That(await ListSlugsAsync(), Is.EqualTo(new[] { "cong-khai" }));

        using var asEditor = await SendAsync(HttpMethod.Get, "/api/v1/articles", Editor);
        var slugs = (await JsonAsync(asEditor))["items"]!.AsArray().Select(i => i!["slug"]!.GetValue<string>());

        Assert.That(slugs, Is.EquivalentTo(new[] { "cong-khai", "nhap" }));
    }

    [Test]
    public async Task AWriteOnAnotherInstanceReachesThisOnesCachedAnswers()
    {
        await using var pair = await InstancePair.StartAsync(Settings);
        var (token, author) = await pair.WriterAsync();
        var article = await pair.PublishAsync(pair.ClientA, token, author, "hai-may");
        Assert.That((await GetAsync<ArticleResponse>("/api/v1/articles/hai-may", pair.ClientA)).Title, Is.EqualTo("Tin hai-may"));
        Assert.That((await GetAsync<PagedList<ArticleResponse>>("/api/v1/articles", pair.ClientA)).Items.Select(i => i.Slug), Is.EqualTo(new[] { "hai-may" }));

        await ApiTest.HeardAsync(pair.A, async () =>
        {
            using var edited = await pair.ClientB.SendAsync(Request(HttpMethod.Put, $"/api/v1/articles/{article.Id}", token,
                ArticleBody(author, new { slug = "hai-may", title = "Sửa ở máy khác", publishAt = pair.Clock.GetUtcNow().AddHours(-1) })));
            Assert.That((int)edited.StatusCode, Is.EqualTo(200));
        });
        await ApiTest.HeardAsync(pair.A, () => pair.PublishAsync(pair.ClientB, token, author, "moi", minutesAgo: 1));

        Assert.That((await GetAsync<ArticleResponse>("/api/v1/articles/hai-may", pair.ClientA)).Title, Is.EqualTo("Sửa ở máy khác"));
        Assert.That((await GetAsync<PagedList<ArticleResponse>>("/api/v1/articles", pair.ClientA)).Items.Select(i => i.Slug), Is.EqualTo(new[] { "moi", "hai-may" }));
    }

    [Test]
    public async Task ACachedArticleCarriesLiveCountersFromThisAndOtherInstances()
    {
        await using var pair = await InstancePair.StartAsync(Settings);
        var (token, author) = await pair.WriterAsync();
        var id = (await pair.PublishAsync(pair.ClientA, token, author, "dem")).Id;
        Assert.That((await GetAsync<ArticleResponse>("/api/v1/articles/dem", pair.ClientA)).Rating.Count, Is.Zero);

        using var rated = await pair.ClientA.PostAsJsonAsync($"/api/v1/articles/{id}/ratings", new { score = 4, raterId = Guid.NewGuid() });
        var afterOwnRating = await GetAsync<ArticleResponse>("/api/v1/articles/dem", pair.ClientA);
        using var otherRating = await pair.ClientB.PostAsJsonAsync($"/api/v1/articles/{id}/ratings", new { score = 2, raterId = Guid.NewGuid() });
        Assert.That((int)otherRating.StatusCode, Is.EqualTo(200));
        await pair.A.RefreshCountersAsync();
        var afterOtherRating = await GetAsync<ArticleResponse>("/api/v1/articles/dem", pair.ClientA);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(afterOwnRating.Rating, Is.EqualTo(new RatingSummary(4, 1, 4)), "this instance's rating at once");
            Assert.That(afterOtherRating.Rating, Is.EqualTo(new RatingSummary(6, 2, 3)), "another's at the next refresh");
            Assert.That(afterOtherRating.Version, Is.EqualTo(1), "counters are not edits");
            Assert.That(afterOtherRating.Title, Is.EqualTo("Tin dem"));
        }
    }

    [Test]
    public async Task ACachedListCarriesLiveCountersFromThisAndOtherInstancesWhileStillCached()
    {
        await using var pair = await InstancePair.StartAsync(Settings);
        var (token, author) = await pair.WriterAsync();
        var id = (await pair.PublishAsync(pair.ClientA, token, author, "dem-ds")).Id;
        var cached = (await ItemAsync("/api/v1/articles", "dem-ds", pair.ClientA)).Title;
        await UnheardOnAsync(pair.ConnectionString, "UPDATE articles SET title = 'sửa ngầm' WHERE slug = 'dem-ds'");

        using var rated = await pair.ClientA.PostAsJsonAsync($"/api/v1/articles/{id}/ratings", new { score = 5, raterId = Guid.NewGuid() });
        var afterOwnRating = await ItemAsync("/api/v1/articles", "dem-ds", pair.ClientA);
        using var otherRating = await pair.ClientB.PostAsJsonAsync($"/api/v1/articles/{id}/ratings", new { score = 4, raterId = Guid.NewGuid() });
        using var otherView = await pair.ClientB.PostAsync($"/api/v1/articles/{id}/views", null);
        Assert.That((int)otherView.StatusCode, Is.EqualTo(202));
        await pair.B.FlushViewsAsync();
        await pair.A.RefreshCountersAsync();
        var afterOther = await ItemAsync("/api/v1/articles", "dem-ds", pair.ClientA);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(afterOwnRating.Rating, Is.EqualTo(new RatingSummary(5, 1, 5)), "this instance's rating at once");
            Assert.That(afterOther.ViewCount, Is.EqualTo(1), "another instance's view at the next flush and refresh");
            Assert.That(afterOther.Rating, Is.EqualTo(new RatingSummary(9, 2, 4.5)));
            Assert.That(afterOther.Title, Is.EqualTo(cached), "still the cached list");
        }
    }

    [Test]
    public async Task ACachedListIsAnsweredWithTheSameBytesAsWhenItWasMade()
    {
        var first = (await PublishedAsync("mot-ds"))["id"]!.GetValue<string>();
        await PublishedAsync("hai-ds", new { slug = "hai-ds", title = "Tin \"hai\" <b>&</b> đồng", publishAt = Now.AddHours(-2) });
        foreach (var score in new[] { 4, 5, 5 })
        {
            using var rated = await SendAsync(HttpMethod.Post, $"/api/v1/articles/{first}/ratings", body: new { score, raterId = Guid.NewGuid() });
        }

        foreach (var url in new[] { "/api/v1/articles", "/api/v1/articles?q=tin&pageSize=1", "/api/v1/articles?sort=publishedAt&includeTotal=false" })
        {
            using var made = await Client.GetAsync(url);
            using var kept = await Client.GetAsync(url);
            using (Assert.EnterMultipleScope())
            {
                Assert.That(await kept.Content.ReadAsStringAsync(), Is.EqualTo(await made.Content.ReadAsStringAsync()), url);
                Assert.That(kept.Content.Headers.ContentLength, Is.EqualTo(made.Content.Headers.ContentLength), url);
                Assert.That(kept.Content.Headers.ContentType?.ToString(), Is.EqualTo(made.Content.Headers.ContentType?.ToString()), url);
            }
        }

        Assert.That((await ItemAsync("/api/v1/articles", "mot-ds")).Rating, Is.EqualTo(new RatingSummary(14, 3, 4.67)));
    }

    [Test]
    public async Task ACachedListWhoseCountersWereEvictedReadsThemBackNotTheList()
    {
        await PublishedAsync("quen-ds");
        var cached = (await ItemAsync("/api/v1/articles", "quen-ds")).Title;
        await UnheardAsync("UPDATE articles SET title = 'sửa ngầm' WHERE slug = 'quen-ds'");
        await UnheardAsync("UPDATE article_stats SET view_count = 55 FROM articles a WHERE a.id = article_id AND a.slug = 'quen-ds'");
        await EvictUnreadCountersAsync();

        var again = await ItemAsync("/api/v1/articles", "quen-ds");

        Assert.That(again.ViewCount, Is.EqualTo(55), "the counters came from the database");
        Assert.That(again.Title, Is.EqualTo(cached), "the list itself was not made again");
    }

    [Test]
    public async Task AKeptListServedUnchangedShowsAFlushedViewAtTheNextRead()
    {
        var id = (await PublishedAsync("xem-ds"))["id"]!.GetValue<string>();
        var made = await Client.GetStringAsync("/api/v1/articles");
        // Counters unchanged since they were checked: these bytes are served with no lookup per item.
        var kept = await Client.GetStringAsync("/api/v1/articles");
        using var viewed = await Client.PostAsync($"/api/v1/articles/{id}/views", null);
        Assert.That((int)viewed.StatusCode, Is.EqualTo(202));
        await App.FlushViewsAsync();
        var afterFlush = await ItemAsync("/api/v1/articles", "xem-ds");
        await ScalarAsync<int>("UPDATE article_stats SET view_count = 77 FROM articles a WHERE a.id = article_id AND a.slug = 'xem-ds'");
        await App.RefreshCountersAsync();
        var afterRefresh = await ItemAsync("/api/v1/articles", "xem-ds");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(kept, Is.EqualTo(made));
            Assert.That(afterFlush.ViewCount, Is.EqualTo(1), "the flush moved the counters' generation");
            Assert.That(afterRefresh.ViewCount, Is.EqualTo(77), "and so did another instance's write, at the refresh");
        }
    }

    [Test]
    public async Task CountersWrittenBehindTheServicesBackShowInCachedAnswersAtTheNextRefresh()
    {
        await PublishedAsync("ngam");
        Assert.That((await ArticleAsync("/api/v1/articles/ngam")).ViewCount, Is.Zero);
        Assert.That((await ItemAsync("/api/v1/articles", "ngam")).ViewCount, Is.Zero);
        // Two refreshes: the counters are then cached and settled, and only the refresh of what was written since can
        // bring a change made, as here, through no instance at all.
        await App.RefreshCountersAsync();
        await App.RefreshCountersAsync();

        await ScalarAsync<int>("UPDATE article_stats SET view_count = 4242, rating_total = 9, rating_count = 2 FROM articles a WHERE a.id = article_id AND a.slug = 'ngam'");
        await App.RefreshCountersAsync();
        var article = await ArticleAsync("/api/v1/articles/ngam");
        var item = await ItemAsync("/api/v1/articles", "ngam");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(article.ViewCount, Is.EqualTo(4242));
            Assert.That(item.ViewCount, Is.EqualTo(4242));
            Assert.That(item.Rating, Is.EqualTo(new RatingSummary(9, 2, 4.5)));
        }
    }

    private sealed record SlugOnly(Guid Id, string Slug);

    private Task<T> GetAsync<T>(string url, HttpClient? client = null) => GetOkAsync<T>(client ?? Client, url);

    private Task<ArticleResponse> ArticleAsync(string url) => GetAsync<ArticleResponse>(url);

    private Task<int> StatusAsync(string url) => StatusOfAsync(Client, url);

    private async Task<string[]> ListSlugsAsync() => (await GetAsync<PagedList<ArticleResponse>>("/api/v1/articles")).Items.Select(i => i.Slug).ToArray();

    private async Task<ArticleResponse> ItemAsync(string url, string slug, HttpClient? client = null) =>
        (await GetAsync<PagedList<ArticleResponse>>(url, client)).Items.Single(i => i.Slug == slug);

    /// <summary>Unread for longer than CountersForgetSeconds (1 s here), then a refresh: the counters are evicted.</summary>
    private async Task EvictUnreadCountersAsync()
    {
        App.Clock.Advance(TimeSpan.FromSeconds(2));
        await App.RefreshCountersAsync();
    }
}
