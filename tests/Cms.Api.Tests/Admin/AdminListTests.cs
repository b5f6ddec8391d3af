using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Cms.Api.Tests.Admin;

/// <summary>The article list: status, mine or all, category, accent-free search, pending changes marked, numbered pages.</summary>
[Category("Browser")]
public sealed class AdminListTests : AdminTest
{
    [Test]
    public async Task TheListFiltersByStatusMineCategoryAndSearchMarksPendingChangesAndHasNumberedPages()
    {
        var (_, mine, _) = await SignInAsync(Page);
        var news = await CreateCategoryAsync(Editor, "Thời sự");
        var science = await CreateCategoryAsync(Editor, "Khoa giáo");
        for (var i = 1; i <= 21; i++)
        {
            await CreateArticleAsync(Editor, ArticleBody(Author, new { title = $"Tin thời sự số {i}", publishAt = Now.AddHours(-30 + i) }, news));
        }

        await CreateArticleAsync(mine, ArticleBody(Author, new { title = "Giao ban công tác Khoa giáo", status = "draft" }, science));
        await CreateArticleAsync(mine, ArticleBody(Author, new { title = "Lịch tiếp dân tháng tới", status = "scheduled", publishAt = Now.AddDays(2) }, news));
        var live = await CreateArticleResponseAsync(Editor, ArticleBody(Author, new { title = "Bài đang đăng có sửa chờ", publishAt = Now.AddMinutes(-5) }, news));
        using (var pending = await PutAsync($"/api/v1/articles/{live.Id}/pending", Editor,
                   ArticleBody(Author, new { title = "Bài đang đăng có sửa chờ (bản sửa)" }, news), $"\"{live.Version}\""))
        {
            Assert.That((int)pending.StatusCode, Is.EqualTo(200), await pending.Content.ReadAsStringAsync());
        }

        await Page.GotoAsync("/admin/#/articles");
        var titles = Page.Locator("#article-list tbody tr td:first-child");
        await Expect(Page.Locator("#result-count")).ToHaveTextAsync("24 bài");
        await Expect(titles).ToHaveCountAsync(20);
        // Pending changes are marked on the live article that has them, and only there.
        var marked = Page.Locator("#article-list tr", new() { Has = Page.Locator(".badge.pending") });
        await Expect(marked).ToHaveCountAsync(1);
        await Expect(marked.Locator("td").First).ToHaveTextAsync("Bài đang đăng có sửa chờ");
        await AssertAccessibleAsync(Page, "list");
        await ScreenshotAsync(Page, "admin-list");

        await Page.GetByRole(AriaRole.Link, new() { Name = "Trang 2" }).ClickAsync();
        await Expect(titles).ToHaveCountAsync(4);
        await Expect(Page.Locator(".pager [aria-current=page]")).ToHaveTextAsync("2");

        await Page.GetByLabel("Trạng thái").SelectOptionAsync("draft");
        await Expect(titles).ToHaveTextAsync(["Giao ban công tác Khoa giáo"]);
        await Page.GetByLabel("Trạng thái").SelectOptionAsync("scheduled");
        await Expect(titles).ToHaveTextAsync(["Lịch tiếp dân tháng tới"]);
        await Expect(Page.Locator("#article-list .badge.scheduled")).ToHaveTextAsync("Hẹn giờ");

        await Page.GetByLabel("Trạng thái").SelectOptionAsync("");
        await Page.GetByLabel("Của ai").SelectOptionAsync("1");
        await Expect(Page.Locator("#result-count")).ToHaveTextAsync("2 bài");
        await Page.GetByLabel("Của ai").SelectOptionAsync("");

        await Page.GetByLabel("Chuyên mục").SelectOptionAsync(new SelectOptionValue { Label = "Khoa giáo" });
        await Expect(titles).ToHaveTextAsync(["Giao ban công tác Khoa giáo"]);
        await Page.GetByLabel("Chuyên mục").SelectOptionAsync("");

        await Page.GetByLabel("Tìm kiếm").FillAsync("tiep dan");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Lọc" }).ClickAsync();
        await Expect(titles).ToHaveTextAsync(["Lịch tiếp dân tháng tới"]);
        Assert.That(Page.Url, Does.Contain("q=tiep+dan"));

        // The filters are in the address: a reload shows the same list.
        await Page.ReloadAsync();
        await Expect(titles).ToHaveTextAsync(["Lịch tiếp dân tháng tới"]);
        await Expect(Page.GetByLabel("Tìm kiếm")).ToHaveValueAsync("tiep dan");
    }
}
