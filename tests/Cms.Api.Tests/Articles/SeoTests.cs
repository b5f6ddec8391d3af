using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cms.Api.Articles;
using Cms.Api.Sync;
using Cms.Api.Tests.Infrastructure;

namespace Cms.Api.Tests.Articles;

/// <summary><c>seo</c>: written whole by POST/PUT, merged by PATCH, validated, and served wherever the article is.</summary>
public sealed class SeoTests : WriterTest
{
    private static readonly object Seo = new
    {
        seo = new
        {
            title = "Giao ban Khoa giáo 9 tháng 2017 | Báo Lai Châu",
            description = "Ban Tuyên giáo Tỉnh ủy giao ban công tác khoa giáo.",
            canonicalUrl = "https://baolaichau.vn/giao-ban-khoa-giao",
            noIndex = true,
        },
    };

    private async Task<ArticleResponse> PatchAsync(Guid id, string json)
    {
        var request = Request(HttpMethod.Patch, $"/api/v1/articles/{id}", Editor);
        request.Content = new StringContent(json, Encoding.UTF8);
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/merge-patch+json");
        using var response = await Client.SendAsync(request);
        return await ReadAsync<ArticleResponse>(response);
    }

    [Test]
    public async Task AnArticleWithoutSeoHasAnEmptyOneNotNull()
    {
        var article = await CreateArticleResponseAsync(Editor, ArticleBody(Author));

        Assert.That(article.Seo, Is.EqualTo(new ArticleSeo(null, null, null, NoIndex: false)));
    }

    [Test]
    public async Task SeoIsStoredAndServedToReadersListsAndSync()
    {
        var article = await CreateArticleResponseAsync(Editor, ArticleBody(Author, Seo));
        var expected = new ArticleSeo("Giao ban Khoa giáo 9 tháng 2017 | Báo Lai Châu", "Ban Tuyên giáo Tỉnh ủy giao ban công tác khoa giáo.",
            "https://baolaichau.vn/giao-ban-khoa-giao", NoIndex: true);

        var read = await GetOkAsync<ArticleResponse>(Client, $"/api/v1/articles/{article.Slug}");
        var picked = JsonNode.Parse(await Client.GetStringAsync("/api/v1/articles?fields=seo&pageSize=100"))!["items"]!.AsArray()
            .Single(a => (string?)a!["id"] == article.Id.ToString())!.AsObject();
        var listed = await ArticlePageAsync("/api/v1/articles?pageSize=100");
        var synced = await GetOkAsync<SyncResponse>(Client, "/api/v1/sync?limit=500");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(article.Seo, Is.EqualTo(expected));
            Assert.That(read.Seo, Is.EqualTo(expected));
            Assert.That(picked.Select(p => p.Key), Is.EquivalentTo(new[] { "id", "seo" }), "fields=seo");
            Assert.That(picked["seo"].Deserialize<ArticleSeo>(ServiceJson), Is.EqualTo(expected));
            Assert.That(listed.Items.Single(a => a.Id == article.Id).Seo, Is.EqualTo(expected), "in a list by default");
            Assert.That(synced.Items.Single(a => a.Id == article.Id).Seo, Is.EqualTo(expected));
        }
    }

    [Test]
    public async Task APatchMergesIntoSeoAndNullClearsIt()
    {
        var article = await CreateArticleResponseAsync(Editor, ArticleBody(Author, Seo));

        var indexed = await PatchAsync(article.Id, """{ "seo": { "noIndex": false, "description": null } }""");
        var cleared = await PatchAsync(article.Id, """{ "seo": null }""");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(indexed.Seo, Is.EqualTo(article.Seo with { NoIndex = false, Description = null }), "the rest kept");
            Assert.That(cleared.Seo, Is.EqualTo(new ArticleSeo(null, null, null, NoIndex: false)));
        }
    }

    [Test]
    public async Task BlankTextsAreStoredAsNull()
    {
        var article = await CreateArticleResponseAsync(Editor, ArticleBody(Author, new { seo = new { title = "  ", description = "", noIndex = (bool?)null } }));

        Assert.That(article.Seo, Is.EqualTo(new ArticleSeo(null, null, null, NoIndex: false)));
    }

    [Test]
    public async Task BadSeoIsRefusedNamingEachFieldAndChangesNothing()
    {
        var article = await CreateArticleResponseAsync(Editor, ArticleBody(Author, Seo));

        using var response = await PutAsync($"/api/v1/articles/{article.Id}", Editor, ArticleBody(Author, new
        {
            seo = new { title = new string('a', 201), description = new string('b', 501), canonicalUrl = "javascript:alert(1)", noIndex = false },
        }));
        var problem = await AssertProblemAsync(response, 400, "validation_failed");
        using var noIndexNotBool = await PutAsync($"/api/v1/articles/{article.Id}", Editor, ArticleBody(Author, new { seo = new { noIndex = "yes" } }));
        using var stored = await Client.SendAsync(Request(HttpMethod.Get, $"/api/v1/articles/{article.Id}", Editor));
        var after = await ReadAsync<ArticleResponse>(stored);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(problem["errors"]!.AsObject().Select(e => e.Key), Is.EquivalentTo(new[] { "seo.title", "seo.description", "seo.canonicalUrl" }));
            Assert.That((await AssertProblemAsync(noIndexNotBool, 400, "validation_failed"))["errors"]!.AsObject().ContainsKey("seo.noIndex"), Is.True);
            Assert.That(after.Seo, Is.EqualTo(article.Seo));
            Assert.That(after.Version, Is.EqualTo(article.Version));
        }
    }
}
