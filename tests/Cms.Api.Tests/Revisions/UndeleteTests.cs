using System.Net;
using Cms.Api.Articles;
using Cms.Api.Data.Entities;
using Cms.Api.Infrastructure.Paging;
using Cms.Api.Revisions;
using Cms.Api.Sync;

namespace Cms.Api.Tests.Revisions;

public sealed class UndeleteTests : RevisionTest
{
    [Test]
    public async Task ADeletedArticleComesBackAsADraftWithItsHistory()
    {
        var category = await CreateCategoryAsync(Editor);
        var article = await PublishedAsync("tro-lai", new { categoryIds = new[] { category } });
        await OkAsync<ArticleResponse>(await PatchAsync($"/api/v1/articles/{article.Id}", Editor, """{ "summary": "Sửa trước khi xoá" }"""));
        await AssertStatusAsync(await SendAsync(HttpMethod.Delete, $"/api/v1/articles/{article.Id}", Editor), HttpStatusCode.NoContent);

        var deleted = await OkAsync<PagedList<DeletedArticleSummary>>(await SendAsync(HttpMethod.Get, "/api/v1/articles/deleted", Editor));
        Assert.That(await StatusOfAsync(Client, "/api/v1/articles/tro-lai"), Is.EqualTo(404));
        var back = await OkAsync<ArticleResponse>(await SendAsync(HttpMethod.Post, $"/api/v1/articles/{article.Id}/undelete", Editor));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(deleted.Items.Single().Id, Is.EqualTo(article.Id));
            Assert.That(deleted.Items.Single().Version, Is.EqualTo(2));
            Assert.That(deleted.Items.Single().KeptUntil, Is.EqualTo(deleted.Items.Single().DeletedAt.AddDays(30)));
            Assert.That(back.Id, Is.EqualTo(article.Id));
            Assert.That(back.Status, Is.EqualTo(ArticleStatus.Draft));
            Assert.That(back.Slug, Is.EqualTo("tro-lai"));
            Assert.That(back.Summary, Is.EqualTo("Sửa trước khi xoá"));
            Assert.That(back.Categories.Single().Id, Is.EqualTo(category), "its categories came back");
            Assert.That(back.Authors.Single().Id, Is.EqualTo(Author), "and its byline");
            Assert.That(back.Version, Is.EqualTo(3));
            Assert.That((await RevisionsAsync(article.Id)).Select(r => r.Version), Is.EqualTo(new[] { 3, 2, 1 }));
            Assert.That(await StatusOfAsync(Client, "/api/v1/articles/tro-lai"), Is.EqualTo(404), "a draft, still hidden from readers");
        }

        Assert.That((await OkAsync<PagedList<DeletedArticleSummary>>(await SendAsync(HttpMethod.Get, "/api/v1/articles/deleted", Editor))).Items, Is.Empty);
        await AssertProblemAsync(await SendAsync(HttpMethod.Post, $"/api/v1/articles/{article.Id}/undelete", Editor), 404, "not_found");
    }

    [Test]
    public async Task ItsSlugTakenMeanwhileItComesBackUnderANumberedOne()
    {
        var article = await PublishedAsync("trung-ten");
        await AssertStatusAsync(await SendAsync(HttpMethod.Delete, $"/api/v1/articles/{article.Id}", Editor), HttpStatusCode.NoContent);
        var taker = await PublishedAsync("trung-ten");

        var back = await OkAsync<ArticleResponse>(await SendAsync(HttpMethod.Post, $"/api/v1/articles/{article.Id}/undelete", Editor));

        Assert.That(back.Slug, Is.EqualTo("trung-ten-2"));
        Assert.That((await GetOkAsync<ArticleResponse>(Client, "/api/v1/articles/trung-ten")).Id, Is.EqualTo(taker.Id));
    }

    [Test]
    public async Task SyncReportsItDeletedThenNewOncePublishedAgain()
    {
        var article = await PublishedAsync("dong-bo");
        var initial = await GetOkAsync<SyncResponse>(Client, "/api/v1/sync");
        await AssertStatusAsync(await SendAsync(HttpMethod.Delete, $"/api/v1/articles/{article.Id}", Editor), HttpStatusCode.NoContent);
        var afterDelete = await GetOkAsync<SyncResponse>(Client, "/api/v1/sync?token=" + Uri.EscapeDataString(initial.NextToken));
        var back = await OkAsync<ArticleResponse>(await SendAsync(HttpMethod.Post, $"/api/v1/articles/{article.Id}/undelete", Editor));
        var whileDraft = await GetOkAsync<SyncResponse>(Client, "/api/v1/sync?token=" + Uri.EscapeDataString(afterDelete.NextToken));
        // An app that synced before the delete and not since: still told it is gone, never shown it twice.
        var late = await GetOkAsync<SyncResponse>(Client, "/api/v1/sync?token=" + Uri.EscapeDataString(initial.NextToken));
        var republished = await OkAsync<ArticleResponse>(await PatchAsync($"/api/v1/articles/{article.Id}", Editor, """{ "status": "published" }"""));
        var afterPublish = await GetOkAsync<SyncResponse>(Client, "/api/v1/sync?token=" + Uri.EscapeDataString(whileDraft.NextToken));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(initial.Items.Select(i => i.Id), Is.EqualTo(new[] { article.Id }));
            Assert.That(afterDelete.Deleted, Is.EqualTo(new[] { article.Id }));
            Assert.That(whileDraft.Items, Is.Empty);
            Assert.That(late.Deleted, Is.EqualTo(new[] { article.Id }));
            Assert.That(late.Items, Is.Empty);
            Assert.That(afterPublish.Items.Select(i => (i.Id, i.Version)), Is.EqualTo(new[] { (article.Id, republished.Version) }));
            Assert.That(afterPublish.Deleted, Is.Empty);
            Assert.That(back.Version, Is.LessThan(republished.Version));
            Assert.That(await ScalarAsync<long>("SELECT count(*) FROM article_tombstones"), Is.Zero, "the article row carries the tombstone's duty now");
        }
    }

    [Test]
    public async Task DeletingReleasesItsMediaAndAMissingAuthorKeepsItFromComingBack()
    {
        var author = await CreateAuthorAsync(Editor, "Tác giả tạm");
        var article = await PublishedAsync("tac-gia-tam", new { authorIds = new[] { author } });
        await AssertStatusAsync(await SendAsync(HttpMethod.Delete, $"/api/v1/articles/{article.Id}", Editor), HttpStatusCode.NoContent);
        await AssertStatusAsync(await SendAsync(HttpMethod.Delete, $"/api/v1/authors/{author}", Editor), HttpStatusCode.NoContent);

        await AssertProblemAsync(await SendAsync(HttpMethod.Post, $"/api/v1/articles/{article.Id}/undelete", Editor), 409, "conflict");
        Assert.That((await OkAsync<PagedList<DeletedArticleSummary>>(await SendAsync(HttpMethod.Get, "/api/v1/articles/deleted", Editor))).Items, Has.Count.EqualTo(1),
            "still kept, for when the author is back");
    }
}
