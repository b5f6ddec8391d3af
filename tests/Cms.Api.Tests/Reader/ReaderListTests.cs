using static Microsoft.Playwright.Assertions;

namespace Cms.Api.Tests.Reader;

[Category("Browser")]
public sealed class ReaderListTests : ReaderTest
{
    [Test]
    public async Task TheListIsNewestFirstWithACategoryFilterAndNumberedPages()
    {
        var news = await CreateCategoryAsync(Editor, "Thời sự");
        var sport = await CreateCategoryAsync(Editor, "Thể thao");
        var start = Now.AddDays(-3);
        for (var i = 1; i <= 12; i++)
        {
            await CreateArticleAsync(Editor, ArticleBody(Author, new { title = $"Tin thời sự số {i}", publishAt = start.AddHours(i) }, news));
        }

        for (var i = 1; i <= 2; i++)
        {
            await CreateArticleAsync(Editor, ArticleBody(Author, new { title = $"Tin thể thao số {i}", publishAt = start.AddHours(20 + i) }, sport));
        }

        await Page.GotoAsync("/reader/");
        var titles = Page.Locator(".article-title");
        await Expect(titles).ToHaveTextAsync(["Tin thể thao số 2", "Tin thể thao số 1", .. Enumerable.Range(5, 8).Reverse().Select(i => $"Tin thời sự số {i}")]);
        await Expect(Page.Locator("#summary")).ToHaveTextAsync("14 bài viết");
        await Expect(Page.Locator("#pager a")).ToHaveTextAsync(["1", "2"]);
        await Expect(Page.Locator("#pager a[aria-current=page]")).ToHaveTextAsync("1");
        await Expect(Page.Locator(".article-item .category").First).ToHaveTextAsync("Thể thao");
        await ScreenshotAsync(Page, "list");

        await Page.Locator("#pager a", new() { HasText = "2" }).ClickAsync();
        await Expect(titles).ToHaveTextAsync(Enumerable.Range(1, 4).Reverse().Select(i => $"Tin thời sự số {i}"));
        await Expect(Page.Locator("#pager a[aria-current=page]")).ToHaveTextAsync("2");

        await Page.Locator("#category").SelectOptionAsync(new Microsoft.Playwright.SelectOptionValue { Label = "Thể thao" });
        await Page.Locator("#filters button").ClickAsync();
        await Expect(titles).ToHaveTextAsync(["Tin thể thao số 2", "Tin thể thao số 1"]);
        await Expect(Page.Locator("#summary")).ToHaveTextAsync("2 bài viết");
        await Expect(Page.Locator("#category")).ToHaveValueAsync("the-thao");
        await Expect(Page.Locator("#pager a")).ToHaveCountAsync(0);
    }

    [Test]
    public async Task SearchFindsVietnameseTypedWithoutAccents()
    {
        var plain = new { summary = "Tin trong tỉnh.", body = "<p>Nội dung.</p>", tags = Array.Empty<string>() };
        await CreateArticleAsync(Editor, ArticleBody(Author, new { plain.summary, plain.body, plain.tags, title = "Giao ban công tác Khoa giáo 9 tháng" }));
        await CreateArticleAsync(Editor, ArticleBody(Author, new { plain.summary, plain.body, plain.tags, title = "Đồng chí Trần Đức Vương dự hội nghị" }));
        await CreateArticleAsync(Editor, ArticleBody(Author, new { plain.summary, plain.body, plain.tags, title = "Giải bóng đá thiếu niên" }));
        await Page.GotoAsync("/reader/");
        var titles = Page.Locator(".article-title");
        await Expect(titles).ToHaveCountAsync(3);

        foreach (var (typed, found) in new[]
                 {
                     ("khoa giao", "Giao ban công tác Khoa giáo 9 tháng"),
                     ("KHOA GIÁO", "Giao ban công tác Khoa giáo 9 tháng"),
                     ("duc vuong", "Đồng chí Trần Đức Vương dự hội nghị"),
                     ("bong d", "Giải bóng đá thiếu niên"),
                 })
        {
            await Page.Locator("#q").FillAsync(typed);
            await Page.Locator("#q").PressAsync("Enter");
            await Expect(titles).ToHaveTextAsync([found]);
            await Expect(Page.Locator("#q")).ToHaveValueAsync(typed);
            await Expect(Page.Locator("#summary")).ToHaveTextAsync($"1 bài viết cho “{typed}”");
        }

        await Page.Locator("#q").FillAsync("khong co bai nao");
        await Page.Locator("#q").PressAsync("Enter");
        await Expect(Page.Locator("#summary")).ToHaveTextAsync("Không tìm thấy bài viết nào.");
        await Expect(titles).ToHaveCountAsync(0);
    }

    [Test]
    public async Task TimesReadInTheSitesZoneWithVietnameseWeekdaysWhateverTheBrowsersZone()
    {
        // Asia/Ho_Chi_Minh is UTC+7: these instants fall on a Sunday noon and just after a Monday begins there,
        // while the browser (America/New_York) would call them Sunday 01:00 and Sunday 13:00.
        await CreateArticleAsync(Editor, ArticleBody(Author, new { title = "Tin chủ nhật", publishAt = "2017-10-15T05:00:00Z" }));
        await CreateArticleAsync(Editor, ArticleBody(Author, new { title = "Tin thứ hai", publishAt = "2017-10-15T17:00:00Z" }));
        await Page.GotoAsync("/reader/");
        await Expect(Page.Locator(".article-item time")).ToHaveTextAsync(["Thứ hai - 16/10/2017 00:00", "Chủ nhật - 15/10/2017 12:00"]);
    }

    [Test]
    public async Task TheListFitsAPhone()
    {
        for (var i = 1; i <= 12; i++)
        {
            await CreateArticleAsync(Editor, ArticleBody(Author, new { title = $"Tin số {i}: hội nghị giao ban công tác khoa giáo chín tháng đầu năm", publishAt = Now.AddHours(-i) }));
        }

        var phone = await NewPageAsync(new Microsoft.Playwright.ViewportSize { Width = 390, Height = 844 }, phone: true);
        await phone.GotoAsync("/reader/");
        await Expect(phone.Locator(".article-title")).ToHaveCountAsync(10);
        await Expect(phone.Locator("#pager a")).ToHaveTextAsync(["1", "2"]);
        var overflow = await phone.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.That(overflow, Is.LessThanOrEqualTo(0), "nothing sticks out sideways on a 390 px screen");
        await ScreenshotAsync(phone, "list-phone");
    }

    [Test]
    public async Task TheReaderLoadsNothingFromOtherHosts()
    {
        await CreateArticleAsync(Editor, ArticleBody(Author));
        await Page.GotoAsync("/reader/");
        await Expect(Page.Locator(".article-title")).ToHaveCountAsync(1);
        await Page.Locator(".article-title").ClickAsync();
        await Expect(Page.Locator("#title")).ToBeVisibleAsync();
        var foreign = Requests.Where(r => !r.Url.StartsWith(App.Address.ToString(), StringComparison.Ordinal)).Select(r => r.Url).ToList();
        Assert.That(foreign, Is.Empty, "scripts, styles, fonts and API calls all come from the service");
        Assert.That(Requests.Select(r => r.ResourceType), Does.Contain("script").And.Contain("stylesheet").And.Contain("fetch"));
    }
}
