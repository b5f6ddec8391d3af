using System.Net;
using Cms.Api.Articles;
using Cms.Api.Authors;
using Cms.Api.Categories;
using Cms.Api.Infrastructure.Paging;
using Cms.Api.Tests.Infrastructure;

namespace Cms.Api.Tests.Authors;

public sealed class AuthorTests : ContentTest
{
    [Test]
    public async Task AnAuthorIsReadByIdOrSlugWithAVisibleArticleCount()
    {
        var editor = await EditorAsync();
        var author = await CreateAuthorAsync(editor);
        await CreateArticleAsync(editor, ArticleBody(author, new { title = "Một" }));
        await CreateArticleAsync(editor, ArticleBody(author, new { title = "Hai", status = "draft" }));

        using var bySlug = await Client.GetAsync("/api/v1/authors/hong-phai");
        using var byId = await Client.GetAsync($"/api/v1/authors/{author}");
        using var articles = await Client.GetAsync("/api/v1/authors/hong-phai/articles");

        var body = await ReadAsync<AuthorResponse>(bySlug);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(body.Name, Is.EqualTo("Hồng Phái"));
            Assert.That(body.Organization, Is.EqualTo("BTG"));
            Assert.That(body.ArticleCount, Is.EqualTo(1));
            Assert.That(byId.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That((await ReadAsync<PagedList<ArticleResponse>>(articles)).Total, Is.EqualTo(1));
        }
    }

    [Test]
    public async Task OnlyEditorsWriteAuthors()
    {
        var (_, _, writer) = await CreateUserAsync("author");

        using var asAuthor = await SendAsync(HttpMethod.Post, "/api/v1/authors", writer, new { name = "X" });
        using var anonymous = await SendAsync(HttpMethod.Post, "/api/v1/authors", body: new { name = "X" });

        await AssertProblemAsync(asAuthor, 403, "forbidden");
        await AssertProblemAsync(anonymous, 401, "unauthenticated");
    }

    [Test]
    public async Task AnAuthorNamedByArticlesCannotBeDeletedUntilTheyAreArchived()
    {
        var editor = await EditorAsync();
        var author = await CreateAuthorAsync(editor);
        var article = await CreateArticleResponseAsync(editor, ArticleBody(author, new { status = "draft" }));

        using (var refused = await SendAsync(HttpMethod.Delete, $"/api/v1/authors/{author}", editor))
        {
            await AssertProblemAsync(refused, 409, "author_has_articles");
        }

        using (var archive = await PutAsync($"/api/v1/articles/{article.Id}", editor, ArticleBody(author, new { status = "archived" })))
        {
            Assert.That(archive.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        using var deleted = await SendAsync(HttpMethod.Delete, $"/api/v1/authors/{author}", editor);
        Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(await ScalarAsync<long>("SELECT count(*) FROM articles"), Is.EqualTo(1), "the archived article stays");
    }

    [Test]
    public async Task UpdatingAnAuthorNeedsTheCurrentVersion()
    {
        var editor = await EditorAsync();
        var author = await CreateAuthorAsync(editor);

        using var updated = await PutAsync($"/api/v1/authors/{author}", editor, new System.Text.Json.Nodes.JsonObject { ["name"] = "Hồng Phái (BTG)", ["slug"] = null, ["organization"] = null, ["bio"] = null, ["avatarUrl"] = null }, "\"1\"");
        using var stale = await PutAsync($"/api/v1/authors/{author}", editor, new System.Text.Json.Nodes.JsonObject { ["name"] = "Khác", ["slug"] = null, ["organization"] = null, ["bio"] = null, ["avatarUrl"] = null }, "\"1\"");

        var body = await ReadAsync<AuthorResponse>(updated);
        Assert.That(body.Version, Is.EqualTo(2));
        Assert.That(body.Slug, Is.EqualTo("hong-phai"), "the slug stays when the name changes");
        await AssertProblemAsync(stale, 412, "version_mismatch");
    }

    [Test]
    public async Task InvalidAuthorsNameTheField()
    {
        var editor = await EditorAsync();

        using var response = await SendAsync(HttpMethod.Post, "/api/v1/authors", editor, new { name = "", avatarUrl = "ftp://x", slug = "-bad-" });

        var problem = await AssertProblemAsync(response, 400, "validation_failed");
        Assert.That(problem["errors"]!.AsObject().Select(e => e.Key), Is.EquivalentTo(new[] { "name", "avatarUrl", "slug" }));
    }

    [TestCase("/api/v1/authors")]
    [TestCase("/api/v1/categories")]
    public async Task NameListsPageByNumberAndByCursorAlike(string list)
    {
        var editor = await EditorAsync();
        // Two share a name: the id keeps their order fixed.
        foreach (var name in new[] { "Bình", "An", "Cường", "An", "Dũng" })
        {
            using var created = await SendAsync(HttpMethod.Post, list, editor, new { name });
            Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        }

        // Each list reads as its own type; only the ids and the cursor matter here.
        async Task<(List<Guid> Ids, string? NextCursor)> PageAsync(string url)
        {
            using var response = await Client.GetAsync(url);
            if (list == "/api/v1/authors")
            {
                var authors = await ReadAsync<PagedList<AuthorResponse>>(response);
                return (authors.Items.Select(i => i.Id).ToList(), authors.NextCursor);
            }

            var categories = await ReadAsync<PagedList<CategoryResponse>>(response);
            return (categories.Items.Select(i => i.Id).ToList(), categories.NextCursor);
        }

        var byCursor = new List<Guid>();
        string? cursor = null;
        do
        {
            var (ids, next) = await PageAsync($"{list}?pageSize=2" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)));
            byCursor.AddRange(ids);
            cursor = next;
        }
        while (cursor is not null);

        var (expected, _) = await PageAsync($"{list}?pageSize=100");
        using var forged = await Client.GetAsync($"{list}?cursor=eyJzY29wZSI6ImF1dGhvcnMifQ");

        Assert.That(byCursor, Is.EqualTo(expected));
        Assert.That(expected, Has.Count.EqualTo(5));
        await AssertProblemAsync(forged, 400, "validation_failed");
    }
}
