using Cms.Api.Tests.Infrastructure;
using Cms.Api.Tests.Media;
using Cms.Api.Tests.Webhooks;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Cms.Api.Tests.Admin;

/// <summary>The media library, and the admins' pages: users, API tokens, webhooks with their delivery log.</summary>
[Category("Browser")]
public sealed class AdminPagesTests : AdminTest
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Cms:Webhooks:AllowPrivateTargets"] = "true",
    };

    [Test]
    public async Task TheMediaLibraryUploadsWithProgressAndEditsTheWordsAroundAPicture()
    {
        var (_, token, _) = await SignInAsync(Page);
        await Page.GetByRole(AriaRole.Link, new() { Name = "Thư viện ảnh" }).ClickAsync();
        await Page.Locator("#upload-file").SetInputFilesAsync(new FilePayload { Name = "lu-lut.jpg", MimeType = "image/jpeg", Buffer = TestImages.Jpeg(640, 480) });
        await Expect(Page.Locator("#upload-progress")).ToHaveAttributeAsync("value", "100");
        await Expect(Page.Locator("#media-grid li")).ToHaveCountAsync(1);
        await Expect(Page.Locator("#media-grid img")).ToHaveAttributeAsync("src", new System.Text.RegularExpressions.Regex("^blob:"));
        Assert.That(await LoadedWidthsAsync(Page, "#media-grid img"), Is.EqualTo(new[] { 320 }), "an unpublished photo is shown to staff");
        await Page.GetByLabel("Mô tả ảnh (alt)").FillAsync("Nước lũ tràn qua đường");
        await Page.GetByLabel("Tác giả ảnh").FillAsync("Hồng Phái");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await Expect(Page.Locator("#media-editor form")).ToHaveCountAsync(0);
        await AssertAccessibleAsync(Page, "media library");

        using var response = await SendAsync(HttpMethod.Get, "/api/v1/media", token);
        var item = (await JsonAsync(response))["items"]![0]!;
        Assert.That(item["alt"]!.GetValue<string>(), Is.EqualTo("Nước lũ tràn qua đường"));
        Assert.That(item["credit"]!.GetValue<string>(), Is.EqualTo("Hồng Phái"));
    }

    [Test]
    public async Task AnAdminCreatesAUserATokenAndAWebhookAndReadsItsDeliveryLog()
    {
        await SignInAsync(Page, CmsApp.AdminUsername, CmsApp.AdminPassword);

        // A user, who can then sign in.
        await Page.GetByRole(AriaRole.Link, new() { Name = "Người dùng" }).ClickAsync();
        await Page.GetByLabel("Tên đăng nhập").FillAsync("phongvien1");
        await Page.GetByLabel("Tên hiển thị").FillAsync("Phóng viên Một");
        await Page.GetByLabel("Mật khẩu").FillAsync("mật khẩu đủ dài");
        await Page.GetByLabel("Vai trò").SelectOptionAsync("author");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Tạo" }).ClickAsync();
        await Expect(Page.Locator("#user-result")).ToHaveTextAsync("Đã tạo phongvien1 (Phóng viên (chỉ viết nháp)).");
        await AssertAccessibleAsync(Page, "users");
        Assert.That(await SignInAsync("phongvien1", "mật khẩu đủ dài"), Is.Not.Empty);

        // A token: its secret shown once, and it works with the scopes chosen.
        await Page.GetByRole(AriaRole.Link, new() { Name = "API token" }).ClickAsync();
        await Page.GetByLabel("Tên (dùng cho việc gì)").FillAsync("Máy dựng trang");
        await Page.GetByLabel("content:read").CheckAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Tạo token" }).ClickAsync();
        var secret = await Page.Locator("#token-secret").InputValueAsync();
        Assert.That(secret, Does.StartWith("cms_pat_"));
        await Expect(Page.Locator("#tokens")).ToContainTextAsync("Máy dựng trang");
        await AssertAccessibleAsync(Page, "tokens");
        using (var read = await SendAsync(HttpMethod.Get, "/api/v1/articles?status=draft", secret))
        {
            Assert.That((int)read.StatusCode, Is.EqualTo(200));
        }

        // A webhook: its secret, a ping, the delivery log, a redelivery.
        await using var receiver = await WebhookReceiver.StartNewAsync();
        await Page.GetByRole(AriaRole.Link, new() { Name = "Webhook" }).ClickAsync();
        await Page.GetByLabel("Địa chỉ nhận (URL)").FillAsync(receiver.Url());
        await Page.GetByLabel("Ghi chú").FillAsync("Trang tĩnh");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Tạo webhook" }).ClickAsync();
        Assert.That(await Page.Locator("#webhook-secret").InputValueAsync(), Does.StartWith("whsec_"));
        await AssertAccessibleAsync(Page, "webhooks");
        var webhookId = Guid.Parse((await JsonAsync(await SendAsync(HttpMethod.Get, "/api/v1/webhooks", await SignInAsAdminAsync())))["items"]![0]!["id"]!.GetValue<string>());
        await Page.GetByRole(AriaRole.Button, new() { Name = "Gửi thử (ping)" }).ClickAsync();
        await WebhookTest.LoggedAsync(ConnectionString, webhookId, 1);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Tải lại nhật ký" }).ClickAsync();
        var log = Page.Locator("#delivery-log tbody tr");
        await Expect(log).ToHaveCountAsync(1);
        await Expect(log.First).ToContainTextAsync("ping");
        await Expect(log.First.Locator(".delivery-delivered")).ToBeVisibleAsync();

        await log.First.GetByRole(AriaRole.Button, new() { Name = "Gửi lại" }).ClickAsync();
        await WebhookTest.LoggedAsync(ConnectionString, webhookId, 2);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Tải lại nhật ký" }).ClickAsync();
        await Expect(log).ToHaveCountAsync(2);
        Assert.That(receiver.Received, Has.Count.EqualTo(2));
    }
}
