using System.Net.Http.Headers;
using System.Text;
using Cms.Api.Articles;
using Cms.Api.Infrastructure.Paging;
using Cms.Api.Media;

namespace Cms.Api.Tests.Media;

/// <summary>The library: listing and search, metadata edits by owner or editor, and delete refused while an article uses the item.</summary>
[TestFixture(Local)]
[TestFixture(S3, Category = "S3")]
public sealed class MediaLibraryTests(string store) : MediaTest(store)
{
    private async Task<HttpResponseMessage> PatchAsync(string url, string json, string token, string? ifMatch = null)
    {
        var request = Request(HttpMethod.Patch, url, token);
        request.Content = new StringContent(json, Encoding.UTF8);
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/merge-patch+json");
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await Client.SendAsync(request);
    }

    [Test]
    public async Task TheLibraryIsListedNewestFirstAndSearchedWithoutAccents()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var first = await UploadedAsync(TestImages.Picture("jpg"), $"hoi-nghi-{tag}.jpg", fields: new Dictionary<string, string> { ["alt"] = "Quang cảnh Hội nghị" });
        App.Clock.Advance(TimeSpan.FromSeconds(1));
        var second = await UploadedAsync(TestImages.Picture("png"), $"truong-{tag}.png", fields: new Dictionary<string, string> { ["caption"] = "Trường vùng cao" });

        var all = await EditorGetAsync<PagedList<MediaResponse>>("/api/v1/media?pageSize=100");
        var found = await EditorGetAsync<PagedList<MediaResponse>>($"/api/v1/media?q=quang+canh+hoi+nghi+{tag}");
        var byCaption = await EditorGetAsync<PagedList<MediaResponse>>($"/api/v1/media?q=vung+cao+{tag}");
        var pngs = await EditorGetAsync<PagedList<MediaResponse>>("/api/v1/media?contentType=image/png&pageSize=100");
        var page1 = await EditorGetAsync<PagedList<MediaResponse>>("/api/v1/media?pageSize=1");
        var page2 = await EditorGetAsync<PagedList<MediaResponse>>($"/api/v1/media?pageSize=1&cursor={Uri.EscapeDataString(page1.NextCursor!)}");
        using var anonymous = await Client.GetAsync("/api/v1/media");
        using var badType = await Client.SendAsync(Request(HttpMethod.Get, "/api/v1/media?contentType=image/svg%2Bxml", Editor));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(all.Items.Select(m => m.Id).Take(2), Is.EqualTo(new[] { second.Id, first.Id }), "newest first");
            Assert.That(found.Items.Select(m => m.Id), Is.EqualTo(new[] { first.Id }), "alt and file name, accents optional");
            Assert.That(byCaption.Items.Select(m => m.Id), Is.EqualTo(new[] { second.Id }));
            Assert.That(pngs.Items, Is.Not.Empty.And.All.Matches<MediaResponse>(m => m.ContentType == "image/png"));
            Assert.That(page2.Items.Single().Id, Is.Not.EqualTo(page1.Items.Single().Id));
            await AssertProblemAsync(anonymous, 401, "unauthenticated");
            await AssertProblemAsync(badType, 400, "validation_failed");
        }
    }

    [Test]
    public async Task AnItemIsReadWithItsETagAndAnswers304()
    {
        var item = await UploadedAsync(TestImages.Picture("jpg"));
        var request = Request(HttpMethod.Get, $"/api/v1/media/{item.Id}", Editor);
        request.Headers.TryAddWithoutValidation("If-None-Match", "\"1\"");

        using var response = await Client.SendAsync(request);
        using var missing = await Client.SendAsync(Request(HttpMethod.Get, $"/api/v1/media/{Guid.NewGuid()}", Editor));

        Assert.That((int)response.StatusCode, Is.EqualTo(304));
        await AssertProblemAsync(missing, 404, "not_found");
    }

    [Test]
    public async Task MetadataIsReplacedOrPatchedWithIfMatchAndValidated()
    {
        var item = await UploadedAsync(TestImages.Picture("jpg"), fields: new Dictionary<string, string> { ["alt"] = "Quang cảnh" });

        using var partial = await SendAsync(HttpMethod.Put, $"/api/v1/media/{item.Id}", Editor, new { alt = "Chỉ alt" });
        using var replaced = await SendAsync(HttpMethod.Put, $"/api/v1/media/{item.Id}", Editor,
            new { alt = "Quang cảnh Hội nghị", caption = "Đại biểu dự hội nghị", credit = "Ảnh: Hồng Phái", focalPoint = new { x = 0.25, y = 0.75 }, @public = true });
        var afterPut = await ReadAsync<MediaResponse>(replaced);
        using var stale = await PatchAsync($"/api/v1/media/{item.Id}", """{ "credit": null }""", Editor, ifMatch: "\"1\"");
        using var patched = await PatchAsync($"/api/v1/media/{item.Id}", """{ "credit": null, "focalPoint": { "x": 0.5 } }""", Editor, ifMatch: "\"2\"");
        var afterPatch = await ReadAsync<MediaResponse>(patched);
        using var outside = await PatchAsync($"/api/v1/media/{item.Id}", """{ "focalPoint": { "x": 1.5 } }""", Editor);

        using (Assert.EnterMultipleScope())
        {
            Assert.That((await AssertProblemAsync(partial, 400, "validation_failed"))["errors"]!.AsObject().Select(e => e.Key),
                Is.EquivalentTo(new[] { "caption", "credit", "focalPoint", "public" }));
            Assert.That(afterPut with { UpdatedAt = default }, Is.EqualTo(item with
            {
                Alt = "Quang cảnh Hội nghị", Caption = "Đại biểu dự hội nghị", Credit = "Ảnh: Hồng Phái", FocalPoint = new FocalPoint(0.25, 0.75),
                Public = true, Version = 2, UpdatedAt = default,
            }));
            await AssertProblemAsync(stale, 412, "version_mismatch");
            Assert.That((afterPatch.Credit, afterPatch.FocalPoint, afterPatch.Public, afterPatch.Version), Is.EqualTo(((string?)null, new FocalPoint(0.5, 0.75), true, 3)));
            Assert.That((await AssertProblemAsync(outside, 400, "validation_failed"))["errors"]!.AsObject().ContainsKey("focalPoint.x"), Is.True);
        }
    }

    [Test]
    public async Task AuthorsChangeTheirOwnItemsAndEditorsAll()
    {
        var author = (await CreateUserAsync("author")).Token;
        var otherAuthor = (await CreateUserAsync("author")).Token;
        var mine = await UploadedAsync(TestImages.Picture("jpg"), token: author);
        var editors = await UploadedAsync(TestImages.Picture("jpg"));

        using var ownPatch = await PatchAsync($"/api/v1/media/{mine.Id}", """{ "alt": "Ảnh của tôi" }""", author);
        using var othersPatch = await PatchAsync($"/api/v1/media/{mine.Id}", """{ "alt": "Không phải của tôi" }""", otherAuthor);
        using var editorsItem = await PatchAsync($"/api/v1/media/{editors.Id}", """{ "alt": "Của biên tập viên" }""", author);
        using var editorPatch = await PatchAsync($"/api/v1/media/{mine.Id}", """{ "caption": "Biên tập viên sửa" }""", Editor);
        using var othersDelete = await Client.SendAsync(Request(HttpMethod.Delete, $"/api/v1/media/{mine.Id}", otherAuthor));
        var listedByAuthor = await GetWithAsync(author);

        using (Assert.EnterMultipleScope())
        {
            Assert.That((int)ownPatch.StatusCode, Is.EqualTo(200));
            await AssertProblemAsync(othersPatch, 403, "forbidden");
            await AssertProblemAsync(editorsItem, 403, "forbidden");
            Assert.That((int)editorPatch.StatusCode, Is.EqualTo(200));
            await AssertProblemAsync(othersDelete, 403, "forbidden");
            Assert.That(listedByAuthor, Is.True, "every signed-in user browses the whole library, to pick photos");
        }

        async Task<bool> GetWithAsync(string token)
        {
            using var response = await Client.SendAsync(Request(HttpMethod.Get, $"/api/v1/media/{editors.Id}", token));
            return response.IsSuccessStatusCode;
        }
    }

    [Test]
    public async Task AnArticleTakesItsCoverFromTheLibrary()
    {
        var item = await UploadedAsync(TestImages.Picture("jpg", 320, 200), "quang-canh.jpg",
            fields: new Dictionary<string, string> { ["alt"] = "Quang cảnh Hội nghị", ["caption"] = "Ảnh: Hồng Phái" });

        var withDefaults = await CreateArticleResponseAsync(Editor, ArticleBody(Author, new { coverImage = new { mediaId = item.Id } }));
        var withOwnCaption = await CreateArticleResponseAsync(Editor, ArticleBody(Author, new { coverImage = new { mediaId = item.Id, caption = "Đại biểu dự hội nghị" } }));
        var read = await GetOkAsync<ArticleResponse>(Client, $"/api/v1/articles/{withDefaults.Slug}");
        using var both = await SendAsync(HttpMethod.Post, "/api/v1/articles", Editor, ArticleBody(Author, new { coverImage = new { mediaId = item.Id, url = "https://example.org/a.jpg" } }));
        using var unknown = await SendAsync(HttpMethod.Post, "/api/v1/articles", Editor, ArticleBody(Author, new { coverImage = new { mediaId = Guid.NewGuid() } }));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(withDefaults.CoverImage, Is.EqualTo(new CoverImage(item.Id, item.Url, "Quang cảnh Hội nghị", "Ảnh: Hồng Phái", 320, 200)));
            Assert.That(withOwnCaption.CoverImage!.Caption, Is.EqualTo("Đại biểu dự hội nghị"));
            Assert.That(read.CoverImage, Is.EqualTo(withDefaults.CoverImage), "as readers get it");
            Assert.That((await AssertProblemAsync(both, 400, "validation_failed"))["errors"]!.AsObject().ContainsKey("coverImage"), Is.True);
            Assert.That((await AssertProblemAsync(unknown, 400, "validation_failed"))["errors"]!.AsObject().ContainsKey("coverImage.mediaId"), Is.True);
        }
    }

    [Test]
    public async Task AnItemInUseAsCoverOrInTheBodyCannotBeDeletedUntilNoArticleUsesIt()
    {
        var cover = await UploadedAsync(TestImages.Picture("jpg"));
        var inBody = await UploadedAsync(TestImages.Picture("png"));
        var article = await CreateArticleResponseAsync(Editor, ArticleBody(Author, new
        {
            title = "Giao ban Khoa giáo",
            coverImage = new { mediaId = cover.Id },
            body = $"""<figure><img src="{inBody.Url}?w=800" alt="Quang cảnh"><figcaption>Quang cảnh Hội nghị</figcaption></figure>""",
        }));
        using var unknownInBody = await SendAsync(HttpMethod.Post, "/api/v1/articles", Editor,
            ArticleBody(Author, new { body = $"""<img src="/media/{Guid.NewGuid()}/x.jpg" alt="">""" }));

        using var coverRefused = await Client.SendAsync(Request(HttpMethod.Delete, $"/api/v1/media/{cover.Id}", Editor));
        using var bodyRefused = await Client.SendAsync(Request(HttpMethod.Delete, $"/api/v1/media/{inBody.Id}", Editor));
        var files = await StoredCountAsync();
        using (var unlinked = await PatchAsync($"/api/v1/articles/{article.Id}", """{ "coverImage": null, "body": "<p>Không còn ảnh.</p>" }""", Editor))
        {
            Assert.That((int)unlinked.StatusCode, Is.EqualTo(200), await unlinked.Content.ReadAsStringAsync());
        }

        using var coverDeleted = await Client.SendAsync(Request(HttpMethod.Delete, $"/api/v1/media/{cover.Id}", Editor));
        using var bodyDeleted = await Client.SendAsync(Request(HttpMethod.Delete, $"/api/v1/media/{inBody.Id}", Editor));
        using var gone = await Client.SendAsync(Request(HttpMethod.Get, $"/api/v1/media/{cover.Id}", Editor));

        using (Assert.EnterMultipleScope())
        {
            Assert.That((string?)(await AssertProblemAsync(coverRefused, 409, "media_in_use"))["detail"], Does.Contain("Giao ban Khoa giáo"));
            await AssertProblemAsync(bodyRefused, 409, "media_in_use");
            Assert.That((await AssertProblemAsync(unknownInBody, 400, "validation_failed"))["errors"]!.AsObject().ContainsKey("body"), Is.True);
            Assert.That((int)coverDeleted.StatusCode, Is.EqualTo(204));
            Assert.That((int)bodyDeleted.StatusCode, Is.EqualTo(204));
            await AssertProblemAsync(gone, 404, "not_found");
            Assert.That(await StoredCountAsync(), Is.EqualTo(files - 2), "the originals went with them");
        }
    }

    [Test]
    public async Task SyncPagesNameThePicturesTheirArticlesShow()
    {
        var cover = await UploadedAsync(TestImages.Picture("jpg", 200, 100), fields: new Dictionary<string, string> { ["alt"] = "Quang cảnh" });
        var inBody = await UploadedAsync(TestImages.Picture("png", 60, 40));
        var unused = await UploadedAsync(TestImages.Picture("webp"));
        var article = await CreateArticleResponseAsync(Editor, ArticleBody(Author, new
        {
            coverImage = new { mediaId = cover.Id },
            body = $"""<p>Hội nghị.</p><img src="{inBody.Url}" alt="Đại biểu">""",
        }));

        var page = await GetOkAsync<Cms.Api.Sync.SyncResponse>(Client, "/api/v1/sync?limit=500");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(page.Items.Select(i => i.Id), Does.Contain(article.Id));
            var media = page.Media.Select(m => (m.Id, m.Url, m.ContentType, m.Width, m.Height, m.Alt)).ToList();
            Assert.That(media, Does.Contain((cover.Id, cover.Url, "image/jpeg", 200, 100, (string?)"Quang cảnh")));
            Assert.That(media, Does.Contain((inBody.Id, inBody.Url, "image/png", 60, 40, (string?)null)));
            Assert.That(page.Media.Select(m => m.Id), Does.Not.Contain(unused.Id));
        }
    }

    [Test]
    public async Task DeletingAnArticleReleasesItsMedia()
    {
        var item = await UploadedAsync(TestImages.Picture("jpg"));
        var article = await CreateArticleResponseAsync(Editor, ArticleBody(Author, new { coverImage = new { mediaId = item.Id } }));

        using (var deleted = await Client.SendAsync(Request(HttpMethod.Delete, $"/api/v1/articles/{article.Id}", Editor)))
        {
            Assert.That((int)deleted.StatusCode, Is.EqualTo(204));
        }

        using var response = await Client.SendAsync(Request(HttpMethod.Delete, $"/api/v1/media/{item.Id}", Editor));

        Assert.That((int)response.StatusCode, Is.EqualTo(204));
    }
}
