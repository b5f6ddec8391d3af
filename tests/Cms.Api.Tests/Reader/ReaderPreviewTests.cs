using Cms.Api.Revisions;
using Cms.Api.Tests.Media;
using static Microsoft.Playwright.Assertions;

namespace Cms.Api.Tests.Reader;

[Category("Browser")]
public sealed class ReaderPreviewTests : ReaderTest
{
    private async Task<PreviewLinkResponse> LinkAsync(Guid id)
    {
        using var response = await SendAsync(HttpMethod.Post, $"/api/v1/articles/{id}/preview-links", Editor);
        Assert.That((int)response.StatusCode, Is.EqualTo(201), await response.Content.ReadAsStringAsync());
        return await ReadAsync<PreviewLinkResponse>(response);
    }

    [Test]
    public async Task APreviewLinkShowsTheArticleAsItWillBeUnderABannerWithItsExpiry()
    {
        var live = await CreateArticleResponseAsync(Editor, ArticleBody(Author, new { title = "Bài đang đăng", publishAt = "2017-10-10T07:00:00Z" }));
        var pending = ArticleBody(Author, new { slug = live.Slug, title = "Bài sắp sửa", publishAt = "2017-10-10T07:00:00Z" });
        using (var saved = await SendAsync(HttpMethod.Put, $"/api/v1/articles/{live.Id}/pending", Editor, pending))
        {
            Assert.That((int)saved.StatusCode, Is.EqualTo(200), await saved.Content.ReadAsStringAsync());
        }

        var link = await LinkAsync(live.Id);
        var response = await Page.GotoAsync(new Uri(link.Url).PathAndQuery);

        await Expect(Page.Locator("#title")).ToHaveTextAsync("Bài sắp sửa");
        await Expect(Page.Locator("#preview-banner")).ToBeVisibleAsync();
        await Expect(Page.Locator("#preview-banner")).ToContainTextAsync("Bản xem trước");
        // The site's zone (Asia/Ho_Chi_Minh, UTC+7), as publish times are shown.
        await Expect(Page.Locator("#preview-expires")).ToContainTextAsync(link.ExpiresAt.ToOffset(TimeSpan.FromHours(7)).ToString("dd/MM/yyyy HH:mm"));
        await Expect(Page.Locator("#rating")).ToBeHiddenAsync();
        Assert.That(response!.Headers["cache-control"], Is.EqualTo("no-store"));
        Assert.That(response.Headers["x-robots-tag"], Is.EqualTo("noindex"));

        await Page.GotoAsync("/reader/article.html?slug=" + live.Slug);
        await Expect(Page.Locator("#title")).ToHaveTextAsync("Bài đang đăng");
        await Expect(Page.Locator("#preview-banner")).ToBeHiddenAsync();
    }

    [Test]
    public async Task ADraftsPhotosThatReadersMayNotHaveYetShowInItsPreview()
    {
        var cover = await UploadedAsync(TestImages.Jpeg(900, 600), "bia.jpg");
        var inBody = await UploadedAsync(TestImages.Jpeg(640, 400), "trong-bai.jpg");
        var body = $"""<p>Mở đầu.</p><figure><img src="{inBody.Url}" alt="Ảnh trong bài"><figcaption>Ảnh trong bài</figcaption></figure>""";
        var draft = await CreateArticleResponseAsync(Editor, ArticleBody(Author, new { status = "draft", title = "Có ảnh", body, coverImage = new { mediaId = cover.Id } }));
        var link = await LinkAsync(draft.Id);

        await Page.GotoAsync(new Uri(link.Url).PathAndQuery);

        await Expect(Page.Locator("#title")).ToHaveTextAsync("Có ảnh");
        Assert.That(await LoadedWidthsAsync(Page, "#cover img, #body img"), Has.Length.EqualTo(2).And.All.GreaterThan(0), "the cover and the body's photo load");
        Assert.That(await StatusOfAsync(Client, inBody.Url), Is.EqualTo(404), "readers still cannot have them");
        Assert.That(await StatusOfAsync(Client, cover.Url), Is.EqualTo(404));
    }

    [Test]
    public async Task ARevokedLinkSaysSo()
    {
        var draft = await CreateArticleResponseAsync(Editor, ArticleBody(Author, new { status = "draft", title = "Bản nháp" }));
        var link = await LinkAsync(draft.Id);
        using (var revoked = await SendAsync(HttpMethod.Delete, $"/api/v1/articles/{draft.Id}/preview-links", Editor))
        {
            Assert.That((int)revoked.StatusCode, Is.EqualTo(204));
        }

        await Page.GotoAsync(new Uri(link.Url).PathAndQuery);
        await Expect(Page.Locator("#message")).ToHaveTextAsync("Liên kết xem trước đã hết hạn hoặc đã bị thu hồi.");
        await Expect(Page.Locator("#article")).ToBeHiddenAsync();
    }
}
