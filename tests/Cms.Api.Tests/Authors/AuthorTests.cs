using System.Net;
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

        var body = await JsonAsync(bySlug);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(body["name"]!.GetValue<string>(), Is.EqualTo("Hồng Phái"));
            Assert.That(body["organization"]!.GetValue<string>(), Is.EqualTo("BTG"));
            Assert.That(body["articleCount"]!.GetValue<int>(), Is.EqualTo(1));
            Assert.That(byId.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That((await JsonAsync(articles))["total"]!.GetValue<int>(), Is.EqualTo(1));
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
        var article = await CreateArticleAsync(editor, ArticleBody(author, new { status = "draft" }));

        using (var refused = await SendAsync(HttpMethod.Delete, $"/api/v1/authors/{author}", editor))
        {
            await AssertProblemAsync(refused, 409, "author_has_articles");
        }

        using (var archive = await PutAsync($"/api/v1/articles/{article["id"]}", editor, ArticleBody(author, new { status = "archived" })))
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

        using var updated = await PutAsync($"/api/v1/authors/{author}", editor, new System.Text.Json.Nodes.JsonObject { ["name"] = "Hồng Phái (BTG)" }, "\"1\"");
        using var stale = await PutAsync($"/api/v1/authors/{author}", editor, new System.Text.Json.Nodes.JsonObject { ["name"] = "Khác" }, "\"1\"");

        var body = await JsonAsync(updated);
        Assert.That(body["version"]!.GetValue<int>(), Is.EqualTo(2));
        Assert.That(body["slug"]!.GetValue<string>(), Is.EqualTo("hong-phai"), "the slug stays when the name changes");
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

        var byCursor = new List<string>();
        string? cursor = null;
        do
        {
            using var response = await Client.GetAsync($"{list}?pageSize=2" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)));
            var body = await JsonAsync(response);
            byCursor.AddRange(body["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()));
            cursor = body["nextCursor"]?.GetValue<string>();
        }
        while (cursor is not null);

        using var all = await Client.GetAsync($"{list}?pageSize=100");
        var expected = (await JsonAsync(all))["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()).ToList();
        using var forged = await Client.GetAsync($"{list}?cursor=eyJzY29wZSI6ImF1dGhvcnMifQ");

        Assert.That(byCursor, Is.EqualTo(expected));
        Assert.That(expected, Has.Count.EqualTo(5));
        await AssertProblemAsync(forged, 400, "validation_failed");
    }
}
