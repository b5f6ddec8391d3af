using System.Net;
using Cms.Api.Articles;
using Cms.Api.Data.Entities;
using Cms.Api.Revisions;

namespace Cms.Api.Tests.Revisions;

public sealed class PreviewLinkTests : RevisionTest
{
    private async Task<PreviewLinkResponse> LinkAsync(Guid id, string? token = null) =>
        await OkAsync<PreviewLinkResponse>(await SendAsync(HttpMethod.Post, $"/api/v1/articles/{id}/preview-links", token ?? Editor), 201);

    [Test]
    public async Task ALinkShowsADraftAScheduledArticleAndPendingChangesWithoutASession()
    {
        var draft = await CreateArticleResponseAsync(Editor, ArticleBody(Author, new { status = "draft", slug = "ban-nhap", title = "Bản nháp" }));
        var scheduled = await CreateArticleResponseAsync(Editor, ArticleBody(Author, new { status = "scheduled", slug = "hen-gio", publishAt = Now.AddDays(1) }));
        var live = await PublishedAsync("co-sua");
        await SavePendingAsync(live, new { title = "Sẽ sửa thành" });

        var links = new[] { await LinkAsync(draft.Id), await LinkAsync(scheduled.Id), await LinkAsync(live.Id) };
        var shown = new List<ArticleResponse>();
        foreach (var link in links)
        {
            using var response = await Client.GetAsync($"/api/v1/preview/{link.Token}");
            using (Assert.EnterMultipleScope())
            {
                Assert.That((int)response.StatusCode, Is.EqualTo(200));
                Assert.That(response.Headers.CacheControl?.NoStore, Is.True);
                Assert.That(response.Headers.CacheControl?.Public, Is.False);
                Assert.That(response.Headers.GetValues("X-Robots-Tag").Single(), Is.EqualTo("noindex"));
            }

            shown.Add(await ReadAsync<ArticleResponse>(response));
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(shown.Select(a => a.Title), Is.EqualTo(new[] { "Bản nháp", scheduled.Title, "Sẽ sửa thành" }));
            Assert.That(shown[1].Status, Is.EqualTo(ArticleStatus.Scheduled));
            Assert.That(links[0].Url, Does.EndWith("/reader/preview/" + links[0].Token));
            Assert.That(links[0].ExpiresAt, Is.EqualTo(Now.AddHours(24)));
            Assert.That(Convert.FromBase64String(links[0].Token.Replace('-', '+').Replace('_', '/') + "="), Has.Length.EqualTo(32), "256 random bits");
            Assert.That(await ScalarAsync<long>("SELECT count(*) FROM preview_links WHERE token_hash = sha256(convert_to($1, 'UTF8'))", links[0].Token),
                Is.EqualTo(1), "only its hash is stored (preview_links has no other column it could be in)");
            Assert.That(await StatusOfAsync(Client, "/api/v1/articles/co-sua"), Is.EqualTo(200));
            Assert.That((await GetOkAsync<ArticleResponse>(Client, "/api/v1/articles/co-sua")).Title, Is.EqualTo("Tin co-sua"), "readers still see live content");
        }
    }

    [Test]
    public async Task AnExpiredOrRevokedLinkIsGone()
    {
        var draft = await CreateArticleResponseAsync(Editor, ArticleBody(Author, new { status = "draft", slug = "het-han" }));
        var expiring = await LinkAsync(draft.Id);
        App.Clock.Advance(TimeSpan.FromHours(23));
        var revoked = await LinkAsync(draft.Id);
        Assert.That(await StatusOfAsync(Client, $"/api/v1/preview/{expiring.Token}"), Is.EqualTo(200));

        App.Clock.Advance(TimeSpan.FromHours(1));
        var expired = await Client.GetAsync($"/api/v1/preview/{expiring.Token}");
        Assert.That(expired.Headers.CacheControl?.NoStore, Is.True);
        await AssertProblemAsync(expired, 410, "preview_expired");
        Assert.That(await StatusOfAsync(Client, $"/api/v1/preview/{revoked.Token}"), Is.EqualTo(200));

        await AssertStatusAsync(await SendAsync(HttpMethod.Delete, $"/api/v1/articles/{draft.Id}/preview-links", Editor), HttpStatusCode.NoContent);
        await AssertProblemAsync(await Client.GetAsync($"/api/v1/preview/{revoked.Token}"), 410, "preview_expired");
        await AssertProblemAsync(await Client.GetAsync("/api/v1/preview/never-issued"), 404, "not_found");
    }

    [Test]
    public async Task OnlyWhoeverMayEditMakesOrRevokesLinks()
    {
        var live = await PublishedAsync("cong-khai");
        var author = (await CreateUserAsync("author")).Token;
        var own = await CreateArticleResponseAsync(author, ArticleBody(Author, new { status = "draft", slug = "cua-tac-gia" }));

        await AssertProblemAsync(await SendAsync(HttpMethod.Post, $"/api/v1/articles/{live.Id}/preview-links", author), 403, "forbidden");
        await AssertProblemAsync(await SendAsync(HttpMethod.Delete, $"/api/v1/articles/{live.Id}/preview-links", author), 403, "forbidden");
        var link = await LinkAsync(own.Id, author);
        Assert.That(await StatusOfAsync(Client, $"/api/v1/preview/{link.Token}"), Is.EqualTo(200));
    }
}
