using Cms.Api.Articles;
using Cms.Api.Infrastructure.Paging;
using Cms.Api.Tests.Infrastructure;

namespace Cms.Api.Tests.Articles;

public sealed class ArticleListTests : ContentTest
{
    private string _editor = "";

    // The fixture outlives each test's data: a token from an earlier test is gone with its user.
    [SetUp]
    public void ForgetEditor() => _editor = "";

    private async Task<string[]> SlugsAsync(string query, string? token = null) =>
        (await ArticlePageAsync("/api/v1/articles" + query, token)).Items.Select(i => i.Slug).ToArray();

    /// <summary>Three published articles an hour apart (a, b, c), in two categories, with tags and two bylines; one draft.</summary>
    private async Task SeedAsync()
    {
        _editor = await EditorAsync();
        var phai = await CreateAuthorAsync(_editor, "Hồng Phái");
        var lan = await CreateAuthorAsync(_editor, "Ngọc Lan");
        var education = await CreateCategoryAsync(_editor, "Khoa giáo");
        var culture = await CreateCategoryAsync(_editor, "Văn hóa");
        await CreateArticleAsync(_editor, ArticleBody(phai, new { title = "a", publishAt = Now.AddHours(-3), tags = new[] { "giáo dục" } }, education));
        await CreateArticleAsync(_editor, ArticleBody(lan, new { title = "b", publishAt = Now.AddHours(-2), tags = new[] { "lễ hội" } }, culture));
        await CreateArticleAsync(_editor, ArticleBody(phai, new { title = "c", publishAt = Now.AddHours(-1), tags = new[] { "giáo dục", "y tế" } }, culture));
        await CreateArticleAsync(_editor, ArticleBody(lan, new { title = "d", status = "draft" }, education));
    }

    [Test]
    public async Task FiltersNarrowTheListAndCombine()
    {
        await SeedAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(await SlugsAsync(""), Is.EqualTo(new[] { "c", "b", "a" }));
            Assert.That(await SlugsAsync("?category=van-hoa"), Is.EqualTo(new[] { "c", "b" }));
            Assert.That(await SlugsAsync("?tag=gi%C3%A1o%20d%E1%BB%A5c"), Is.EqualTo(new[] { "c", "a" }));
            Assert.That(await SlugsAsync("?author=hong-phai"), Is.EqualTo(new[] { "c", "a" }));
            Assert.That(await SlugsAsync("?author=hong-phai&category=van-hoa"), Is.EqualTo(new[] { "c" }));
            Assert.That(await SlugsAsync($"?publishedFrom={Uri.EscapeDataString(Now.AddHours(-2.5).ToString("O"))}&publishedTo={Uri.EscapeDataString(Now.AddHours(-1.5).ToString("O"))}"),
                Is.EqualTo(new[] { "b" }));
            Assert.That(await SlugsAsync("?sort=publishedAt"), Is.EqualTo(new[] { "a", "b", "c" }));
            Assert.That(await SlugsAsync("?category=nothing-here"), Is.Empty);
        }
    }

    [Test]
    public async Task OnlyEditorsFilterByStatus()
    {
        await SeedAsync();
        var (_, _, writer) = await CreateUserAsync("author");

        Assert.That(await SlugsAsync("?status=draft", _editor), Is.EqualTo(new[] { "d" }));
        using var anonymous = await Client.GetAsync("/api/v1/articles?status=draft");
        using var asAuthor = await SendAsync(HttpMethod.Get, "/api/v1/articles?status=draft", writer);
        await AssertProblemAsync(anonymous, 403, "forbidden");
        await AssertProblemAsync(asAuthor, 403, "forbidden");
    }

    [TestCase("?sort=relevance", "sort")]
    [TestCase("?fields=title,password", "fields")]
    [TestCase("?q=%22%27%3B--", "q")]
    [TestCase("?cursor=bm90LWEtY3Vyc29y", "cursor")]
    [TestCase("?cursor=%25%25%25", "cursor")]
    [TestCase("?page=2&cursor=abc", "cursor")]
    [TestCase("?pageSize=101", "pageSize")]
    [TestCase("?page=0", "page")]
    [TestCase("?sort=title", "sort")]
    [TestCase("?status=live", "status")]
    [TestCase("?publishedFrom=yesterday", "publishedFrom")]
    [TestCase("?publishedFrom=2026-02-01T00:00:00Z&publishedTo=2026-01-01T00:00:00Z", "publishedTo")]
    public async Task BadFiltersAre400NamingTheParameter(string query, string parameter)
    {
        using var response = await Client.GetAsync("/api/v1/articles" + query);

        var problem = await AssertProblemAsync(response, 400, "validation_failed");
        Assert.That(problem["errors"]!.AsObject().ContainsKey(parameter), Is.True, problem.ToJsonString());
    }

    private async Task<List<string>> CreateManyAsync(int count, Func<int, object> changes)
    {
        _editor = _editor.Length > 0 ? _editor : await EditorAsync();
        var author = await CreateAuthorAsync(_editor, "Tác giả " + Guid.NewGuid().ToString("N")[..6]);
        var slugs = new List<string>();
        for (var i = 0; i < count; i++)
        {
            slugs.Add((await CreateArticleResponseAsync(_editor, ArticleBody(author, changes(i)))).Slug);
        }

        return slugs;
    }

    [Test]
    public async Task CursorsAndNumberedPagesCoverTheListExactlyOnceInTheSameOrder()
    {
        // Pairs share a publish time, so the id must break ties for pages to be stable.
        var created = await CreateManyAsync(23, i => new { title = $"bai {i:00}", publishAt = Now.AddMinutes(-60 + i / 2) });

        var (followed, pages) = await FollowCursorsAsync("?pageSize=5");
        var numbered = new List<string>();
        for (var page = 1; page <= 6; page++)
        {
            numbered.AddRange(await SlugsAsync($"?pageSize=5&page={page}"));
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(followed, Is.EquivalentTo(created), "every article once");
            Assert.That(followed, Is.EqualTo(numbered), "cursor pages and numbered pages agree");
            Assert.That(pages, Is.EqualTo(new[] { 1, 2, 3, 4, 5 }), "a cursor page knows its number");
            Assert.That(await SlugsAsync("?pageSize=5&page=6"), Is.Empty, "a page past the end is empty");
        }
    }

    [TestCase("-viewCount")]
    [TestCase("-rating")]
    [TestCase("publishedAt")]
    public async Task CursorsCoverEverySortExactlyOnce(string sort)
    {
        var created = await CreateManyAsync(9, i => new { title = $"bai {i}", publishAt = Now.AddMinutes(-30 + i) });
        // Ties on purpose: counters 0, 0, 1, 1, 2, ...
        await ScalarAsync<int>("UPDATE article_stats SET view_count = s.n / 2, rating_total = (s.n / 2) * 3, rating_count = s.n / 3 " +
            "FROM (SELECT article_id, row_number() OVER (ORDER BY article_id) AS n FROM article_stats) AS s WHERE article_stats.article_id = s.article_id");

        var (followed, _) = await FollowCursorsAsync($"?pageSize=2&sort={sort}");
        var all = await SlugsAsync($"?pageSize=100&sort={sort}");

        Assert.That(followed, Is.EqualTo(all));
        Assert.That(followed, Is.EquivalentTo(created));
    }

    [Test]
    public async Task CounterSortsOrderByViewsAndByAverageRating()
    {
        await SeedAsync();
        await ScalarAsync<int>("UPDATE article_stats s SET view_count = v.views, rating_total = v.total, rating_count = v.count " +
            "FROM articles a JOIN (VALUES ('a', 5, 10, 2), ('b', 50, 4, 1), ('c', 7, 0, 0)) AS v(slug, views, total, count) ON a.slug = v.slug " +
            "WHERE s.article_id = a.id");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(await SlugsAsync("?sort=-viewCount"), Is.EqualTo(new[] { "b", "c", "a" }));
            // a: 5.0 average from 2 ratings, b: 4.0, c: unrated last.
            Assert.That(await SlugsAsync("?sort=-rating"), Is.EqualTo(new[] { "a", "b", "c" }));
        }
    }

    [Test]
    public async Task CursorsNeitherRepeatNorSkipWhileArticlesArePublished()
    {
        var created = await CreateManyAsync(12, i => new { title = $"cu {i:00}", publishAt = Now.AddHours(-5).AddMinutes(i) });
        var added = new List<string>();

        // Newest first: articles published during the scroll go to the top, before the cursor, and must not shift what follows.
        var (followed, _) = await FollowCursorsAsync("?pageSize=4", async i =>
            added.Add((await CreateArticleResponseAsync(_editor, ArticleBody(await CreateAuthorAsync(_editor, $"Mới {i}"), new { title = $"moi {i}", publishAt = Now.AddMinutes(-1) }))).Slug));

        Assert.That(followed, Is.EqualTo(created.AsEnumerable().Reverse()), "the original set, in order, once each");
        Assert.That(added, Is.Not.Empty);
    }

    [Test]
    public async Task ACursorOnlyWorksForTheListItCameFrom()
    {
        await CreateManyAsync(4, i => new { title = $"x {i}", publishAt = Now.AddMinutes(-10 + i) });
        using var first = await Client.GetAsync("/api/v1/articles?pageSize=2");
        var cursor = (await ReadAsync<PagedList<ArticleResponse>>(first)).NextCursor!;
        var tampered = cursor[..^2] + (cursor[^2] == 'A' ? "B" : "A") + cursor[^1];

        using var otherSort = await Client.GetAsync($"/api/v1/articles?pageSize=2&sort=publishedAt&cursor={Uri.EscapeDataString(cursor)}");
        using var forged = await Client.GetAsync($"/api/v1/articles?pageSize=2&cursor={Uri.EscapeDataString(tampered)}");
        using var same = await Client.GetAsync($"/api/v1/articles?pageSize=2&cursor={Uri.EscapeDataString(cursor)}");

        await AssertProblemAsync(otherSort, 400, "validation_failed");
        await AssertProblemAsync(forged, 400, "validation_failed");
        Assert.That((int)same.StatusCode, Is.EqualTo(200));
    }

    [Test]
    public async Task FieldsPickPropertiesAndBodyOnlyWhenAsked()
    {
        await SeedAsync();

        using var picked = await Client.GetAsync("/api/v1/articles?fields=title,body,authors&pageSize=1");
        var item = (await JsonAsync(picked))["items"]![0]!.AsObject();
        using var plain = await Client.GetAsync("/api/v1/articles?pageSize=1");
        var listItem = (await JsonAsync(plain))["items"]![0]!.AsObject();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(item.Select(p => p.Key), Is.EquivalentTo(new[] { "id", "title", "body", "authors" }));
            Assert.That(item["body"]!.GetValue<string>(), Does.Contain("<p>"));
            Assert.That(item["authors"]![0]!["name"]!.GetValue<string>(), Is.EqualTo("Hồng Phái"));
            Assert.That(listItem.ContainsKey("body"), Is.False, "lists leave the body out by default");
            Assert.That(listItem.ContainsKey("rating") && listItem.ContainsKey("categories") && listItem.ContainsKey("viewCount"), Is.True);
        }
    }

    [Test]
    public async Task IncludeTotalFalseLeavesTheCountOut()
    {
        await SeedAsync();

        using var response = await Client.GetAsync("/api/v1/articles?includeTotal=false");
        var body = await JsonAsync(response);

        Assert.That(body.ContainsKey("total"), Is.False);
        Assert.That(body["items"]!.AsArray(), Has.Count.EqualTo(3));
    }

    [Test]
    public async Task AnAuthorsArticlesPageAndFilterLikeTheMainList()
    {
        await SeedAsync();

        using var response = await Client.GetAsync("/api/v1/authors/hong-phai/articles?pageSize=1&tag=gi%C3%A1o%20d%E1%BB%A5c");
        var body = await ReadAsync<PagedList<ArticleResponse>>(response);
        using var next = await Client.GetAsync("/api/v1/authors/hong-phai/articles?pageSize=1&tag=gi%C3%A1o%20d%E1%BB%A5c&cursor=" + Uri.EscapeDataString(body.NextCursor!));
        var second = await ReadAsync<PagedList<ArticleResponse>>(next);

        Assert.That(body.Items[0].Slug, Is.EqualTo("c"));
        Assert.That(second.Items[0].Slug, Is.EqualTo("a"));
        Assert.That(second.NextCursor, Is.Null);
        Assert.That(body.Total, Is.EqualTo(2));
    }
}
