using System.Net;
using System.Text.Json.Nodes;
using Cms.Api.Tests.Infrastructure;

namespace Cms.Api.Tests.Security;

/// <summary>
/// Read-only and unknown properties in a request body change nothing: requests bind to records holding only what
/// a writer may set. Each test sends every read-only property the resource has, with values that would show.
/// </summary>
public sealed class MassAssignmentTests : WriterTest
{
    private static readonly Guid ForeignId = Guid.Parse("0190a5c8-0000-7000-8000-000000000001");
    private static readonly DateTimeOffset LongAgo = new(2001, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly object ArticleReadOnly = new
    {
        id = ForeignId,
        version = 99,
        viewCount = 1_000_000,
        rating = new { totalPoints = 500, count = 100, average = 5.0 },
        createdAt = LongAgo,
        updatedAt = LongAgo,
        publishedAt = LongAgo,
        createdById = ForeignId,
        authors = new[] { new { id = ForeignId, slug = "x", name = "Kẻ mạo danh", organization = "X" } },
        isAdmin = true,
    };

    private async Task AssertArticleUntouchedAsync(JsonObject stored, int version)
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(stored["id"]!.GetValue<Guid>(), Is.Not.EqualTo(ForeignId));
            Assert.That(stored["version"]!.GetValue<int>(), Is.EqualTo(version));
            Assert.That(stored["viewCount"]!.GetValue<long>(), Is.Zero);
            Assert.That(stored["rating"]!["count"]!.GetValue<int>(), Is.Zero);
            Assert.That(stored["createdAt"]!.GetValue<DateTimeOffset>(), Is.Not.EqualTo(LongAgo));
            Assert.That(stored["updatedAt"]!.GetValue<DateTimeOffset>(), Is.Not.EqualTo(LongAgo));
            Assert.That(stored["publishedAt"]!.GetValue<DateTimeOffset>(), Is.Not.EqualTo(LongAgo));
            Assert.That(stored["authors"]!.AsArray().Select(a => a!["id"]!.GetValue<Guid>()), Is.EqualTo(new[] { Author }));
            Assert.That(stored.ContainsKey("isAdmin"), Is.False);
        }

        var id = stored["id"]!.GetValue<Guid>();
        Assert.That(await ScalarAsync<long>("SELECT count(*) FROM articles WHERE id = $1", ForeignId), Is.Zero);
        Assert.That(await ScalarAsync<long>("SELECT view_count FROM article_stats WHERE article_id = $1", id), Is.Zero);
        Assert.That(await ScalarAsync<int>("SELECT rating_count FROM article_stats WHERE article_id = $1", id), Is.Zero);
    }

    [Test]
    public async Task ArticleCreateAndReplaceIgnoreEveryReadOnlyProperty()
    {
        var created = await CreateArticleAsync(Editor, With(ArticleBody(Author), ArticleReadOnly));
        await AssertArticleUntouchedAsync(created, version: 1);

        var id = created["id"]!.GetValue<Guid>();
        using var replaced = await PutAsync($"/api/v1/articles/{id}", Editor, With(ArticleBody(Author, new { title = "Tiêu đề mới" }), ArticleReadOnly));
        Assert.That(replaced.StatusCode, Is.EqualTo(HttpStatusCode.OK), await replaced.Content.ReadAsStringAsync());
        await AssertArticleUntouchedAsync(await JsonAsync(replaced), version: 2);
        await AssertArticleUntouchedAsync(await JsonAsync(await Client.GetAsync($"/api/v1/articles/{id}")), version: 2);
    }

    [Test]
    public async Task AnAuthorCannotPublishOrClaimAnotherBylineThroughExtraProperties()
    {
        var (_, _, author) = await CreateUserAsync("author");
        var body = With(ArticleBody(Author, new { status = "draft" }), new { createdById = ForeignId, status2 = "published", role = "admin" });
        var created = await CreateArticleAsync(author, body);
        Assert.That(created["status"]!.GetValue<string>(), Is.EqualTo("draft"));
        using var me = await SendAsync(HttpMethod.Get, "/api/v1/users/me", author);
        Assert.That((await JsonAsync(me))["role"]!.GetValue<string>(), Is.EqualTo("author"));
    }

    [Test]
    public async Task AuthorAndCategoryWritesIgnoreReadOnlyProperties()
    {
        using var author = await SendAsync(HttpMethod.Post, "/api/v1/authors", Editor, new
        {
            name = "Thu Hà", organization = "TTXVN", id = ForeignId, version = 50, articleCount = 77, createdAt = LongAgo,
        });
        Assert.That(author.StatusCode, Is.EqualTo(HttpStatusCode.Created), await author.Content.ReadAsStringAsync());
        var a = await JsonAsync(author);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(a["id"]!.GetValue<Guid>(), Is.Not.EqualTo(ForeignId));
            Assert.That(a["version"]!.GetValue<int>(), Is.EqualTo(1));
            Assert.That(a["articleCount"]!.GetValue<int>(), Is.Zero);
            Assert.That(a["createdAt"]!.GetValue<DateTimeOffset>(), Is.Not.EqualTo(LongAgo));
        }

        using var category = await SendAsync(HttpMethod.Post, "/api/v1/categories", Editor, new { name = "Thể thao", id = ForeignId, version = 50 });
        Assert.That(category.StatusCode, Is.EqualTo(HttpStatusCode.Created), await category.Content.ReadAsStringAsync());
        var c = await JsonAsync(category);
        Assert.That((c["id"]!.GetValue<Guid>(), c["version"]!.GetValue<int>()), Is.Not.EqualTo((ForeignId, 50)));
        Assert.That(c["version"]!.GetValue<int>(), Is.EqualTo(1));
    }

    [Test]
    public async Task ANewUsersIdHashAndTimesAreTheServersOwn()
    {
        var admin = await SignInAsAdminAsync();
        using var response = await SendAsync(HttpMethod.Post, "/api/v1/users", admin, new
        {
            username = "bien-tap", password = "correct horse battery", displayName = "Biên tập", role = "editor",
            id = ForeignId, passwordHash = "AQAAAAIAAYagAAAAEFAKE", createdAt = LongAgo, version = 9,
        });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        var user = await JsonAsync(response);
        Assert.That(user["id"]!.GetValue<Guid>(), Is.Not.EqualTo(ForeignId));
        Assert.That(user.ContainsKey("passwordHash"), Is.False);
        Assert.That(await ScalarAsync<string>("SELECT password_hash FROM users WHERE username = 'bien-tap'"), Does.Not.Contain("FAKE"));
        await SignInAsync("bien-tap", "correct horse battery");
    }
}
