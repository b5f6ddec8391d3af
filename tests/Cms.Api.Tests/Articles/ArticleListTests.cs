using Cms.Api.Tests.Infrastructure;

namespace Cms.Api.Tests.Articles;

public sealed class ArticleListTests : ContentTest
{
    private string _editor = "";

    private async Task<string[]> SlugsAsync(string query, string? token = null)
    {
        using var response = await SendAsync(HttpMethod.Get, "/api/v1/articles" + query, token);
        var body = await JsonAsync(response);
        Assert.That((int)response.StatusCode, Is.EqualTo(200), body.ToJsonString());
        return body["items"]!.AsArray().Select(i => i!["slug"]!.GetValue<string>()).ToArray();
    }

    /// <summary>Three published articles an hour apart (a, b, c), in two categories, with tags and two bylines; one draft.</summary>
    private async Task SeedAsync()
    {
        _editor = await EditorAsync();
        var phai = await CreateAuthorAsync(_editor, "Hồng Phái");
        var lan = await CreateAuthorAsync(_editor, "Ngọc Lan");
        var education = await CreateCategoryAsync(_editor, "Khoa giáo");
        var culture = await CreateCategoryAsync(_editor, "Văn hóa");
        await CreateArticleAsync(_editor, ArticleBody(phai, new { title = "a", publishAt = Now.AddHours(-3), tags = new[] { "giáo dục" } }, education));
        await CreateArticleAsync(_editor, ArticleBody(lan, new { title = "b", publishAt = Now.AddHours(-2), tags = new[] { "lễ hội" } }, culture));
        await CreateArticleAsync(_editor, ArticleBody(phai, new { title = "c", publishAt = Now.AddHours(-1), tags = new[] { "giáo dục", "y tế" } }, culture));
        await CreateArticleAsync(_editor, ArticleBody(lan, new { title = "d", status = "draft" }, education));
    }

    [Test]
    public async Task FiltersNarrowTheListAndCombine()
    {
        await SeedAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(await SlugsAsync(""), Is.EqualTo(new[] { "c", "b", "a" }));
            Assert.That(await SlugsAsync("?category=van-hoa"), Is.EqualTo(new[] { "c", "b" }));
            Assert.That(await SlugsAsync("?tag=gi%C3%A1o%20d%E1%BB%A5c"), Is.EqualTo(new[] { "c", "a" }));
            Assert.That(await SlugsAsync("?author=hong-phai"), Is.EqualTo(new[] { "c", "a" }));
            Assert.That(await SlugsAsync("?author=hong-phai&category=van-hoa"), Is.EqualTo(new[] { "c" }));
            Assert.That(await SlugsAsync($"?publishedFrom={Uri.EscapeDataString(Now.AddHours(-2.5).ToString("O"))}&publishedTo={Uri.EscapeDataString(Now.AddHours(-1.5).ToString("O"))}"),
                Is.EqualTo(new[] { "b" }));
            Assert.That(await SlugsAsync("?sort=publishedAt"), Is.EqualTo(new[] { "a", "b", "c" }));
            Assert.That(await SlugsAsync("?category=nothing-here"), Is.Empty);
        }
    }

    [Test]
    public async Task OnlyEditorsFilterByStatus()
    {
        await SeedAsync();
        var (_, _, writer) = await CreateUserAsync("author");

        Assert.That(await SlugsAsync("?status=draft", _editor), Is.EqualTo(new[] { "d" }));
        using var anonymous = await Client.GetAsync("/api/v1/articles?status=draft");
        using var asAuthor = await SendAsync(HttpMethod.Get, "/api/v1/articles?status=draft", writer);
        await AssertProblemAsync(anonymous, 403, "forbidden");
        await AssertProblemAsync(asAuthor, 403, "forbidden");
    }

    [TestCase("?sort=title", "sort")]
    [TestCase("?status=live", "status")]
    [TestCase("?publishedFrom=yesterday", "publishedFrom")]
    [TestCase("?publishedFrom=2026-02-01T00:00:00Z&publishedTo=2026-01-01T00:00:00Z", "publishedTo")]
    public async Task BadFiltersAre400NamingTheParameter(string query, string parameter)
    {
        using var response = await Client.GetAsync("/api/v1/articles" + query);

        var problem = await AssertProblemAsync(response, 400, "validation_failed");
        Assert.That(problem["errors"]!.AsObject().ContainsKey(parameter), Is.True, problem.ToJsonString());
    }
}
