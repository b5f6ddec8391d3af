using System.Net;
using Cms.Api.Articles;
using Cms.Api.Data.Entities;
using Cms.Api.Tests.Infrastructure;

namespace Cms.Api.Tests.Articles;

public sealed class ArticleWriteTests : ContentTest
{
    [Test]
    public async Task AnEditorCreatesAnArticleWithEveryField()
    {
        var editor = await EditorAsync();
        var author = await CreateAuthorAsync(editor);
        var category = await CreateCategoryAsync(editor);

        using var response = await SendAsync(HttpMethod.Post, "/api/v1/articles", editor, ArticleBody(author, new
        {
            source = "Ban Tuyên giáo Tỉnh ủy",
            coverImage = new { url = "https://example.org/a.jpg", alt = "Quang cảnh", caption = "Quang cảnh Hội nghị" },
            allowRating = false,
        }, category));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        var article = await ReadAsync<ArticleResponse>(response);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.Headers.Location?.ToString(), Is.EqualTo($"/api/v1/articles/{article.Id}"));
            Assert.That(response.Headers.ETag?.Tag, Is.EqualTo("\"1\""));
            Assert.That(article.Slug, Is.EqualTo("ban-tuyen-giao-tinh-uy-giao-ban-cong-tac-khoa-giao-9-thang-nam-2017"));
            Assert.That(article.Status, Is.EqualTo(ArticleStatus.Published));
            Assert.That(article.PublishedAt, Is.EqualTo(Now).Within(TimeSpan.FromSeconds(1)));
            Assert.That(article.Authors[0].Name, Is.EqualTo("Hồng Phái"));
            Assert.That(article.Authors[0].Organization, Is.EqualTo("BTG"));
            Assert.That(article.Categories[0].Slug, Is.EqualTo("khoa-giao"));
            Assert.That(article.CoverImage!.Caption, Is.EqualTo("Quang cảnh Hội nghị"));
            Assert.That(article.Source, Is.EqualTo("Ban Tuyên giáo Tỉnh ủy"));
            Assert.That(article.AllowRating, Is.False);
            Assert.That(article.ViewCount, Is.Zero);
            // The wire shape itself: an unrated article says "average": null, it does not leave it out.
            Assert.That((await JsonAsync(response))["rating"]!.ToJsonString(), Is.EqualTo("{\"totalPoints\":0,\"count\":0,\"average\":null}"));
            Assert.That(article.Tags, Is.EqualTo(new[] { "khoa giáo" }));
        }
    }

    [Test]
    public async Task ClientsCannotSetReadOnlyFields()
    {
        var editor = await EditorAsync();
        var author = await CreateAuthorAsync(editor);

        var article = await CreateArticleResponseAsync(editor, ArticleBody(author, new
        {
            viewCount = 1000,
            rating = new { totalPoints = 50, count = 10 },
            version = 42,
            createdAt = "2001-01-01T00:00:00Z",
            id = Guid.Empty,
        }));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(article.ViewCount, Is.Zero);
            Assert.That(article.Rating.Count, Is.Zero);
            Assert.That(article.Version, Is.EqualTo(1));
            Assert.That(article.Id, Is.Not.EqualTo(Guid.Empty));
            Assert.That(article.CreatedAt.Year, Is.EqualTo(Now.Year));
        }
    }

    [Test]
    public async Task ATitleUsedAgainGetsANumberedSlug()
    {
        var editor = await EditorAsync();
        var author = await CreateAuthorAsync(editor);

        var slugs = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            slugs.Add((await CreateArticleResponseAsync(editor, ArticleBody(author, new { title = "Đồng chí Trần Đức Vương" }))).Slug);
        }

        Assert.That(slugs, Is.EqualTo(new[] { "dong-chi-tran-duc-vuong", "dong-chi-tran-duc-vuong-2", "dong-chi-tran-duc-vuong-3" }));
    }

    [Test]
    public async Task ConcurrentCreatesOfOneTitleAllSucceedWithDistinctSlugs()
    {
        var editor = await EditorAsync();
        var author = await CreateAuthorAsync(editor);

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            SendAsync(HttpMethod.Post, "/api/v1/articles", editor, ArticleBody(author, new { title = "Tin nóng" }))));

        var slugs = new List<string>();
        foreach (var response in responses)
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
            slugs.Add((await ReadAsync<ArticleResponse>(response)).Slug);
            response.Dispose();
        }

        Assert.That(slugs, Is.Unique);
        Assert.That(slugs, Is.EquivalentTo(new[] { "tin-nong" }.Concat(Enumerable.Range(2, 7).Select(n => $"tin-nong-{n}"))));
    }

    [Test]
    public async Task AnExplicitSlugIsKeptAndATakenOneIs409()
    {
        var editor = await EditorAsync();
        var author = await CreateAuthorAsync(editor);
        var first = await CreateArticleResponseAsync(editor, ArticleBody(author, new { slug = "giao-ban-quy-3" }));

        using var second = await SendAsync(HttpMethod.Post, "/api/v1/articles", editor, ArticleBody(author, new { slug = "giao-ban-quy-3" }));

        Assert.That(first.Slug, Is.EqualTo("giao-ban-quy-3"));
        await AssertProblemAsync(second, 409, "slug_taken");
    }

    [Test]
    public async Task TheSlugStaysWhenTheTitleChangesAndAnOldSlugRedirects()
    {
        var editor = await EditorAsync();
        var author = await CreateAuthorAsync(editor);
        var article = await CreateArticleResponseAsync(editor, ArticleBody(author));
        var id = article.Id;
        var oldSlug = article.Slug;

        using (var retitled = await PutAsync($"/api/v1/articles/{id}", editor, ArticleBody(author, new { title = "Tiêu đề mới" })))
        {
            Assert.That((await ReadAsync<ArticleResponse>(retitled)).Slug, Is.EqualTo(oldSlug));
        }

        using (var reslugged = await PutAsync($"/api/v1/articles/{id}", editor, ArticleBody(author, new { title = "Tiêu đề mới", slug = "tieu-de-moi" })))
        {
            Assert.That((await ReadAsync<ArticleResponse>(reslugged)).Slug, Is.EqualTo("tieu-de-moi"));
        }

        using var old = await Client.GetAsync($"/api/v1/articles/{oldSlug}");
        Assert.That(old.StatusCode, Is.EqualTo(HttpStatusCode.MovedPermanently));
        Assert.That(old.Headers.Location?.ToString(), Is.EqualTo("/api/v1/articles/tieu-de-moi"));

        using var taken = await SendAsync(HttpMethod.Post, "/api/v1/articles", editor, ArticleBody(author, new { slug = oldSlug }));
        await AssertProblemAsync(taken, 409, "slug_taken");
    }

    [Test]
    public async Task OfTwoEditorsSavingOneVersionExactlyOneWins()
    {
        var editor = await EditorAsync();
        var author = await CreateAuthorAsync(editor);
        var id = (await CreateArticleResponseAsync(editor, ArticleBody(author))).Id;

        var saves = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            PutAsync($"/api/v1/articles/{id}", editor, ArticleBody(author, new { title = $"Bản sửa {i}" }), ifMatch: "\"1\"")));
        var statuses = saves.Select(s => (int)s.StatusCode).ToList();
        foreach (var s in saves)
        {
            s.Dispose();
        }

        Assert.That(statuses.Count(s => s == 200), Is.EqualTo(1), string.Join(",", statuses));
        Assert.That(statuses.Count(s => s == 412), Is.EqualTo(7));
        Assert.That(await ScalarAsync<int>("SELECT version FROM articles WHERE id = $1", id), Is.EqualTo(2));
    }

    [Test]
    public async Task AStaleIfMatchIs412AndChangesNothing()
    {
        var editor = await EditorAsync();
        var author = await CreateAuthorAsync(editor);
        var id = (await CreateArticleResponseAsync(editor, ArticleBody(author))).Id;
        using (await PutAsync($"/api/v1/articles/{id}", editor, ArticleBody(author, new { title = "Lần một" }), "\"1\""))
        {
        }

        using var stale = await PutAsync($"/api/v1/articles/{id}", editor, ArticleBody(author, new { title = "Lần hai" }), "\"1\"");
        using var staleDelete = Request(HttpMethod.Delete, $"/api/v1/articles/{id}", editor);
        staleDelete.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        using var deleteResponse = await Client.SendAsync(staleDelete);

        await AssertProblemAsync(stale, 412, "version_mismatch");
        await AssertProblemAsync(deleteResponse, 412, "version_mismatch");
        Assert.That(await ScalarAsync<string>("SELECT title FROM articles WHERE id = $1", id), Is.EqualTo("Lần một"));
    }

    [Test]
    public async Task DeletingAnArticleMakesIt404()
    {
        var editor = await EditorAsync();
        var author = await CreateAuthorAsync(editor);
        var article = await CreateArticleResponseAsync(editor, ArticleBody(author));

        using var deleted = await SendAsync(HttpMethod.Delete, $"/api/v1/articles/{article.Id}", editor);
        using var read = await Client.GetAsync($"/api/v1/articles/{article.Slug}");

        Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        await AssertProblemAsync(read, 404, "not_found");
    }

    [Test]
    public async Task InvalidArticlesNameEachBadField()
    {
        var editor = await EditorAsync();

        using var response = await SendAsync(HttpMethod.Post, "/api/v1/articles", editor, new
        {
            title = new string('t', 301),
            summary = new string('s', 1001),
            slug = "Not A Slug",
            authorIds = Array.Empty<Guid>(),
            tags = Enumerable.Range(0, 21).Select(i => $"tag{i}").Append(new string('x', 51)).ToArray(),
            publishAt = "2030-01-02T00:00:00Z",
            expiresAt = "2030-01-01T00:00:00Z",
            coverImage = new { url = "javascript:alert(1)" },
        });

        var problem = await AssertProblemAsync(response, 400, "validation_failed");
        Assert.That(problem["errors"]!.AsObject().Select(e => e.Key), Is.SupersetOf(new[]
        {
            "title", "summary", "slug", "authorIds", "tags", "tags[21]", "expiresAt", "coverImage.url",
        }));
    }

    [Test]
    public async Task UnknownAuthorsAndCategoriesAreNamed()
    {
        var editor = await EditorAsync();

        using var response = await SendAsync(HttpMethod.Post, "/api/v1/articles", editor,
            ArticleBody(Guid.CreateVersion7(), categoryId: Guid.CreateVersion7()));

        var problem = await AssertProblemAsync(response, 400, "validation_failed");
        Assert.That(problem["errors"]!.AsObject().Select(e => e.Key), Is.EquivalentTo(new[] { "authorIds", "categoryIds" }));
    }

    [TestCase("{\"title\": 5}", "title")]
    [TestCase("{\"title\": \"x\", \"authorIds\": [\"not-a-guid\"]}", "authorIds[0]")]
    [TestCase("{\"title\": \"x\", \"status\": \"live\"}", "status")]
    [TestCase("{\"title\": \"x\", \"publishAt\": \"yesterday\"}", "publishAt")]
    [TestCase("{\"title\": \"x\", \"allowRating\": \"yes\"}", "allowRating")]
    public async Task WrongTypesNameTheField(string json, string field)
    {
        var editor = await EditorAsync();
        var request = Request(HttpMethod.Post, "/api/v1/articles", editor);
        request.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");

        using var response = await Client.SendAsync(request);

        var problem = await AssertProblemAsync(response, 400, "validation_failed");
        Assert.That(problem["errors"]!.AsObject().ContainsKey(field), Is.True, problem.ToJsonString());
    }

    [Test]
    public async Task BadPagingParametersAre400NamingTheParameter()
    {
        using var tooBig = await Client.GetAsync("/api/v1/articles?pageSize=101");
        using var zero = await Client.GetAsync("/api/v1/articles?page=0");
        using var notANumber = await Client.GetAsync("/api/v1/articles?page=abc");

        Assert.That((await AssertProblemAsync(tooBig, 400, "validation_failed"))["errors"]!.AsObject().ContainsKey("pageSize"), Is.True);
        Assert.That((await AssertProblemAsync(zero, 400, "validation_failed"))["errors"]!.AsObject().ContainsKey("page"), Is.True);
        Assert.That((await AssertProblemAsync(notANumber, 400, "validation_failed"))["errors"]!.AsObject().ContainsKey("page"), Is.True);
    }
}
