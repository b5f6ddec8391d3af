using System.Net;
using Cms.Api.Articles;
using Cms.Api.Authors;
using Cms.Api.Categories;
using Cms.Api.Data.Entities;
using Cms.Api.Tests.Infrastructure;
using Cms.Api.Users;

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

    /// <summary>Asserts the answer shows none of <see cref="ArticleReadOnly"/>, nor does the database; returns the article's id.</summary>
    private async Task<Guid> AssertArticleUntouchedAsync(HttpResponseMessage response, int version)
    {
        var stored = await ReadAsync<ArticleResponse>(response);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(stored.Id, Is.Not.EqualTo(ForeignId));
            Assert.That(stored.Version, Is.EqualTo(version));
            Assert.That(stored.ViewCount, Is.Zero);
            Assert.That(stored.Rating.Count, Is.Zero);
            Assert.That(stored.CreatedAt, Is.Not.EqualTo(LongAgo));
            Assert.That(stored.UpdatedAt, Is.Not.EqualTo(LongAgo));
            Assert.That(stored.PublishedAt, Is.Not.Null.And.Not.EqualTo(LongAgo));
            Assert.That(stored.Authors.Select(a => a.Id), Is.EqualTo(new[] { Author }));
            // The wire shape: an unknown property is not echoed back.
            Assert.That((await JsonAsync(response)).ContainsKey("isAdmin"), Is.False);
        }

        var id = stored.Id;
        Assert.That(await ScalarAsync<long>("SELECT count(*) FROM articles WHERE id = $1", ForeignId), Is.Zero);
        Assert.That(await ScalarAsync<long>("SELECT view_count FROM article_stats WHERE article_id = $1", id), Is.Zero);
        Assert.That(await ScalarAsync<int>("SELECT rating_count FROM article_stats WHERE article_id = $1", id), Is.Zero);
        return id;
    }

    [Test]
    public async Task ArticleCreateAndReplaceIgnoreEveryReadOnlyProperty()
    {
        using var created = await SendAsync(HttpMethod.Post, "/api/v1/articles", Editor, With(ArticleBody(Author), ArticleReadOnly));
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
        var id = await AssertArticleUntouchedAsync(created, version: 1);

        using var replaced = await PutAsync($"/api/v1/articles/{id}", Editor, With(ArticleBody(Author, new { title = "Tiêu đề mới" }), ArticleReadOnly));
        Assert.That(replaced.StatusCode, Is.EqualTo(HttpStatusCode.OK), await replaced.Content.ReadAsStringAsync());
        await AssertArticleUntouchedAsync(replaced, version: 2);
        using var read = await Client.GetAsync($"/api/v1/articles/{id}");
        await AssertArticleUntouchedAsync(read, version: 2);
    }

    [Test]
    public async Task AnAuthorCannotPublishOrClaimAnotherBylineThroughExtraProperties()
    {
        var (_, _, author) = await CreateUserAsync("author");
        var body = With(ArticleBody(Author, new { status = "draft" }), new { createdById = ForeignId, status2 = "published", role = "admin" });
        var created = await CreateArticleResponseAsync(author, body);
        Assert.That(created.Status, Is.EqualTo(ArticleStatus.Draft));
        using var me = await SendAsync(HttpMethod.Get, "/api/v1/users/me", author);
        Assert.That((await ReadAsync<UserResponse>(me)).Role, Is.EqualTo(UserRole.Author));
    }

    [Test]
    public async Task AuthorAndCategoryWritesIgnoreReadOnlyProperties()
    {
        using var author = await SendAsync(HttpMethod.Post, "/api/v1/authors", Editor, new
        {
            name = "Thu Hà", organization = "TTXVN", id = ForeignId, version = 50, articleCount = 77, createdAt = LongAgo,
        });
        Assert.That(author.StatusCode, Is.EqualTo(HttpStatusCode.Created), await author.Content.ReadAsStringAsync());
        var a = await ReadAsync<AuthorResponse>(author);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(a.Id, Is.Not.EqualTo(ForeignId));
            Assert.That(a.Version, Is.EqualTo(1));
            Assert.That(a.ArticleCount, Is.Zero);
            Assert.That(a.CreatedAt, Is.Not.EqualTo(LongAgo));
        }

        using var category = await SendAsync(HttpMethod.Post, "/api/v1/categories", Editor, new { name = "Thể thao", id = ForeignId, version = 50 });
        Assert.That(category.StatusCode, Is.EqualTo(HttpStatusCode.Created), await category.Content.ReadAsStringAsync());
        var c = await ReadAsync<CategoryResponse>(category);
        Assert.That((c.Id, c.Version), Is.Not.EqualTo((ForeignId, 50)));
        Assert.That(c.Version, Is.EqualTo(1));
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
        var user = await ReadAsync<UserResponse>(response);
        Assert.That(user.Id, Is.Not.EqualTo(ForeignId));
        // The wire shape: the hash is not written out.
        Assert.That((await JsonAsync(response)).ContainsKey("passwordHash"), Is.False);
        Assert.That(await ScalarAsync<string>("SELECT password_hash FROM users WHERE username = 'bien-tap'"), Does.Not.Contain("FAKE"));
        await SignInAsync("bien-tap", "correct horse battery");
    }
}
