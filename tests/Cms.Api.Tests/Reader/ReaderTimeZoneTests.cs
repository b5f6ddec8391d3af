using static Microsoft.Playwright.Assertions;

namespace Cms.Api.Tests.Reader;

/// <summary>The site's time zone is configuration, not the browser's and not hard-coded.</summary>
[Category("Browser")]
public sealed class ReaderTimeZoneTests : ReaderTest
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Cms:Reader:TimeZone"] = "Asia/Tokyo",
    };

    [Test]
    public async Task PublishTimesFollowTheConfiguredZone()
    {
        var article = await CreateArticleResponseAsync(Editor, ArticleBody(Author, new { publishAt = "2017-10-10T07:00:00Z" }));
        await Page.GotoAsync("/reader/article.html?slug=" + article.Slug);
        await Expect(Page.Locator("#published")).ToHaveTextAsync("Thứ ba - 10/10/2017 16:00");
    }
}
