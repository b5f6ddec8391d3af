using System.Net.Http.Headers;
using System.Text;
using Cms.Api.Articles;
using Cms.Api.Authors;
using Cms.Api.Categories;
using Cms.Api.Data.Entities;
using Cms.Api.Tests.Infrastructure;

namespace Cms.Api.Tests.Articles;

/// <summary>PUT replaces whole resources and refuses partial bodies; PATCH (JSON Merge Patch) changes only what it names.</summary>
public sealed class PartialWriteTests : WriterTest
{
    private Task<HttpResponseMessage> PatchAsync(string url, string json, string? ifMatch = null, string contentType = "application/merge-patch+json") =>
        RawAsync(HttpMethod.Patch, url, json, ifMatch, contentType);

    private async Task<HttpResponseMessage> RawAsync(HttpMethod method, string url, string json, string? ifMatch = null, string contentType = "application/json")
    {
        var request = Request(method, url, Editor);
        request.Content = new StringContent(json, Encoding.UTF8);
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await Client.SendAsync(request);
    }

    private async Task<ArticleResponse> FullArticleAsync() => await CreateArticleResponseAsync(Editor, ArticleBody(Author, new
    {
        summary = "Tóm tắt",
        source = "Ban Tuyên giáo Tỉnh ủy",
        coverImage = new { url = "https://example.org/a.jpg", alt = "Quang cảnh", caption = "Quang cảnh Hội nghị" },
        allowRating = false,
        publishAt = Now.AddHours(-1),
    }));

    [Test]
    public async Task APutThatLeavesOutPropertiesIsRefusedNamingEachAndChangesNothing()
    {
        var article = await FullArticleAsync();

        using var response = await SendAsync(HttpMethod.Put, $"/api/v1/articles/{article.Id}", Editor, new { title = "Chỉ có tiêu đề" });
        var problem = await AssertProblemAsync(response, 400, "validation_failed");
        using var after = await Client.GetAsync($"/api/v1/articles/{article.Id}");
        var stored = await ReadAsync<ArticleResponse>(after);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(problem["errors"]!.AsObject().Select(e => e.Key), Is.EquivalentTo(new[]
            {
                "slug", "summary", "body", "coverImage", "status", "publishAt", "expiresAt", "source", "authorIds", "categoryIds", "tags", "allowRating", "seo",
            }));
            Assert.That(stored.Body, Is.EqualTo(article.Body), "nothing was wiped");
            Assert.That(stored.Status, Is.EqualTo(ArticleStatus.Published));
            Assert.That(stored.Version, Is.EqualTo(1));
        }
    }

    [Test]
    public async Task PutsOfAuthorsAndCategoriesNeedEveryPropertyToo()
    {
        var category = await CreateCategoryAsync(Editor);
        using var author = await SendAsync(HttpMethod.Put, $"/api/v1/authors/{Author}", Editor, new { name = "Hồng Phái (BTG)" });
        using var categoryPut = await SendAsync(HttpMethod.Put, $"/api/v1/categories/{category}", Editor, new { name = "Khoa giáo" });

        var authorProblem = await AssertProblemAsync(author, 400, "validation_failed");
        var categoryProblem = await AssertProblemAsync(categoryPut, 400, "validation_failed");

        Assert.That(authorProblem["errors"]!.AsObject().Select(e => e.Key), Is.EquivalentTo(new[] { "slug", "organization", "bio", "avatarUrl" }));
        Assert.That(categoryProblem["errors"]!.AsObject().Select(e => e.Key), Is.EquivalentTo(new[] { "slug", "description", "parentId" }));
    }

    [Test]
    public async Task APatchChangesOnlyWhatItNames()
    {
        var article = await FullArticleAsync();

        using var response = await PatchAsync($"/api/v1/articles/{article.Id}", """{ "title": "Tiêu đề mới", "tags": ["giáo dục"] }""");
        Assert.That((int)response.StatusCode, Is.EqualTo(200), await response.Content.ReadAsStringAsync());
        var patched = await ReadAsync<ArticleResponse>(response);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(patched.Title, Is.EqualTo("Tiêu đề mới"));
            Assert.That(patched.Tags, Is.EqualTo(new[] { "giáo dục" }));
            Assert.That((patched.Summary, patched.Body, patched.CoverImage, patched.Status, patched.PublishAt, patched.Source, patched.AllowRating),
                Is.EqualTo((article.Summary, article.Body, article.CoverImage, article.Status, article.PublishAt, article.Source, article.AllowRating)),
                "everything else as it was");
            Assert.That(patched.Authors.Select(a => a.Id), Is.EqualTo(article.Authors.Select(a => a.Id)));
            Assert.That(patched.Slug, Is.EqualTo(article.Slug), "the slug stays when the title changes");
            Assert.That(patched.Version, Is.EqualTo(2));
            Assert.That(response.Headers.ETag?.Tag, Is.EqualTo("\"2\""));
        }
    }

    [Test]
    public async Task APatchClearsWithNullAndMergesNestedObjects()
    {
        var article = await FullArticleAsync();

        using var caption = await PatchAsync($"/api/v1/articles/{article.Id}", """{ "coverImage": { "caption": "Ảnh: Hồng Phái" }, "source": null }""");
        var captioned = await ReadAsync<ArticleResponse>(caption);
        using var cleared = await PatchAsync($"/api/v1/articles/{article.Id}", """{ "coverImage": null, "summary": null }""");
        var withoutCover = await ReadAsync<ArticleResponse>(cleared);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(captioned.CoverImage, Is.EqualTo(new CoverImage(null, "https://example.org/a.jpg", "Quang cảnh", "Ảnh: Hồng Phái", null, null)), "url and alt kept");
            Assert.That(captioned.Source, Is.Null);
            Assert.That(withoutCover.CoverImage, Is.Null);
            Assert.That(withoutCover.Summary, Is.Null);
            Assert.That(withoutCover.Title, Is.EqualTo(article.Title));
        }
    }

    [Test]
    public async Task APatchIsValidatedAsTheWholeItMakes()
    {
        var article = await FullArticleAsync();

        using var noTitle = await PatchAsync($"/api/v1/articles/{article.Id}", """{ "title": null }""");
        using var wrongStatus = await PatchAsync($"/api/v1/articles/{article.Id}", """{ "status": "live" }""");
        using var noAuthors = await PatchAsync($"/api/v1/articles/{article.Id}", """{ "authorIds": [] }""");
        var statusProblem = await AssertProblemAsync(wrongStatus, 400, "validation_failed");

        using (Assert.EnterMultipleScope())
        {
            Assert.That((await AssertProblemAsync(noTitle, 400, "validation_failed"))["errors"]!.AsObject().ContainsKey("title"), Is.True);
            Assert.That(statusProblem["errors"]!["status"]![0]!.GetValue<string>(), Is.EqualTo("Use one of: draft, scheduled, published, archived."));
            Assert.That((await AssertProblemAsync(noAuthors, 400, "validation_failed"))["errors"]!.AsObject().ContainsKey("authorIds"), Is.True);
        }
    }

    [Test]
    public async Task APatchWithAStaleIfMatchIs412AndWithTheCurrentOneSaves()
    {
        var article = await FullArticleAsync();
        using var first = await PatchAsync($"/api/v1/articles/{article.Id}", """{ "title": "Lần một" }""", ifMatch: "\"1\"");

        using var stale = await PatchAsync($"/api/v1/articles/{article.Id}", """{ "title": "Lần hai" }""", ifMatch: "\"1\"");
        using var current = await PatchAsync($"/api/v1/articles/{article.Id}", """{ "title": "Lần hai" }""", ifMatch: "\"2\"");

        Assert.That((int)first.StatusCode, Is.EqualTo(200));
        await AssertProblemAsync(stale, 412, "version_mismatch");
        Assert.That((await ReadAsync<ArticleResponse>(current)).Title, Is.EqualTo("Lần hai"));
    }

    [Test]
    public async Task APatchMustBeAMergePatchObject()
    {
        var article = await FullArticleAsync();

        using var asJson = await PatchAsync($"/api/v1/articles/{article.Id}", """{ "title": "x" }""", contentType: "application/json");
        using var array = await PatchAsync($"/api/v1/articles/{article.Id}", """[ { "op": "replace", "path": "/title", "value": "x" } ]""");
        using var broken = await PatchAsync($"/api/v1/articles/{article.Id}", """{ "title": """);

        using var duplicate = await PatchAsync($"/api/v1/articles/{article.Id}", """{ "coverImage": { "url": "https://example.org/x.jpg", "url": "https://example.org/y.jpg" } }""");
        using var duplicatePut = await RawAsync(HttpMethod.Put, $"/api/v1/articles/{article.Id}",
            ArticleBody(Author).ToJsonString().Replace("\"title\":", "\"title\":\"một\",\"title\":", StringComparison.Ordinal));

        await AssertProblemAsync(asJson, 415, "unsupported_media_type");
        await AssertProblemAsync(duplicate, 400, "malformed_json");
        await AssertProblemAsync(duplicatePut, 400, "malformed_json");
        Assert.That((await AssertProblemAsync(array, 400, "malformed_json"))["detail"]!.GetValue<string>(), Does.Contain("array").And.Contain("object"));
        await AssertProblemAsync(broken, 400, "malformed_json");
    }

    [Test]
    public async Task AuthorsAndCategoriesArePatchedToo()
    {
        var parent = await CreateCategoryAsync(Editor, "Tin tức");
        var child = await CreateCategoryAsync(Editor, "Khoa giáo");

        using var author = await PatchAsync($"/api/v1/authors/{Author}", """{ "bio": "Phóng viên Ban Tuyên giáo" }""");
        using var category = await PatchAsync($"/api/v1/categories/{child}", $$"""{ "parentId": "{{parent}}" }""");
        var patchedAuthor = await ReadAsync<AuthorResponse>(author);
        var patchedCategory = await ReadAsync<CategoryResponse>(category);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(patchedAuthor.Bio, Is.EqualTo("Phóng viên Ban Tuyên giáo"));
            Assert.That(patchedAuthor.Name, Is.EqualTo("Hồng Phái"));
            Assert.That(patchedAuthor.Organization, Is.EqualTo("BTG"));
            Assert.That(patchedCategory.ParentId, Is.EqualTo(parent));
            Assert.That(patchedCategory.Name, Is.EqualTo("Khoa giáo"));
        }
    }

    [Test]
    public async Task ABodyThatIsAnArrayWhereAnObjectBelongsSaysSo()
    {
        using var response = await SendAsync(HttpMethod.Post, "/api/v1/authors", Editor, new[] { new { name = "x" } });

        Assert.That((await AssertProblemAsync(response, 400, "malformed_json"))["detail"]!.GetValue<string>(), Does.Contain("object"));
    }

    [Test]
    public async Task PublishTimesInTheQueryMayCarryAnOffset()
    {
        await CreateArticleResponseAsync(Editor, ArticleBody(Author, new { publishAt = new DateTimeOffset(2026, 1, 5, 1, 0, 0, TimeSpan.Zero) }));

        using var response = await Client.GetAsync("/api/v1/articles?publishedFrom=2026-01-05T07:30:00%2B07:00");

        Assert.That((int)response.StatusCode, Is.EqualTo(200), await response.Content.ReadAsStringAsync());
        Assert.That((await ReadAsync<Cms.Api.Infrastructure.Paging.PagedList<ArticleResponse>>(response)).Items, Has.Count.EqualTo(1));
    }
}
