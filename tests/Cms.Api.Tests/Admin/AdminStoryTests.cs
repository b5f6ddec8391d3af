using System.Globalization;
using Cms.Api.Tests.Media;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Cms.Api.Tests.Admin;

/// <summary>The whole story in one browser, and the same app on a phone.</summary>
[Category("Browser")]
public sealed partial class AdminStoryTests : AdminTest
{
    /// <summary>The story waits for its publication time: the service's clock and the pages' move together, never by waiting.</summary>
    protected override bool FakeClockOnKestrel => true;

    /// <summary>An instant as the site's wall clock (Asia/Ho_Chi_Minh), the way a datetime-local input takes it.</summary>
    private static string SiteClock(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh")).ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);

    [Test]
    public async Task AStoryIsWrittenIllustratedPreviewedScheduledAndEditedLive()
    {
        var (_, token, _) = await SignInAsync(Page);
        await CreateCategoryAsync(Editor, "Thời sự");

        // Write, with a table pasted from Word and a photo uploaded into the body.
        await Page.GetByRole(AriaRole.Link, new() { Name = "Viết bài", Exact = true }).ClickAsync();
        await Page.GetByLabel("Tiêu đề", new() { Exact = true }).FillAsync("Giao ban công tác 9 tháng");
        await Page.GetByLabel("Tóm tắt (sapo)").FillAsync("Kết quả 9 tháng đầu năm.");
        await Page.GetByLabel("Thời sự", new() { Exact = true }).CheckAsync();
        await PasteHtmlAsync(Page, WordTable);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Chèn ảnh" }).ClickAsync();
        var dialog = Page.Locator("#picture-dialog");
        await dialog.Locator("#upload-file").SetInputFilesAsync(new FilePayload { Name = "hoi-nghi.jpg", MimeType = "image/jpeg", Buffer = TestImages.Jpeg(800, 600) });
        // Uploaded (the library page's test follows the progress bar), the alt text is asked for before the picture goes in.
        await dialog.Locator("#picture-insert").ClickAsync();
        await Expect(dialog).ToBeVisibleAsync();
        await dialog.GetByLabel("Mô tả ảnh (alt) cho người không xem được ảnh").FillAsync("Quang cảnh hội nghị");
        await dialog.GetByLabel("Chú thích").FillAsync("Hội nghị giao ban");
        await dialog.Locator("#picture-insert").ClickAsync();
        await Expect(Page.Locator("#body figure img")).ToHaveAttributeAsync("alt", "Quang cảnh hội nghị");
        // Shown in the editor although readers may not have it yet (fetched with the session, never a token in its address).
        await Expect(Page.Locator("#body figure img")).ToHaveAttributeAsync("src", new System.Text.RegularExpressions.Regex("^blob:"));
        Assert.That(await LoadedWidthsAsync(Page, "#body figure img"), Is.EqualTo(new[] { 800 }));
        await Page.Locator("#save").ClickAsync();
        await ExpectSaved(Page).ToHaveTextAsync(Saved());
        var id = await EditedIdAsync(Page);
        var draft = await ArticleAsync(id, token);
        Assert.That(draft.Body, Does.Contain("<table>").And.Contain("<figure><img src=\"/media/").And.Contain("alt=\"Quang cảnh hội nghị\"")
            .And.Contain("<figcaption>Hội nghị giao ban</figcaption>"));
        await ScreenshotAsync(Page, "admin-editor");

        // Preview: the story as it will be, before anyone can read it.
        await Page.Locator("#preview").ClickAsync();
        var previewUrl = await Page.Locator("#preview-link").GetAttributeAsync("href");
        var preview = await NewPageAsync();
        await preview.GotoAsync(previewUrl!);
        await Expect(preview.Locator("h1")).ToHaveTextAsync("Giao ban công tác 9 tháng");
        Assert.That(await LoadedWidthsAsync(preview, "#body figure img"), Has.Length.EqualTo(1).And.All.GreaterThan(0), "the draft's photo shows in its preview");

        // Schedule it ahead, in the site's time zone; readers see it when the time comes, not before. Both clocks (the
        // service's and the pages') move past it together, by less than the idle timeout, so the editor stays signed in.
        // (Not on a whole minute: Chromium shortens "hh:mm:00" in the input, which Playwright's fill takes for a refusal.)
        var publishAt = Now.AddMinutes(10).AddSeconds(30);
        await Page.GetByLabel("Thời điểm đăng").FillAsync(SiteClock(publishAt));
        await Page.Locator("#schedule").ClickAsync();
        await Expect(Page.Locator("#status")).ToHaveTextAsync("Hẹn giờ");
        var scheduled = await ArticleAsync(id, token);
        Assert.That(scheduled.PublishAt!.Value.ToUnixTimeSeconds(), Is.EqualTo(publishAt.ToUnixTimeSeconds()));
        var reader = await NewPageAsync();
        await reader.GotoAsync("/reader/");
        await Expect(reader.Locator("#summary")).Not.ToBeEmptyAsync();
        await Expect(reader.Locator(".article-title", new() { HasText = "Giao ban công tác 9 tháng" })).ToHaveCountAsync(0);

        await AdvanceClocksAsync(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(31));
        await reader.ReloadAsync();
        await Expect(reader.Locator(".article-title", new() { HasText = "Giao ban công tác 9 tháng" })).ToHaveCountAsync(1);

        // Live now: an edit is saved as pending changes, readers keep the published text until they are published.
        await Page.ReloadAsync();
        await Expect(Page.Locator("#status")).ToHaveTextAsync("Đã đăng");
        await Page.GetByLabel("Tiêu đề", new() { Exact = true }).FillAsync("Giao ban công tác 9 tháng năm 2026");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Lưu thay đổi (chờ đăng)" }).ClickAsync();
        await Expect(Page.Locator("#pending")).ToBeVisibleAsync();
        Assert.That((await ArticleAsync(id, token)).Title, Is.EqualTo("Giao ban công tác 9 tháng"));
        Assert.That((await ArticleAsync(id, token, "/pending")).Title, Is.EqualTo("Giao ban công tác 9 tháng năm 2026"));
        await Page.Locator("#publish-pending").ClickAsync();
        await Expect(Page.Locator("#pending")).ToBeHiddenAsync();
        var live = await ArticleAsync(id, token);
        Assert.That(live.Title, Is.EqualTo("Giao ban công tác 9 tháng năm 2026"));
        Assert.That(live.Slug, Is.EqualTo("giao-ban-cong-tac-9-thang"), "a published story keeps its address");
        await reader.GotoAsync($"/reader/article.html?slug={live.Slug}");
        await Expect(reader.Locator("h1")).ToHaveTextAsync("Giao ban công tác 9 tháng năm 2026");
    }

    [Test]
    public async Task OnAPhoneTheListAndTheEditorFitTheScreenAndSave()
    {
        var phone = await NewPageAsync(new ViewportSize { Width = 390, Height = 844 }, phone: true, pixelRatio: 2);
        var (_, token, _) = await SignInAsync(phone);
        await CreateArticleAsync(token, ArticleBody(Author, new { title = "Tin từ hiện trường", status = "draft" }));
        await phone.GotoAsync("/admin/#/articles");
        await Expect(phone.Locator("#article-list")).ToContainTextAsync("Tin từ hiện trường");
        Assert.That(await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the list fits the phone's width");
        await ScreenshotAsync(phone, "admin-list-phone");

        await phone.GetByRole(AriaRole.Link, new() { Name = "Viết bài", Exact = true }).TapAsync();
        await phone.GetByLabel("Tiêu đề", new() { Exact = true }).FillAsync("Gửi từ điện thoại");
        await phone.Locator("#body").TapAsync();
        await phone.Keyboard.TypeAsync("Mưa lớn ở Lai Châu.");
        await ExpectSaved(phone).ToHaveTextAsync(Saved());
        Assert.That(await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the editor fits the phone's width");
        Assert.That((await ArticleAsync(await EditedIdAsync(phone), token)).Body, Is.EqualTo("<p>Mưa lớn ở Lai Châu.</p>"));
        await AssertAccessibleAsync(phone, "editor on a phone");
        await ScreenshotAsync(phone, "admin-editor-phone");
    }
}
