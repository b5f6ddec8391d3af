using System.Net;
using System.Net.Http.Headers;
using Cms.Api.Articles;
using Cms.Api.Data.Entities;
using Cms.Api.Infrastructure.Paging;
using Cms.Api.Tests.Infrastructure;

namespace Cms.Api.Tests.Articles;

public sealed class ArticleVisibilityTests : ContentTest
{
    [Test]
    public async Task ReadersSeePublishedArticlesByIdOrSlugAndNotDrafts()
    {
        var editor = await EditorAsync();
        var author = await CreateAuthorAsync(editor);
        var published = await CreateArticleResponseAsync(editor, ArticleBody(author, new { title = "Đã đăng" }));
        var draft = await CreateArticleResponseAsync(editor, ArticleBody(author, new { title = "Bản nháp", status = "draft" }));

        using var byId = await Client.GetAsync($"/api/v1/articles/{published.Id}");
        using var bySlug = await Client.GetAsync("/api/v1/articles/da-dang");
        using var draftById = await Client.GetAsync($"/api/v1/articles/{draft.Id}");
        using var draftAsEditor = await SendAsync(HttpMethod.Get, $"/api/v1/articles/{draft.Id}", editor);
        using var list = await Client.GetAsync("/api/v1/articles");

        Assert.That(byId.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await ReadAsync<ArticleResponse>(bySlug)).Body, Does.Contain("Ngày 09/10"));
        await AssertProblemAsync(draftById, 404, "not_found");
        Assert.That((await ReadAsync<ArticleResponse>(draftAsEditor)).Status, Is.EqualTo(ArticleStatus.Draft));
        Assert.That((await ReadAsync<PagedList<ArticleResponse>>(list)).Items.Select(i => i.Slug), Is.EqualTo(new[] { "da-dang" }));
        // The wire shape: the body is absent from list items, not null.
        Assert.That((await JsonAsync(list))["items"]![0]!.AsObject().ContainsKey("body"), Is.False, "list items leave out the body");
    }

    [Test]
    public async Task AScheduledArticleAppearsAtPublishAtAndLeavesAtExpiresAtByItself()
    {
        var editor = await EditorAsync();
        var author = await CreateAuthorAsync(editor);
        var publishAt = Now.AddHours(2);
        var article = await CreateArticleResponseAsync(editor, ArticleBody(author, new
        {
            status = "scheduled",
            publishAt,
            expiresAt = publishAt.AddDays(1),
        }));
        var url = $"/api/v1/articles/{article.Slug}";
        Assert.That(article.Status, Is.EqualTo(ArticleStatus.Scheduled));
        Assert.That(article.PublishedAt, Is.Null);

        using (var before = await Client.GetAsync(url))
        {
            await AssertProblemAsync(before, 404, "not_found");
        }

        App.Clock.SetUtcNow(publishAt);
        using (var during = await Client.GetAsync(url))
        {
            var body = await ReadAsync<ArticleResponse>(during);
            Assert.That(body.Status, Is.EqualTo(ArticleStatus.Published));
            Assert.That(body.PublishedAt, Is.EqualTo(publishAt));
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
        var article = await CreateArticleResponseAsync(editor, ArticleBody(author));

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/articles/{article.Id}");
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

        var draft = await CreateArticleResponseAsync(writer, ArticleBody(author, new { status = "draft" }));
        var url = $"/api/v1/articles/{draft.Id}";
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
            var article = await CreateArticleResponseAsync(editor, ArticleBody(author, new { title = $"Tin {i}", publishAt = Now.AddHours(-10 + i) }, category));
            slugs.Add(article.Slug);
        }

        await CreateArticleAsync(editor, ArticleBody(author, new { title = "Khác mục", publishAt = Now.AddHours(-7) }, other));
        await CreateArticleAsync(editor, ArticleBody(author, new { title = "Nháp", status = "draft" }, category));

        using var response = await Client.GetAsync($"/api/v1/articles/{slugs[2]}/related");

        var related = await ReadAsync<RelatedArticles>(response);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(related.Newer.Select(a => a.Slug), Is.EqualTo(new[] { slugs[3], slugs[4] }));
            Assert.That(related.Older.Select(a => a.Slug), Is.EqualTo(new[] { slugs[1], slugs[0] }));
        }
    }
}
