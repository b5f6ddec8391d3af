using Cms.Api.Tests.Infrastructure;

namespace Cms.Api.Tests.Articles;

/// <summary>What an editing app's list needs: "my articles" (createdBy) and live articles with pending changes marked.</summary>
public sealed class ArticleListForStaffTests : WriterTest
{
    [Test]
    public async Task CreatedByMeKeepsTheArticlesTheSignedInUserCreated()
    {
        var (_, _, author) = await CreateUserAsync("author");
        var own = await CreateArticleResponseAsync(author, ArticleBody(Author, new { title = "Nháp của phóng viên", status = "draft" }));
        var editors = await CreateArticleResponseAsync(Editor, ArticleBody(Author, new { title = "Tin của biên tập" }));

        Assert.That((await ArticlePageAsync("/api/v1/articles?createdBy=me", author)).Items.Select(a => a.Id), Is.EqualTo(new[] { own.Id }));
        Assert.That((await ArticlePageAsync("/api/v1/articles?createdBy=me", Editor)).Items.Select(a => a.Id), Is.EqualTo(new[] { editors.Id }));
        // Everyone's list still has both (the author sees their own draft and what readers see).
        Assert.That((await ArticlePageAsync("/api/v1/articles", author)).Total, Is.EqualTo(2));

        // An editor may ask for anyone's; an author only for their own; anonymous readers not at all.
        var authorId = (await JsonAsync(await SendAsync(HttpMethod.Get, "/api/v1/users/me", author)))["id"]!.GetValue<string>();
        Assert.That((await ArticlePageAsync($"/api/v1/articles?createdBy={authorId}", Editor)).Items.Select(a => a.Id), Is.EqualTo(new[] { own.Id }));
        Assert.That((await ArticlePageAsync($"/api/v1/articles?createdBy={authorId}", author)).Items.Select(a => a.Id), Is.EqualTo(new[] { own.Id }));
        var editorId = (await JsonAsync(await SendAsync(HttpMethod.Get, "/api/v1/users/me", Editor)))["id"]!.GetValue<string>();
        using (var others = await SendAsync(HttpMethod.Get, $"/api/v1/articles?createdBy={editorId}", author))
        {
            await AssertProblemAsync(others, 403, "forbidden");
        }

        using (var anonymous = await SendAsync(HttpMethod.Get, "/api/v1/articles?createdBy=me"))
        {
            await AssertProblemAsync(anonymous, 403, "forbidden");
        }

        using var bad = await SendAsync(HttpMethod.Get, "/api/v1/articles?createdBy=someone", Editor);
        await AssertProblemAsync(bad, 400, "validation_failed");
    }

    [Test]
    public async Task StaffListsMarkLiveArticlesWithPendingChangesAndReadersListsDoNot()
    {
        var live = await CreateArticleResponseAsync(Editor, ArticleBody(Author, new { title = "Đang đăng", publishAt = Now.AddMinutes(-5) }));
        await CreateArticleResponseAsync(Editor, ArticleBody(Author, new { title = "Không sửa", publishAt = Now.AddMinutes(-4) }));
        using (var pending = await PutAsync($"/api/v1/articles/{live.Id}/pending", Editor, ArticleBody(Author, new { title = "Đang đăng (sửa)" }), $"\"{live.Version}\""))
        {
            Assert.That((int)pending.StatusCode, Is.EqualTo(200), await pending.Content.ReadAsStringAsync());
        }

        var staff = await ArticlePageAsync("/api/v1/articles", Editor);
        Assert.That(staff.Items.Select(a => (a.Title, a.HasPendingChanges)), Is.EqualTo(new[] { ("Không sửa", (bool?)false), ("Đang đăng", (bool?)true) }));

        using var anonymous = await SendAsync(HttpMethod.Get, "/api/v1/articles");
        var items = (await JsonAsync(anonymous))["items"]!.AsArray();
        Assert.That(items, Has.Count.EqualTo(2));
        Assert.That(items.Select(i => i!.AsObject().ContainsKey("hasPendingChanges")), Has.All.False);
    }
}
