using Cms.Api.Tests.Infrastructure;

namespace Cms.Api.Tests.Operations;

/// <summary>Cache-Control as a CDN and a browser read it: anonymous reads may be kept briefly, signed-in answers never.</summary>
public sealed class CacheHeaderTests : WriterTest
{
    private const string Public = "public, max-age=10, stale-while-revalidate=60";

    private async Task<string> CacheControlAsync(string url, string? token = null, string? ifNoneMatch = null)
    {
        using var request = Request(HttpMethod.Get, url, token);
        if (ifNoneMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        }

        using var response = await Client.SendAsync(request);
        return response.Headers.CacheControl?.ToString() ?? "";
    }

    [Test]
    public async Task AnonymousReadsMayBeKeptBrieflyAndSignedInAnswersNever()
    {
        var article = await CreateArticleResponseAsync(Editor, ArticleBody(Author, new { publishAt = Now.AddHours(-1) }));
        var url = $"/api/v1/articles/{article.Slug}";
        await CacheControlAsync(url);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(await CacheControlAsync(url), Is.EqualTo(Public), "a cached article, answered before routing");
            Assert.That(await CacheControlAsync(url, ifNoneMatch: "\"1\""), Is.EqualTo(Public), "its 304");
            foreach (var answer in (string[])["/api/v1/articles", "/api/v1/articles?q=giao", "/api/v1/categories", "/api/v1/sync"])
            {
                Assert.That(await CacheControlAsync(answer), Is.EqualTo(Public), answer);
                Assert.That(await CacheControlAsync(answer), Is.EqualTo(Public), answer + ", cached, answered before routing");
            }

            Assert.That(await CacheControlAsync(url, Editor), Is.EqualTo("no-store"));
            Assert.That(await CacheControlAsync("/api/v1/articles", Editor), Is.EqualTo("no-store"));
            Assert.That(await CacheControlAsync("/api/v1/sessions/current", Editor), Is.EqualTo("no-store"));
            Assert.That(await CacheControlAsync("/api/v1/articles/khong-co"), Does.Not.Contain("public"), "a 404 is not for keeping");
        }
    }
}

public sealed class CacheTagTests : WriterTest
{
    private async Task<(string SurrogateKey, string CacheTag)> TagsAsync(string url)
    {
        using var response = await Client.GetAsync(url);
        string Header(string name) => response.Headers.TryGetValues(name, out var values) ? values.Single() : "";
        return (Header("Surrogate-Key"), Header("Cache-Tag"));
    }

    [Test]
    public async Task CachedAnswersNameTheirKindAndTheirArticlesForACdnToPurge()
    {
        var first = await CreateArticleResponseAsync(Editor, ArticleBody(Author, new { slug = "mot", publishAt = Now.AddHours(-2) }));
        var second = await CreateArticleResponseAsync(Editor, ArticleBody(Author, new { slug = "hai", publishAt = Now.AddHours(-1) }));

        var made = await TagsAsync("/api/v1/articles/mot");
        var cached = await TagsAsync("/api/v1/articles/mot");
        var list = await TagsAsync("/api/v1/articles");
        var cachedList = await TagsAsync("/api/v1/articles");
        var byAuthor = await TagsAsync($"/api/v1/authors/{Author}/articles");
        var authors = await TagsAsync("/api/v1/authors");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(made, Is.EqualTo(($"articles article-{first.Id}", $"articles,article-{first.Id}")));
            Assert.That(cached, Is.EqualTo(made), "the cached answer carries them too (answered before routing)");
            Assert.That(list.SurrogateKey, Is.EqualTo($"articles article-{second.Id} article-{first.Id}"));
            Assert.That(cachedList, Is.EqualTo(list), "a cached list too (answered before routing)");
            Assert.That(byAuthor.SurrogateKey, Is.EqualTo($"authors articles article-{second.Id} article-{first.Id}"));
            Assert.That(authors.SurrogateKey, Is.EqualTo("authors"));
        }
    }
}

public sealed class ConfiguredCacheHeaderTests : ApiTest
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Cms:Http:PublicMaxAgeSeconds"] = "30",
        ["Cms:Http:StaleWhileRevalidateSeconds"] = "300",
        ["Cms:Cors:AllowedOrigins:0"] = "https://tin.example.vn",
    };

    [Test]
    public async Task TheTimesComeFromConfigurationAndCorsAddsVaryOrigin()
    {
        using var response = await Client.GetAsync("/api/v1/categories");

        Assert.That(response.Headers.CacheControl?.ToString(), Is.EqualTo("public, max-age=30, stale-while-revalidate=300"));
        Assert.That(response.Headers.Vary, Does.Contain("Origin"), "a CDN keeps one answer per origin, each with its own CORS headers");
    }
}

public sealed class DevelopmentCorsTests : ApiTest
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Cms:Test:Environment"] = "Development" };

    [TestCase("http://localhost:3000", true)]
    [TestCase("http://127.0.0.1:5173", true)]
    [TestCase("https://tin.example.vn", false)]
    [TestCase("http://localhost.example.vn:3000", false)]
    public async Task InDevelopmentAFrontendOnAnyLocalhostPortIsAllowed(string origin, bool allowed)
    {
        using var request = Request(HttpMethod.Get, "/api/v1/categories");
        request.Headers.Add("Origin", origin);

        using var response = await Client.SendAsync(request);

        Assert.That(response.Headers.TryGetValues("Access-Control-Allow-Origin", out var values) ? values.Single() : null,
            allowed ? Is.EqualTo(origin) : Is.Null);
    }
}
