using Cms.Api.Tests.Infrastructure;
using Cms.Api.Tests.Media;

namespace Cms.Api.Tests.Sync;

/// <summary>The menu and bylines in the feed, one category's feed, fields, and the renditions an offline reader needs.</summary>
public sealed class SyncSectionTests : WriterTest
{
    private async Task<Guid> PublishAsync(string title, Guid? category = null, object? changes = null) =>
        (await CreateArticleResponseAsync(Editor, ArticleBody(Author, changes ?? new { title, publishAt = Now.AddHours(-1) }, category))).Id;

    private async Task SendOkAsync(HttpMethod method, string url, object? body = null)
    {
        using var response = await SendAsync(method, url, Editor, body);
        Assert.That((int)response.StatusCode, Is.AnyOf(200, 204), await response.Content.ReadAsStringAsync());
    }

    private Task MoveArticleAsync(Guid id, Guid? category, string title = "chuyển") =>
        SendOkAsync(HttpMethod.Put, $"/api/v1/articles/{id}", ArticleBody(Author, new { title, publishAt = Now.AddHours(-1) }, category));

    private Task MoveCategoryAsync(Guid id, string name, Guid? parentId) =>
        SendOkAsync(HttpMethod.Put, $"/api/v1/categories/{id}", new { name, slug = (string?)null, description = (string?)null, parentId });

    [Test]
    public async Task TheMenuAndBylinesComeWholeAtFirstThenWhatChanged()
    {
        var news = await CreateCategoryAsync(Editor, "Tin tức");
        var unused = await CreateCategoryAsync(Editor, "Tạm");
        var guest = await CreateAuthorAsync(Editor, "Khách", null);
        var app = new SyncStore(Client);
        await app.SyncAsync();
        var menu = await SyncTruth.MenuAsync(ConnectionString);
        Assert.That(app.Categories, Is.EquivalentTo(menu.Categories));
        Assert.That(app.Authors, Is.EquivalentTo(menu.Authors));

        var added = await CreateCategoryAsync(Editor, "Thể thao", news);
        await MoveCategoryAsync(news, "Tin tức - Sự kiện", null);
        await SendOkAsync(HttpMethod.Delete, $"/api/v1/categories/{unused}");
        await SendOkAsync(HttpMethod.Put, $"/api/v1/authors/{Author}", new { name = "Hồng Phái (BTG)", slug = "hong-phai", organization = "BTG", bio = (string?)null, avatarUrl = (string?)null });
        await SendOkAsync(HttpMethod.Delete, $"/api/v1/authors/{guest}");
        await app.SyncAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(app.LastPage.Categories.Select(c => c.Id), Is.EquivalentTo(new[] { news, added }));
            Assert.That(app.LastPage.Categories.Single(c => c.Id == news).Name, Is.EqualTo("Tin tức - Sự kiện"), "as the categories endpoint answers");
            Assert.That(app.LastPage.DeletedCategories, Is.EqualTo(new[] { unused }));
            Assert.That(app.LastPage.Authors.Select(a => a.Id), Is.EqualTo(new[] { Author }));
            Assert.That(app.LastPage.DeletedAuthors, Is.EqualTo(new[] { guest }));
        }

        menu = await SyncTruth.MenuAsync(ConnectionString);
        Assert.That(app.Categories, Is.EquivalentTo(menu.Categories));
        Assert.That(app.Authors, Is.EquivalentTo(menu.Authors));

        await app.SyncAsync();
        Assert.That(app.LastPage.IsEmpty, Is.True, "nothing new is an empty answer, menu included");
    }

    [Test]
    public async Task ACategoryRenameResendsEachOfItsArticlesOnce()
    {
        var news = await CreateCategoryAsync(Editor, "Tin tức");
        var local = await CreateCategoryAsync(Editor, "Địa phương");
        var both = await PublishAsync("Hai chuyên mục", news);
        await SendOkAsync(HttpMethod.Put, $"/api/v1/articles/{both}", ArticleBody(Author, new { title = "Hai chuyên mục", categoryIds = new[] { news, local } }));
        var other = await PublishAsync("Khác");
        var app = new SyncStore(Client);
        await app.SyncAsync();

        await MoveCategoryAsync(news, "Thời sự", null);
        await MoveCategoryAsync(local, "Địa phương - Cơ sở", null);
        await app.SyncAsync(limit: 1);

        var sent = app.LastSync.SelectMany(p => p.Items).Select(i => i.Id).ToList();
        Assert.That(sent, Is.EqualTo(new[] { both }), "once, however many of its categories changed");
        Assert.That(app.LastSync.SelectMany(p => p.Items).Single().Categories.Select(c => c.Name), Is.EquivalentTo(new[] { "Thời sự", "Địa phương - Cơ sở" }));
        Assert.That(app.Articles, Does.ContainKey(other));
    }

    [Test]
    public async Task ASectionsAppKeepsExactlyItsTreeThroughMovesOfArticlesAndCategories()
    {
        var news = await CreateCategoryAsync(Editor, "Tin tức");
        var local = await CreateCategoryAsync(Editor, "Địa phương", news);
        var sport = await CreateCategoryAsync(Editor, "Thể thao");
        var inNews = await PublishAsync("Tin", news);
        var inLocal = await PublishAsync("Địa phương", local);
        var leaving = await PublishAsync("Sẽ đi", local);
        var inSport = await PublishAsync("Bóng đá", sport);
        var arriving = await PublishAsync("Sẽ đến", sport);
        var unpublished = await PublishAsync("Sẽ gỡ", news);
        var deleted = await PublishAsync("Sẽ xoá", local);
        var app = new SyncStore(Client, "&category=tin-tuc");
        await app.SyncAsync(limit: 2);
        Assert.That(app.Articles.Keys, Is.EquivalentTo(new[] { inNews, inLocal, leaving, unpublished, deleted }));

        await MoveArticleAsync(leaving, sport);
        await MoveArticleAsync(arriving, local);
        await SendOkAsync(HttpMethod.Put, $"/api/v1/articles/{unpublished}", ArticleBody(Author, new { title = "Sẽ gỡ", status = "draft" }, news));
        await SendOkAsync(HttpMethod.Delete, $"/api/v1/articles/{deleted}");
        await MoveArticleAsync(inSport, sport, "Bóng đá hôm nay");
        await app.SyncAsync(limit: 2);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(app.LastSync.SelectMany(p => p.Items).Select(i => i.Id), Is.EqualTo(new[] { arriving }), "moved in: new to this app");
            Assert.That(app.LastSync.SelectMany(p => p.Deleted), Is.EquivalentTo(new[] { leaving, unpublished, deleted }),
                "moved out, unpublished and deleted; a change elsewhere is not reported at all");
            Assert.That(app.Articles, Is.EquivalentTo(await SyncTruth.ArticlesAsync(ConnectionString, Now, news)));
        }

        // The category moves, its articles stay as they are: out of the tree, then back.
        await MoveCategoryAsync(local, "Địa phương", sport);
        await app.SyncAsync();
        Assert.That(app.LastPage.Deleted, Is.EquivalentTo(new[] { inLocal, arriving }), "its category left the tree");
        Assert.That(app.Articles, Is.EquivalentTo(await SyncTruth.ArticlesAsync(ConnectionString, Now, news)));

        await MoveCategoryAsync(local, "Địa phương", news);
        await app.SyncAsync();
        Assert.That(app.LastPage.Items.Select(i => i.Id), Is.EquivalentTo(new[] { inLocal, arriving }), "its category came back");
        Assert.That(app.Articles, Is.EquivalentTo(await SyncTruth.ArticlesAsync(ConnectionString, Now, news)));
        Assert.That(app.Categories.Keys, Is.SupersetOf(new[] { news, local, sport }), "the whole menu, not only the section");
    }

    [Test]
    public async Task AnArticleThatLeftTheTreeDuringAPassAndChangedAgainBeforeItsPageIsReportedDeleted()
    {
        // Ids grow with time: the first two come on the pass's first pages, the one that leaves comes after them.
        var news = await CreateCategoryAsync(Editor, "Tin tức");
        var local = await CreateCategoryAsync(Editor, "Địa phương", news);
        var sport = await CreateCategoryAsync(Editor, "Thể thao");
        var first = await PublishAsync("Một", news);
        var second = await PublishAsync("Hai", news);
        var leaving = await PublishAsync("Sẽ đi", local);
        var app = new SyncStore(Client, "&category=tin-tuc");
        await app.SyncAsync();
        Assert.That(app.Articles.Keys, Is.EquivalentTo(new[] { first, second, leaving }));

        // It leaves the tree after the token; the pass starts (its snapshot sees the exit); it changes again before
        // the pass reaches it, so its newest change is after the pass's snapshot.
        await MoveArticleAsync(first, news, "Một sửa");
        await MoveArticleAsync(second, news, "Hai sửa");
        await MoveArticleAsync(leaving, sport, "Đã đi");
        await app.PageAsync(limit: 1);
        Assert.That(app.LastPage.HasMore, Is.True, "the pass has more pages");
        await MoveArticleAsync(leaving, sport, "Đã đi, sửa lại");
        while (app.LastPage.HasMore)
        {
            await app.PageAsync(limit: 1);
        }

        // The next pass starts after the exit: only this pass could report it.
        await app.SyncAsync();
        Assert.That(app.Articles, Is.EquivalentTo(await SyncTruth.ArticlesAsync(ConnectionString, Now, news)));
        Assert.That(app.Articles.Keys, Does.Not.Contain(leaving));
    }

    [Test]
    public async Task ATokenIsBoundToItsCategoryAndFields()
    {
        var news = await CreateCategoryAsync(Editor, "Tin tức");
        await CreateCategoryAsync(Editor, "Thể thao");
        var app = new SyncStore(Client, "&category=tin-tuc&fields=title");
        await app.SyncAsync();
        var token = Uri.EscapeDataString(app.Token!);

        foreach (var other in new[] { "", "&category=the-thao&fields=title", "&category=tin-tuc", "&fields=title", $"&category={news}&fields=title" })
        {
            using var response = await Client.GetAsync($"/api/v1/sync?token={token}{other}");
            await AssertProblemAsync(response, 400, "invalid_sync_token");
        }

        using (var same = await Client.GetAsync($"/api/v1/sync?token={token}&category=tin-tuc&fields=title,id"))
        {
            Assert.That((int)same.StatusCode, Is.EqualTo(200), "the same pick, written otherwise");
        }

        using var unknown = await Client.GetAsync("/api/v1/sync?category=khong-co");
        var problem = await AssertProblemAsync(unknown, 400, "validation_failed");
        Assert.That(problem["errors"]!.AsObject().ContainsKey("category"), Is.True);
        using var badField = await Client.GetAsync("/api/v1/sync?fields=title,colour");
        problem = await AssertProblemAsync(badField, 400, "validation_failed");
        Assert.That(problem["errors"]!.AsObject().ContainsKey("fields"), Is.True);
    }

    [Test]
    public async Task ARenamedSlugDoesNotBreakASyncThatBeganWithIt()
    {
        var news = await CreateCategoryAsync(Editor, "Tin tức");
        var app = new SyncStore(Client, "&category=tin-tuc");
        await app.SyncAsync();

        await SendOkAsync(HttpMethod.Put, $"/api/v1/categories/{news}", new { name = "Thời sự", slug = "thoi-su", description = (string?)null, parentId = (Guid?)null });
        var article = await PublishAsync("Tin", news);
        await app.SyncAsync();

        Assert.That(app.Articles.Keys, Is.EqualTo(new[] { article }));
    }

    [Test]
    public async Task FieldsPickTheArticlePropertiesAndIdAndVersionAlwaysCome()
    {
        await PublishAsync("Nhẹ");
        var app = new SyncStore(Client, "&fields=title,summary");
        await app.SyncAsync();

        var item = app.Raw[0]["items"]![0]!.AsObject();
        Assert.That(item.Select(p => p.Key), Is.EquivalentTo(new[] { "id", "title", "summary", "version" }));
        Assert.That(app.Raw[0]["categories"], Is.Not.Null, "the menu comes as it is");
    }

    [Test]
    public async Task EachPictureSaysWhichRenditionsTheReaderPagesLoad()
    {
        var cover = await UploadedAsync(TestImages.Jpeg(1000, 600), "bia.jpg");
        var inBody = await UploadedAsync(TestImages.Jpeg(300, 200), "than.jpg");
        var bodyAddress = $"{inBody.Url}?w=300";
        await PublishAsync("Ảnh", changes: new
        {
            title = "Ảnh",
            publishAt = Now.AddHours(-1),
            coverImage = new { mediaId = cover.Id },
            body = $"<p>Ảnh.</p><figure><img src=\"{bodyAddress}\" alt=\"Thân bài\"></figure><p><img src=\"{cover.Url}\" alt=\"Bìa\"></p>",
        });
        var app = new SyncStore(Client);
        await app.SyncAsync();

        var media = app.LastPage.Media.ToDictionary(m => m.Id);
        var coverUrl = cover.Url;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(media[cover.Id].Renditions, Is.EqualTo(new[]
            {
                $"{coverUrl}?w=320&h=180&fit=cover", $"{coverUrl}?w=640&h=360&fit=cover", $"{coverUrl}?w=480", $"{coverUrl}?w=800",
            }), "the list's thumbnails, then the page's cover sizes up to the original's width");
            Assert.That(media[inBody.Id].Renditions, Is.EqualTo(new[] { bodyAddress }), "the body's address as written");
        }

        foreach (var url in media.Values.SelectMany(m => m.Renditions))
        {
            using var file = await Client.GetAsync(url);
            Assert.That((int)file.StatusCode, Is.EqualTo(200), url);
        }
    }
}
