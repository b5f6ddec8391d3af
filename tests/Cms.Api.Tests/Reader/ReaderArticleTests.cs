using System.Net;
using Cms.Api.Articles;
using Cms.Api.Ratings;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Cms.Api.Tests.Reader;

[Category("Browser")]
public sealed class ReaderArticleTests : ReaderTest
{
    private const string Title = "Ban Tuyên giáo Tỉnh ủy: Giao ban công tác Khoa giáo 9 tháng năm 2017";

    private async Task<ArticleResponse> SeedArticleAsync(object? changes = null)
    {
        var category = await CreateCategoryAsync(Editor, "Khoa giáo");
        await CreateArticleAsync(Editor, ArticleBody(Author, new { title = "Hội nghị tổng kết năm học", publishAt = "2017-10-09T02:00:00Z" }, category));
        await CreateArticleAsync(Editor, ArticleBody(Author, new { title = "Tuyên truyền Nghị quyết Trung ương 6", publishAt = "2017-10-12T02:00:00Z" }, category));
        var body = ArticleBody(Author, new
        {
            title = Title,
            summary = "Ngày 09/10, Ban Tuyên giáo Tỉnh ủy phối hợp với các ngành trong khối Khoa giáo tổ chức Hội nghị giao ban.",
            body = $"""<p>Đồng chí Trần Đức Vương chủ trì hội nghị.</p><figure><img src="{MediaHost}/quang-canh.jpg" alt="Quang cảnh Hội nghị"><figcaption>Quang cảnh Hội nghị</figcaption></figure><p>Trong 9 tháng năm 2017, các ngành khối khoa giáo đã tham mưu tốt.</p>""",
            source = "Ban Tuyên giáo Tỉnh ủy",
            publishAt = "2017-10-10T07:00:00Z",
        }, category);
        return await CreateArticleResponseAsync(Editor, With(body, changes));
    }

    private async Task<long> ViewCountAsync(string id)
    {
        using var response = await Client.GetAsync($"/api/v1/articles/{id}");
        return (await ReadAsync<ArticleResponse>(response)).ViewCount;
    }

    /// <summary>The view count once every view accepted so far is written (the flush, called rather than waited for).</summary>
    private async Task<long> FlushedViewCountAsync(string id)
    {
        await App.FlushViewsAsync();
        return await ViewCountAsync(id);
    }

    [Test]
    public async Task TheArticlePageShowsEverythingTheOldPortalDidAndRecordsAView()
    {
        var article = await SeedArticleAsync();
        var id = article.Id.ToString();
        for (var i = 0; i < 2; i++)
        {
            Assert.That((await Client.PostAsync($"/api/v1/articles/{id}/views", null)).StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        }

        Assert.That(await FlushedViewCountAsync(id), Is.EqualTo(2));

        // The page records a view of its own: waited for as the browser's answer, not by the clock.
        var recorded = await Page.RunAndWaitForResponseAsync(
            () => Page.GotoAsync("/reader/article.html?slug=" + article.Slug), r => r.Url.EndsWith("/views", StringComparison.Ordinal));
        await Expect(Page.Locator("#title")).ToHaveTextAsync(Title);
        await Expect(Page).ToHaveTitleAsync(Title);
        await Expect(Page.Locator("#category")).ToHaveTextAsync("Khoa giáo");
        await Expect(Page.Locator("#source")).ToHaveTextAsync("Ban Tuyên giáo Tỉnh ủy");
        await Expect(Page.Locator("#published")).ToHaveTextAsync("Thứ ba - 10/10/2017 14:00");
        await Expect(Page.Locator("#views")).ToHaveTextAsync("2");
        await Expect(Page.Locator("#summary")).ToContainTextAsync("Ban Tuyên giáo Tỉnh ủy phối hợp");
        await Expect(Page.Locator("#body figure img")).ToHaveAttributeAsync("alt", "Quang cảnh Hội nghị");
        await Expect(Page.Locator("#body figure figcaption")).ToHaveTextAsync("Quang cảnh Hội nghị");
        Assert.That(await Page.Locator("#body figure img").EvaluateAsync<int>("img => img.naturalWidth"), Is.GreaterThan(0), "the photo loads");
        await Expect(Page.Locator("#body")).ToContainTextAsync("Đồng chí Trần Đức Vương chủ trì hội nghị.");
        await Expect(Page.Locator("#byline")).ToHaveTextAsync("Tác giả bài viết: Hồng Phái - BTG");
        await Expect(Page.Locator("#rating-sentence")).ToHaveTextAsync("Tổng số điểm của bài viết là: 0 trong 0 đánh giá");
        await Expect(Page.Locator("#stars button")).ToHaveCountAsync(5);
        await Expect(Page.Locator("#rating-hint")).ToHaveTextAsync("Click để đánh giá bài viết");
        await Expect(Page.Locator("#newer a")).ToHaveTextAsync(["Tuyên truyền Nghị quyết Trung ương 6"]);
        await Expect(Page.Locator("#older a")).ToHaveTextAsync(["Hội nghị tổng kết năm học"]);
        await Expect(Page.Locator("#older time")).ToHaveTextAsync(["(09/10/2017)"]);

        // The page's own view, counted by the service.
        Assert.That(recorded.Status, Is.EqualTo(202));
        Assert.That(await FlushedViewCountAsync(id), Is.EqualTo(3));

        await Page.Locator("#newer a").ClickAsync();
        await Expect(Page.Locator("#title")).ToHaveTextAsync("Tuyên truyền Nghị quyết Trung ương 6");
        await Expect(Page.Locator("#older a")).ToHaveTextAsync([Title, "Hội nghị tổng kết năm học"]);
    }

    [Test]
    public async Task TheArticlePageFitsAPhone()
    {
        var article = await SeedArticleAsync();
        var phone = await NewPageAsync(new ViewportSize { Width = 390, Height = 844 }, phone: true);
        await phone.GotoAsync("/reader/article.html?slug=" + article.Slug);
        await Expect(phone.Locator("#rating-sentence")).ToBeVisibleAsync();
        var overflow = await phone.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.That(overflow, Is.LessThanOrEqualTo(0), "nothing sticks out sideways on a 390 px screen");
        await ScreenshotAsync(phone, "article-phone");
    }

    [Test]
    public async Task AClickOnAStarRatesAndTheSentenceFollowsWithoutAReload()
    {
        var article = await SeedArticleAsync();
        var id = article.Id.ToString();
        var url = "/reader/article.html?slug=" + article.Slug;
        await Page.GotoAsync(url);
        var sentence = Page.Locator("#rating-sentence");
        await Expect(sentence).ToHaveTextAsync("Tổng số điểm của bài viết là: 0 trong 0 đánh giá");

        await Page.GetByRole(AriaRole.Button, new() { Name = "4 sao", Exact = true }).ClickAsync();
        await Expect(sentence).ToHaveTextAsync("Tổng số điểm của bài viết là: 4 trong 1 đánh giá");
        await Expect(Page.Locator("#stars button.on")).ToHaveCountAsync(4);
        await Expect(Page.Locator("#rating-hint")).ToHaveTextAsync("Bạn đã đánh giá 4 sao. Cảm ơn bạn!");

        // The same reader (its raterId kept in localStorage) changes its mind: replaced, not added.
        await Page.GetByRole(AriaRole.Button, new() { Name = "2 sao", Exact = true }).ClickAsync();
        await Expect(sentence).ToHaveTextAsync("Tổng số điểm của bài viết là: 2 trong 1 đánh giá");

        var other = await NewPageAsync();
        await other.GotoAsync(url);
        await other.GetByRole(AriaRole.Button, new() { Name = "5 sao", Exact = true }).ClickAsync();
        await Expect(other.Locator("#rating-sentence")).ToHaveTextAsync("Tổng số điểm của bài viết là: 7 trong 2 đánh giá");

        using var ratings = await Client.GetAsync($"/api/v1/articles/{id}/ratings");
        var totals = await ReadAsync<ArticleRatings>(ratings);
        Assert.That((totals.TotalPoints, totals.Count), Is.EqualTo((7L, 2)));
        await Page.ReloadAsync();
        await Expect(sentence).ToHaveTextAsync("Tổng số điểm của bài viết là: 7 trong 2 đánh giá");
        await ScreenshotAsync(Page, "article");
    }

    [Test]
    public async Task RatingDisabledShowsWhyAndOffersNoStarsToClick()
    {
        var article = await SeedArticleAsync(new { allowRating = false });
        await Page.GotoAsync("/reader/article.html?slug=" + article.Slug);
        await Expect(Page.Locator("#rating-hint")).ToHaveTextAsync("Bài viết này không nhận đánh giá.");
        await Expect(Page.Locator("#stars button:disabled")).ToHaveCountAsync(5);
        await Expect(Page.Locator("#rating-sentence")).ToHaveTextAsync("Tổng số điểm của bài viết là: 0 trong 0 đánh giá");
    }

    [Test]
    public async Task AnUnknownArticleSaysSo()
    {
        await Page.GotoAsync("/reader/article.html?slug=khong-co-bai-nay");
        await Expect(Page.Locator("#message")).ToHaveTextAsync("Không tìm thấy bài viết.");
        await Expect(Page.Locator("#article")).ToBeHiddenAsync();
    }

    [Test]
    public async Task AFormerSlugLandsOnTheArticleUnderItsCurrentAddress()
    {
        var article = await SeedArticleAsync();
        var id = article.Id.ToString();
        var renamed = ArticleBody(Author, new { title = Title, slug = "giao-ban-khoa-giao", publishAt = "2017-10-10T07:00:00Z" });
        using var response = await PutAsync($"/api/v1/articles/{id}", Editor, renamed, $"\"{article.Version}\"");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());

        await Page.GotoAsync("/reader/article.html?slug=" + article.Slug);
        await Expect(Page.Locator("#title")).ToHaveTextAsync(Title);
        await Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("slug=giao-ban-khoa-giao$"));
    }
}
