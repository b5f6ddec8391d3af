using Cms.Api.Tests.Infrastructure;

namespace Cms.Api.Tests.Articles;

/// <summary>
/// A search's total is exact up to Cms:Search:ExactTotalLimit (3 here), past it the limit with totalIsLowerBound; other
/// lists are always exact. Run with both search plans, since the plan chooser reads the same count.
/// </summary>
[TestFixture("walk")]
[TestFixture("bitmap")]
public sealed class SearchTotalTests(string plan) : WriterTest
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Cms:Lists:SearchWalkCost"] = plan == "walk" ? "0" : "1000000",
        ["Cms:Search:ExactTotalLimit"] = "3",
    };

    [SetUp]
    public async Task SeedAsync()
    {
        // Five articles say "khoa"; three of them also say "giao"; one says neither.
        string[] titles = ["Khoa giáo một", "Khoa giáo hai", "Khoa giáo ba", "Khoa học bốn", "Khoa học năm", "Lễ hội đường phố"];
        for (var i = 0; i < titles.Length; i++)
        {
            await CreateArticleAsync(Editor, ArticleBody(Author, new { title = titles[i], summary = (string?)null, body = "<p>.</p>", tags = Array.Empty<string>(),
                publishAt = Now.AddHours(i - 10) }));
        }
    }

    private async Task<(long? Total, bool? LowerBound, int Items)> TotalAsync(string query, string? token = null)
    {
        using var response = await SendAsync(HttpMethod.Get, "/api/v1/articles?" + query, token);
        Assert.That((int)response.StatusCode, Is.EqualTo(200), await response.Content.ReadAsStringAsync());
        var page = await JsonAsync(response);
        return (page["total"]?.GetValue<long>(), page["totalIsLowerBound"]?.GetValue<bool>(), page["items"]!.AsArray().Count);
    }

    [Test]
    public async Task PastTheLimitTheTotalIsTheLimitAndALowerBound()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(await TotalAsync("q=khoa"), Is.EqualTo(((long?)3, (bool?)true, 5)), "anonymous, first read");
            Assert.That(await TotalAsync("q=khoa"), Is.EqualTo(((long?)3, (bool?)true, 5)), "anonymous, from the cache");
            Assert.That(await TotalAsync("q=khoa", Editor), Is.EqualTo(((long?)3, (bool?)true, 5)), "an editor");
            Assert.That(await TotalAsync("q=khoa&sort=relevance"), Is.EqualTo(((long?)3, (bool?)true, 5)), "by relevance");
        }
    }

    [Test]
    public async Task AtTheLimitTheTotalIsExact()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(await TotalAsync("q=khoa%20giao"), Is.EqualTo(((long?)3, (bool?)false, 3)));
            Assert.That(await TotalAsync("q=khoa%20hoc"), Is.EqualTo(((long?)2, (bool?)false, 2)));
            Assert.That(await TotalAsync("q=xyz"), Is.EqualTo(((long?)0, (bool?)false, 0)));
        }
    }

    [Test]
    public async Task ListsWithoutASearchCountEverything()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(await TotalAsync(""), Is.EqualTo(((long?)6, (bool?)false, 6)));
            Assert.That(await TotalAsync("", Editor), Is.EqualTo(((long?)6, (bool?)false, 6)));
        }
    }

    [Test]
    public async Task PagesPastTheLimitStillComeAndTheCursorsReachEveryMatch()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(await TotalAsync("q=khoa&pageSize=2&page=3"), Is.EqualTo(((long?)3, (bool?)true, 1)));
            Assert.That((await FollowCursorsAsync("?q=khoa&pageSize=2")).Slugs, Has.Count.EqualTo(5));
        }
    }

    [Test]
    public async Task WithoutTheTotalNeitherPropertyComes()
    {
        using var response = await SendAsync(HttpMethod.Get, "/api/v1/articles?q=khoa&includeTotal=false");
        var page = await JsonAsync(response);

        Assert.That(page.Select(p => p.Key), Is.EquivalentTo(new[] { "items", "page", "pageSize", "nextCursor" }));
    }
}
