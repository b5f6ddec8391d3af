using System.Net;
using System.Net.Http.Headers;
using Cms.Api.Tests.Infrastructure;

namespace Cms.Api.Tests.Articles;

public sealed class ArticleVisibilityTests : ContentTest
{
    [Test]
    public async Task ReadersSeePublishedArticlesByIdOrSlugAndNotDrafts()
    {
        var editor = await EditorAsync();
        var author = await CreateAuthorAsync(editor);
        var published = await CreateArticleAsync(editor, ArticleBody(author, new { title = "Đã đăng" }));
        var draft = await CreateArticleAsync(editor, ArticleBody(author, new { title = "Bản nháp", status = "draft" }));

        using var byId = await Client.GetAsync($"/api/v1/articles/{published["id"]}");
        using var bySlug = await Client.GetAsync("/api/v1/articles/da-dang");
        using var draftById = await Client.GetAsync($"/api/v1/articles/{draft["id"]}");
        using var draftAsEditor = await SendAsync(HttpMethod.Get, $"/api/v1/articles/{draft["id"]}", editor);
        using var list = await Client.GetAsync("/api/v1/articles");

        Assert.That(byId.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await JsonAsync(bySlug))["body"]!.GetValue<string>(), Does.Contain("Ngày 09/10"));
        await AssertProblemAsync(draftById, 404, "not_found");
        Assert.That((await JsonAsync(draftAsEditor))["status"]!.GetValue<string>(), Is.EqualTo("draft"));
        var items = (await JsonAsync(list))["items"]!.AsArray();
        Assert.That(items.Select(i => i!["slug"]!.GetValue<string>()), Is.EqualTo(new[] { "da-dang" }));
        Assert.That(items[0]!.AsObject().ContainsKey("body"), Is.False, "list items leave out the body");
    }

    [Test]
    public async Task AScheduledArticleAppearsAtPublishAtAndLeavesAtExpiresAtByItself()
    {
        var editor = await EditorAsync();
        var author = await CreateAuthorAsync(editor);
        var publishAt = Now.AddHours(2);
        var article = await CreateArticleAsync(editor, ArticleBody(author, new
        {
            status = "scheduled",
            publishAt,
            expiresAt = publishAt.AddDays(1),
        }));
        var url = $"/api/v1/articles/{article["slug"]}";
        Assert.That(article["status"]!.GetValue<string>(), Is.EqualTo("scheduled"));
        Assert.That(article["publishedAt"], Is.Null);

        using (var before = await Client.GetAsync(url))
        {
            await AssertProblemAsync(before, 404, "not_found");
        }

        App.Clock.SetUtcNow(publishAt);
        using (var during = await Client.GetAsync(url))
        {
            var body = await JsonAsync(during);
            Assert.That(body["status"]!.GetValue<string>(), Is.EqualTo("published"));
            Assert.That(DateTimeOffset.Parse(body["publishedAt"]!.GetValue<string>()), Is.EqualTo(publishAt));
        }

        App.Clock.SetUtcNow(publishAt.AddDays(1));
        using var after = await Client.GetAsync(url);
        await AssertProblemAsync(after, 404, "not_found");
    }

    [Test]
    public async Task AReadWithTheCurrentETagAnswers304()
    {
        var editor = await EditorAsync();
        var author = await CreateAuthorAsync(editor);
        var article = await CreateArticleAsync(editor, ArticleBody(author));

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/articles/{article["id"]}");
        request.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"1\""));
        using var response = await Client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotModified));
    }

    [Test]
    public async Task AuthorsWriteOwnDraftsOnly()
    {
        var editor = await EditorAsync();
        var author = await CreateAuthorAsync(editor);
        var (_, _, writer) = await CreateUserAsync("author");
        var (_, _, otherWriter) = await CreateUserAsync("author");

        using var publish = await SendAsync(HttpMethod.Post, "/api/v1/articles", writer, ArticleBody(author));
        await AssertProblemAsync(publish, 403, "forbidden");

        var draft = await CreateArticleAsync(writer, ArticleBody(author, new { status = "draft" }));
        var url = $"/api/v1/articles/{draft["id"]}";
        using (var ownRead = await SendAsync(HttpMethod.Get, url, writer))
        {
            Assert.That(ownRead.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        using (var ownEdit = await PutAsync(url, writer, ArticleBody(author, new { status = "draft", title = "Sửa nháp" })))
        {
            Assert.That(ownEdit.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        using (var selfPublish = await PutAsync(url, writer, ArticleBody(author, new { status = "published" })))
        {
            await AssertProblemAsync(selfPublish, 403, "forbidden");
        }

        using (var othersRead = await SendAsync(HttpMethod.Get, url, otherWriter))
        {
            await AssertProblemAsync(othersRead, 404, "not_found");
        }

        using (var othersDelete = await SendAsync(HttpMethod.Delete, url, otherWriter))
        {
            await AssertProblemAsync(othersDelete, 404, "not_found");
        }

        using (var editorPublishes = await PutAsync(url, editor, ArticleBody(author, new { status = "published" })))
        {
            Assert.That(editorPublishes.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        using var editPublished = await PutAsync(url, writer, ArticleBody(author, new { status = "draft" }));
        await AssertProblemAsync(editPublished, 403, "forbidden");
        using var othersPublished = await PutAsync(url, otherWriter, ArticleBody(author, new { status = "draft" }));
        await AssertProblemAsync(othersPublished, 403, "forbidden");
        using var othersPublishedDelete = await SendAsync(HttpMethod.Delete, url, otherWriter);
        await AssertProblemAsync(othersPublishedDelete, 403, "forbidden");
        using var anonymousWrite = await SendAsync(HttpMethod.Post, "/api/v1/articles", body: ArticleBody(author));
        await AssertProblemAsync(anonymousWrite, 401, "unauthenticated");
    }

    [Test]
    public async Task RelatedListsNewerAndOlderArticlesOfTheFirstCategory()
    {
        var editor = await EditorAsync();
        var author = await CreateAuthorAsync(editor);
        var category = await CreateCategoryAsync(editor);
        var other = await CreateCategoryAsync(editor, "Văn hóa");
        var slugs = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var article = await CreateArticleAsync(editor, ArticleBody(author, new { title = $"Tin {i}", publishAt = Now.AddHours(-10 + i) }, category));
            slugs.Add(article["slug"]!.GetValue<string>());
        }

        await CreateArticleAsync(editor, ArticleBody(author, new { title = "Khác mục", publishAt = Now.AddHours(-7) }, other));
        await CreateArticleAsync(editor, ArticleBody(author, new { title = "Nháp", status = "draft" }, category));

        using var response = await Client.GetAsync($"/api/v1/articles/{slugs[2]}/related");

        var related = await JsonAsync(response);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(related["newer"]!.AsArray().Select(a => a!["slug"]!.GetValue<string>()), Is.EqualTo(new[] { slugs[3], slugs[4] }));
            Assert.That(related["older"]!.AsArray().Select(a => a!["slug"]!.GetValue<string>()), Is.EqualTo(new[] { slugs[1], slugs[0] }));
        }
    }
}
