using System.Text;
using Cms.Api.Data.Entities;
using Cms.Api.Media;

namespace Cms.Api.Tests.Media;

/// <summary>GET /media/{id}/usage: the articles a media item is in, the ones that keep it from being deleted.</summary>
public sealed class MediaUsageTests : MediaTest
{
    private async Task<MediaUsageResponse> UsageAsync(Guid id, string? token = null)
    {
        using var response = await SendAsync(HttpMethod.Get, $"/api/v1/media/{id}/usage", token ?? Editor);
        Assert.That((int)response.StatusCode, Is.EqualTo(200), await response.Content.ReadAsStringAsync());
        return await ReadAsync<MediaUsageResponse>(response);
    }

    [Test]
    public async Task UsageListsCoverAndBodyUsesOfEveryStatus()
    {
        var item = await AddMediaAsync(TestImages.Jpeg(64, 48));
        var other = await AddMediaAsync(TestImages.Jpeg(64, 48), "khac.jpg");
        var cover = await CreateArticleResponseAsync(Editor, ArticleBody(Author, new { slug = "bia", status = "draft" }));
        await UseInArticleAsync(cover.Id, item.Id);
        var picture = $"<figure><img src=\"/media/{item.Id}/{item.FileName}?w=800\" alt=\"Ảnh\"><figcaption>Ảnh</figcaption></figure>";
        var body = await CreateArticleResponseAsync(Editor, ArticleBody(Author, new { slug = "than-bai", body = "<p>Bài.</p>" + picture }));
        var both = await CreateArticleResponseAsync(Editor, ArticleBody(Author, new
        {
            slug = "ca-hai", body = picture, status = "scheduled", publishAt = Now.AddDays(1),
        }));
        await UseInArticleAsync(both.Id, item.Id);
        await CreateArticleResponseAsync(Editor, ArticleBody(Author, new { slug = "khong-dung" }));
        await UseInArticleAsync((await CreateArticleResponseAsync(Editor, ArticleBody(Author, new { slug = "anh-khac" }))).Id, other.Id);

        var usage = await UsageAsync(item.Id);

        Assert.That(usage.Items.Select(u => u.Slug), Is.EquivalentTo(new[] { "bia", "than-bai", "ca-hai" }));
        Assert.That(usage.Total, Is.EqualTo(3));
        var bySlug = usage.Items.ToDictionary(u => u.Slug);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(bySlug["bia"].As, Is.EqualTo(new[] { "cover" }));
            Assert.That(bySlug["bia"].Status, Is.EqualTo(ArticleStatus.Draft));
            Assert.That(bySlug["than-bai"].As, Is.EqualTo(new[] { "body" }));
            Assert.That(bySlug["than-bai"].Status, Is.EqualTo(ArticleStatus.Published));
            Assert.That(bySlug["ca-hai"].As, Is.EqualTo(new[] { "cover", "body" }));
            Assert.That(bySlug["ca-hai"].Status, Is.EqualTo(ArticleStatus.Scheduled));
            Assert.That(bySlug["than-bai"].Id, Is.EqualTo(body.Id));
            Assert.That(bySlug["than-bai"].Title, Is.EqualTo(body.Title));
        }

        // They are the articles a delete names in its 409.
        using var delete = await SendAsync(HttpMethod.Delete, $"/api/v1/media/{item.Id}", Editor);
        await AssertProblemAsync(delete, 409, "media_in_use");
    }

    [Test]
    public async Task UsageLeavesOutDeletedArticlesAndUnpublishedPendingChanges()
    {
        var item = await AddMediaAsync(TestImages.Jpeg(64, 48));
        var gone = await CreateArticleResponseAsync(Editor, ArticleBody(Author, new { slug = "da-xoa" }));
        await UseInArticleAsync(gone.Id, item.Id);
        var live = await CreateArticleResponseAsync(Editor, ArticleBody(Author, new { slug = "dang-chay" }));
        var pending = Request(HttpMethod.Patch, $"/api/v1/articles/{live.Id}/pending", Editor);
        pending.Content = new StringContent($$"""{ "coverImage": { "mediaId": "{{item.Id}}", "url": null } }""", Encoding.UTF8, "application/merge-patch+json");
        using (var saved = await Client.SendAsync(pending))
        {
            Assert.That((int)saved.StatusCode, Is.EqualTo(200), await saved.Content.ReadAsStringAsync());
        }

        Assert.That((await UsageAsync(item.Id)).Items.Select(u => u.Slug), Is.EqualTo(new[] { "da-xoa" }), "pending changes are not the article yet");

        using var deleted = await SendAsync(HttpMethod.Delete, $"/api/v1/articles/{gone.Id}", Editor);
        Assert.That((int)deleted.StatusCode, Is.EqualTo(204), await deleted.Content.ReadAsStringAsync());

        var usage = await UsageAsync(item.Id);
        Assert.That(usage.Items, Is.Empty);
        Assert.That(usage.Total, Is.Zero);
    }

    [Test]
    public async Task AnySignedInUserReadsUsageAndAnonymousReadersDoNot()
    {
        var item = await AddMediaAsync(TestImages.Jpeg(64, 48));
        var (_, _, author) = await CreateUserAsync("author");

        using var anonymous = await SendAsync(HttpMethod.Get, $"/api/v1/media/{item.Id}/usage");
        using var unknown = await SendAsync(HttpMethod.Get, $"/api/v1/media/{Guid.NewGuid()}/usage", Editor);

        Assert.That((await UsageAsync(item.Id, author)).Items, Is.Empty);
        await AssertProblemAsync(anonymous, 401, "unauthenticated");
        await AssertProblemAsync(unknown, 404, "not_found");
    }
}
