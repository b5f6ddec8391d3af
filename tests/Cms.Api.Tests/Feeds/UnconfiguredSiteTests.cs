using Cms.Api.Tests.Infrastructure;

namespace Cms.Api.Tests.Feeds;

/// <summary>Without Cms:Site:BaseUrl the service starts, and feeds and sitemaps say what is missing instead of guessing links.</summary>
public sealed class UnconfiguredSiteTests : ApiTest
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Cms:Site:BaseUrl"] = "" };

    [TestCase("/api/v1/feeds/rss")]
    [TestCase("/api/v1/feeds/atom")]
    [TestCase("/api/v1/sitemaps/index.xml")]
    [TestCase("/api/v1/sitemaps/articles-1.xml")]
    [TestCase("/api/v1/sitemaps/news.xml")]
    public async Task FeedsAndSitemapsAnswerSiteNotConfigured(string url)
    {
        using var response = await Client.GetAsync(url);

        await AssertProblemAsync(response, 503, "site_not_configured");
    }
}
