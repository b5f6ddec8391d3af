using Cms.Api.Data.Entities;
using Cms.Api.Tests.Infrastructure;
using Cms.Api.Tests.Media;
using Cms.Api.Users;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Cms.Api.Tests.Admin;

/// <summary>The users page (list, role, password reset) and where a picture is used, in the browser.</summary>
[Category("Browser")]
public sealed class AdminUsersTests : AdminTest
{
    private async Task<UserResponse> UserAsync(string username)
    {
        var admin = await SignInAsAdminAsync();
        using var response = await SendAsync(HttpMethod.Get, $"/api/v1/users?q={Uri.EscapeDataString(username)}", admin);
        return (await ReadAsync<Cms.Api.Infrastructure.Paging.PagedList<UserResponse>>(response)).Items.Single(u => u.Username == username);
    }

    [Test]
    public async Task AnAdminPromotesAnAuthorAndResetsTheirPasswordAndTheySignInWithTheNewOne()
    {
        var (username, oldPassword, oldSession) = await CreateUserAsync("author");
        await SignInAsync(Page, CmsApp.AdminUsername, CmsApp.AdminPassword);

        // The admin, the fixture's editor and the author.
        await Page.GetByRole(AriaRole.Link, new() { Name = "Người dùng" }).ClickAsync();
        await Expect(Page.Locator("#users tbody tr")).ToHaveCountAsync(3);
        await Page.GetByLabel("Tìm người dùng").FillAsync(username);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Lọc", Exact = true }).ClickAsync();
        await Expect(Page.Locator("#users tbody tr")).ToHaveCountAsync(1);
        await Expect(Page.Locator("#user-count")).ToHaveTextAsync("1 người dùng");
        await AssertAccessibleAsync(Page, "users list");

        // Author → editor.
        await Page.GetByLabel($"Quyền của {username}").SelectOptionAsync("editor");
        await Page.GetByRole(AriaRole.Button, new() { Name = $"Lưu quyền {username}" }).ClickAsync();
        await Expect(Page.Locator("#user-outcome")).ToContainTextAsync($"{username} giờ là Biên tập viên");
        Assert.That((await UserAsync(username)).Role, Is.EqualTo(UserRole.Editor));

        // A new password, after a confirmation, shown once with a copy button; the old session ends.
        string? asked = null;
        Page.Dialog += async (_, dialog) =>
        {
            asked = dialog.Message;
            await dialog.AcceptAsync();
        };
        await Page.GetByRole(AriaRole.Button, new() { Name = $"Đặt lại mật khẩu {username}" }).ClickAsync();
        var shown = Page.Locator("#new-password");
        await Expect(shown).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^[A-Za-z0-9]{16,}$"));
        var newPassword = await shown.InputValueAsync();
        Assert.That(asked, Does.Contain(username));
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sao chép" }).ClickAsync();
        await Expect(Page.Locator("#password-result")).ToContainTextAsync("Đã sao chép.");
        await AssertAccessibleAsync(Page, "password shown once");

        using (var ended = await SendAsync(HttpMethod.Get, "/api/v1/users/me", oldSession))
        {
            await AssertProblemAsync(ended, 401, "session_expired");
        }

        using (var refused = await SignInResponseAsync(username, oldPassword))
        {
            await AssertProblemAsync(refused, 401, "invalid_credentials");
        }

        // They sign in with the new one, in a browser of their own, as an editor now.
        var theirs = await NewPageAsync();
        await SignInAsync(theirs, username, newPassword);
        await Expect(theirs.GetByRole(AriaRole.Link, new() { Name = "Bài đã xóa" })).ToBeVisibleAsync();
    }

    [Test]
    public async Task TheLastAdminIsToldInVietnameseWhyTheRoleStays()
    {
        await SignInAsync(Page, CmsApp.AdminUsername, CmsApp.AdminPassword);
        await Page.GotoAsync("/admin/#/users?role=admin");
        await Expect(Page.Locator("#users tbody tr")).ToHaveCountAsync(1);

        await Page.GetByLabel($"Quyền của {CmsApp.AdminUsername}").SelectOptionAsync("editor");
        await Page.GetByRole(AriaRole.Button, new() { Name = $"Lưu quyền {CmsApp.AdminUsername}" }).ClickAsync();

        await Expect(Page.Locator("#user-outcome [role=alert]")).ToContainTextAsync("quản trị viên cuối cùng");
        Assert.That((await UserAsync(CmsApp.AdminUsername)).Role, Is.EqualTo(UserRole.Admin));
        // The list is read again: the select shows the role the server kept.
        await Expect(Page.GetByLabel($"Quyền của {CmsApp.AdminUsername}")).ToHaveValueAsync("admin");
    }

    [Test]
    public async Task AnEditorDoesNotSeeTheUsersPage()
    {
        await SignInAsync(Page, "editor");

        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Thư viện ảnh" })).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Người dùng" })).ToHaveCountAsync(0);
        await Page.GotoAsync("/admin/#/users");
        await Expect(Page.Locator("h1")).ToHaveTextAsync("Không có quyền");
        await Expect(Page.Locator("#users")).ToHaveCountAsync(0);
    }

    [Test]
    public async Task APicturesDetailListsTheStoryUsingItAndItsDeleteSaysWhy()
    {
        var (_, token, _) = await SignInAsync(Page, "editor");
        var media = await UploadedAsync(TestImages.Jpeg(640, 480), "hien-truong.jpg", token);
        var story = await CreateArticleResponseAsync(token, ArticleBody(Author, new
        {
            title = "Nước lũ tràn qua đường", status = "draft", coverImage = new { mediaId = media.Id, url = (string?)null, alt = "Nước lũ", caption = (string?)null },
        }));

        await Page.GetByRole(AriaRole.Link, new() { Name = "Thư viện ảnh" }).ClickAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sửa hien-truong.jpg" }).ClickAsync();
        var usage = Page.Locator("#media-usage");
        await Expect(usage.GetByRole(AriaRole.Heading, new() { Name = "Được dùng trong" })).ToBeVisibleAsync();
        var link = usage.GetByRole(AriaRole.Link, new() { Name = "Nước lũ tràn qua đường" });
        await Expect(link).ToHaveAttributeAsync("href", $"#/articles/{story.Id}");
        await Expect(usage).ToContainTextAsync("Nháp; ảnh bìa");
        await AssertAccessibleAsync(Page, "media item with its usage");

        Page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Xóa ảnh" }).ClickAsync();
        var refused = Page.Locator("#media-delete-outcome [role=alert]");
        await Expect(refused).ToContainTextAsync("Không xóa được");
        await Expect(refused).ToContainTextAsync("Nước lũ tràn qua đường");
        using (var still = await SendAsync(HttpMethod.Get, $"/api/v1/media/{media.Id}", token))
        {
            Assert.That((int)still.StatusCode, Is.EqualTo(200));
        }

        await link.ClickAsync();
        await Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"#/articles/{story.Id}$"));
        await Expect(Page.GetByLabel("Tiêu đề", new() { Exact = true })).ToHaveValueAsync("Nước lũ tràn qua đường");
    }
}
