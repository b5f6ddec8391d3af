using System.Net;
using Cms.Api.Articles;
using Cms.Api.Data.Entities;
using Cms.Api.Infrastructure.Paging;
using Cms.Api.Revisions;

namespace Cms.Api.Tests.Revisions;

public sealed class RevisionHistoryTests : RevisionTest
{
    [Test]
    public async Task EverySaveKeepsExactlyOneRevisionNewestFirst()
    {
        var article = await PublishedAsync("lich-su");
        var put = await OkAsync<ArticleResponse>(await PutAsync($"/api/v1/articles/{article.Id}", Editor, BodyOf(article, new { title = "Tiêu đề mới" })));
        var patched = await OkAsync<ArticleResponse>(await PatchAsync($"/api/v1/articles/{article.Id}", Editor, """{ "summary": "Tóm tắt mới", "tags": ["a"] }"""));
        var restored = await OkAsync<ArticleResponse>(await SendAsync(HttpMethod.Post, $"/api/v1/articles/{article.Id}/revisions/1/restore", Editor, null, null));

        var revisions = await RevisionsAsync(article.Id);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(new[] { put.Version, patched.Version, restored.Version }, Is.EqualTo(new[] { 2, 3, 4 }));
            Assert.That(revisions.Select(r => r.Version), Is.EqualTo(new[] { 4, 3, 2, 1 }));
            Assert.That(revisions[2].Changed, Is.EqualTo(new[] { "title" }));
            Assert.That(revisions[1].Changed, Is.EqualTo(new[] { "summary", "tags" }));
            Assert.That(revisions[0].Changed, Is.EquivalentTo(new[] { "title", "summary", "tags" }), "the restore undid all three");
            Assert.That(revisions[3].Changed, Does.Contain("title").And.Contain("body"), "the first save changed everything");
            Assert.That(revisions.All(r => r.Live && !r.Pending), "each was saved onto a visible article");
            Assert.That(revisions[0].SavedBy!.DisplayName, Does.StartWith("User editor-"));
            Assert.That(restored.Title, Is.EqualTo(article.Title));
            Assert.That(await ScalarAsync<long>("SELECT count(*) FROM article_revisions WHERE article_id = $1", article.Id), Is.EqualTo(4));
        }
    }

    [Test]
    public async Task AUsersSavesOfADraftMergeWithinTheWindowAndNotAfter()
    {
        var draft = await CreateArticleResponseAsync(Editor, ArticleBody(Author, new { status = "draft", slug = "nhap" }));
        for (var i = 0; i < 3; i++)
        {
            App.Clock.Advance(TimeSpan.FromSeconds(30));
            await OkAsync<ArticleResponse>(await PatchAsync($"/api/v1/articles/{draft.Id}", Editor, $$"""{ "summary": "Bản {{i}}" }"""));
        }

        var merged = await RevisionsAsync(draft.Id);
        App.Clock.Advance(TimeSpan.FromSeconds(301));
        await OkAsync<ArticleResponse>(await PatchAsync($"/api/v1/articles/{draft.Id}", Editor, """{ "title": "Sau khi nghỉ" }"""));
        var other = await EditorAsync();
        await OkAsync<ArticleResponse>(await PatchAsync($"/api/v1/articles/{draft.Id}", other, """{ "summary": "Người khác" }"""));

        var after = await RevisionsAsync(draft.Id);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(merged.Select(r => r.Version), Is.EqualTo(new[] { 4 }), "the create and three autosaves are one revision");
            Assert.That(merged[0].Live, Is.False);
            Assert.That(after.Select(r => r.Version), Is.EqualTo(new[] { 6, 5, 4 }), "a save after the window, and another user's, are their own");
            Assert.That(after[1].Changed, Is.EqualTo(new[] { "title" }));
        }
    }

    [Test]
    public async Task SavesOfALiveArticleAreNeverMerged()
    {
        var article = await PublishedAsync("song");
        await OkAsync<ArticleResponse>(await PatchAsync($"/api/v1/articles/{article.Id}", Editor, """{ "summary": "Một" }"""));
        await OkAsync<ArticleResponse>(await PatchAsync($"/api/v1/articles/{article.Id}", Editor, """{ "summary": "Hai" }"""));

        Assert.That((await RevisionsAsync(article.Id)).Select(r => r.Version), Is.EqualTo(new[] { 3, 2, 1 }), "readers saw each of them");
    }

    [Test]
    public async Task ARevisionReadsAsTheArticleWasAndPagesLikeEveryList()
    {
        var article = await PublishedAsync("doc-lai");
        for (var i = 0; i < 4; i++)
        {
            await OkAsync<ArticleResponse>(await PatchAsync($"/api/v1/articles/{article.Id}", Editor, $$"""{ "title": "Lần {{i}}" }"""));
        }

        var first = await OkAsync<ArticleResponse>(await SendAsync(HttpMethod.Get, $"/api/v1/articles/{article.Id}/revisions/1", Editor));
        var page = await OkAsync<PagedList<RevisionSummary>>(await SendAsync(HttpMethod.Get, $"/api/v1/articles/{article.Id}/revisions?pageSize=2", Editor));
        var next = await OkAsync<PagedList<RevisionSummary>>(await SendAsync(HttpMethod.Get,
            $"/api/v1/articles/{article.Id}/revisions?pageSize=2&cursor={Uri.EscapeDataString(page.NextCursor!)}", Editor));
        var numbered = await OkAsync<PagedList<RevisionSummary>>(await SendAsync(HttpMethod.Get, $"/api/v1/articles/{article.Id}/revisions?page=3&pageSize=2", Editor));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(first.Title, Is.EqualTo(article.Title));
            Assert.That(first.Version, Is.EqualTo(1));
            Assert.That(first.Authors.Single().Id, Is.EqualTo(Author));
            Assert.That(page.Items.Select(r => r.Version), Is.EqualTo(new[] { 5, 4 }));
            Assert.That(page.Total, Is.EqualTo(5));
            Assert.That(next.Items.Select(r => r.Version), Is.EqualTo(new[] { 3, 2 }));
            Assert.That(numbered.Items.Select(r => r.Version), Is.EqualTo(new[] { 1 }));
            Assert.That(numbered.NextCursor, Is.Null);
        }

        await AssertProblemAsync(await SendAsync(HttpMethod.Get, $"/api/v1/articles/{article.Id}/revisions/99", Editor), 404, "not_found");
        await AssertProblemAsync(await SendAsync(HttpMethod.Get, $"/api/v1/articles/{article.Id}/revisions?pageSize=101", Editor), 400, "validation_failed");
    }

    [Test]
    public async Task RestoreTakesIfMatchOfTheCurrentVersionAndCanBeUndone()
    {
        var article = await PublishedAsync("khoi-phuc");
        await OkAsync<ArticleResponse>(await PutAsync($"/api/v1/articles/{article.Id}", Editor, BodyOf(article, new { title = "Bản hai" })));

        await AssertProblemAsync(await SendAsync(HttpMethod.Post, $"/api/v1/articles/{article.Id}/revisions/1/restore", Editor, null, "\"1\""), 412, "version_mismatch");
        var restored = await OkAsync<ArticleResponse>(await SendAsync(HttpMethod.Post, $"/api/v1/articles/{article.Id}/revisions/1/restore", Editor, null, "\"2\""));
        var undone = await OkAsync<ArticleResponse>(await SendAsync(HttpMethod.Post, $"/api/v1/articles/{article.Id}/revisions/2/restore", Editor, null, null));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(restored.Title, Is.EqualTo(article.Title));
            Assert.That(restored.Version, Is.EqualTo(3));
            Assert.That(undone.Title, Is.EqualTo("Bản hai"));
            Assert.That(undone.Version, Is.EqualTo(4));
            Assert.That((await GetOkAsync<ArticleResponse>(Client, "/api/v1/articles/khoi-phuc")).Title, Is.EqualTo("Bản hai"), "readers see it at once");
        }
    }

    [Test]
    public async Task RestoreBringsTheSlugBackUnlessAnotherArticleTookIt()
    {
        var article = await PublishedAsync("ten-cu");
        await OkAsync<ArticleResponse>(await PutAsync($"/api/v1/articles/{article.Id}", Editor, BodyOf(article, new { slug = "ten-moi" })));
        var back = await OkAsync<ArticleResponse>(await SendAsync(HttpMethod.Post, $"/api/v1/articles/{article.Id}/revisions/1/restore", Editor, null, null));
        Assert.That(back.Slug, Is.EqualTo("ten-cu"), "its own former slug comes back");

        // Deleted, its slug taken by another article, brought back under a numbered one: restoring the old slug is 409.
        await AssertStatusAsync(await SendAsync(HttpMethod.Delete, $"/api/v1/articles/{article.Id}", Editor), HttpStatusCode.NoContent);
        await PublishedAsync("ten-cu");
        var undeleted = await OkAsync<ArticleResponse>(await SendAsync(HttpMethod.Post, $"/api/v1/articles/{article.Id}/undelete", Editor));
        await AssertProblemAsync(await SendAsync(HttpMethod.Post, $"/api/v1/articles/{article.Id}/revisions/1/restore", Editor, null, null), 409, "slug_taken");

        Assert.That(undeleted.Slug, Is.EqualTo("ten-cu-2"));
        Assert.That((await GetOkAsync<ArticleResponse>(Client, "/api/v1/articles/ten-cu")).Id, Is.Not.EqualTo(article.Id), "the other article keeps it");
    }

    [Test]
    public async Task OnlyWhoeverMayEditReadsOrRestoresTheHistory()
    {
        var article = await PublishedAsync("rieng");
        var author = (await CreateUserAsync("author")).Token;
        var own = await CreateArticleResponseAsync(author, ArticleBody(Author, new { status = "draft", slug = "cua-toi" }));

        await AssertProblemAsync(await SendAsync(HttpMethod.Get, $"/api/v1/articles/{article.Id}/revisions", author), 403, "forbidden");
        await AssertProblemAsync(await SendAsync(HttpMethod.Post, $"/api/v1/articles/{article.Id}/revisions/1/restore", author), 403, "forbidden");
        await AssertProblemAsync(await SendAsync(HttpMethod.Get, $"/api/v1/articles/{own.Id}/revisions", token: null), 401, "unauthenticated");
        Assert.That((await RevisionsAsync(own.Id)).Count, Is.EqualTo(1));
        var ownHistory = await OkAsync<PagedList<RevisionSummary>>(await SendAsync(HttpMethod.Get, $"/api/v1/articles/{own.Id}/revisions", author));
        Assert.That(ownHistory.Items.Single().Live, Is.False, "a draft was never live");
        Assert.That(own.Status, Is.EqualTo(ArticleStatus.Draft));
    }
}
