using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Cms.Api.ApiTokens;
using Cms.Api.Articles;
using Cms.Api.Data.Entities;
using Cms.Api.Infrastructure.Paging;
using Cms.Api.Tests.Infrastructure;

namespace Cms.Api.Tests.ApiTokens;

/// <summary>API tokens through HTTP: made by admins, shown once, stored as a hash, limited by scopes, expired by time, revoked at once.</summary>
public sealed class ApiTokenTests : WriterTest
{
    private const string Tokens = "/api/v1/api-tokens";

    private Task<string> TokenAsync(string[] scopes, int? expiresInDays = null) => TokenAsync(Client, scopes, expiresInDays);

    private static async Task<string> TokenAsync(HttpClient client, string[] scopes, int? expiresInDays = null) =>
        await CreateApiTokenAsync(client, await AdminTokenAsync(client), scopes, expiresInDays);

    private async Task<PagedList<ApiTokenResponse>> ListAsync(string admin)
    {
        using var response = await SendAsync(HttpMethod.Get, Tokens, admin);
        return await ReadAsync<PagedList<ApiTokenResponse>>(response);
    }

    [Test]
    public async Task AnAdminMakesListsAndRevokesATokenShownOnlyOnce()
    {
        var admin = await SignInAsAdminAsync();
        using var created = await SendAsync(HttpMethod.Post, Tokens, admin,
            new { name = "Build server", scopes = new[] { "media:write", "content:read", "content:read" }, expiresInDays = 30 });
        Assert.That((int)created.StatusCode, Is.EqualTo(201), await created.Content.ReadAsStringAsync());
        var answer = await ReadAsync<CreatedApiTokenResponse>(created);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(answer.Token, Does.Match("^cms_pat_[A-Za-z0-9_-]{43}$"), "recognisable by secret scanners");
            Assert.That(created.Headers.Location?.ToString(), Is.EqualTo($"{Tokens}/{answer.ApiToken.Id}"));
            Assert.That(answer.ApiToken.Scopes, Is.EqualTo(new[] { Scopes.ContentRead, Scopes.MediaWrite }), "each once, in the contract's order");
            Assert.That(answer.ApiToken.ExpiresAt, Is.EqualTo(Now.AddDays(30)));
            Assert.That(answer.ApiToken.LastUsedAt, Is.Null);
        }

        using var listed = await SendAsync(HttpMethod.Get, Tokens, admin);
        var text = await listed.Content.ReadAsStringAsync();
        var page = await ReadAsync<PagedList<ApiTokenResponse>>(listed);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(page.Items.Select(Shown), Is.EqualTo(new[] { Shown(answer.ApiToken) }));
            Assert.That(page.Total, Is.EqualTo(1));
            Assert.That(text, Does.Not.Contain(answer.Token["cms_pat_".Length..]).And.Not.Contain("\"token\""), "the secret is never shown again");
        }

        // Only the SHA-256 of the token is stored; no column holds the token or its secret part.
        var hash = await ScalarAsync<byte[]>("SELECT token_hash FROM api_tokens");
        var holding = await ScalarAsync<long>("SELECT count(*) FROM api_tokens t WHERE strpos(t::text, $1) > 0", answer.Token["cms_pat_".Length..]);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(hash, Is.EqualTo(SHA256.HashData(Encoding.UTF8.GetBytes(answer.Token))));
            Assert.That(holding, Is.Zero);
        }

        using (var revoked = await SendAsync(HttpMethod.Delete, $"{Tokens}/{answer.ApiToken.Id}", admin))
        {
            Assert.That((int)revoked.StatusCode, Is.EqualTo(204));
        }

        await ProblemAsync(401, "token_expired", HttpMethod.Get, "/api/v1/articles?status=draft", answer.Token);
        await ProblemAsync(404, "not_found", HttpMethod.Delete, $"{Tokens}/{answer.ApiToken.Id}", admin);
        Assert.That((await ListAsync(admin)).Items, Is.Empty, "a revoked token leaves the list");
    }

    [TestCase("{ \"name\": \"\", \"scopes\": [\"content:read\"] }", "name")]
    [TestCase("{ \"name\": \"Build\", \"scopes\": [] }", "scopes")]
    [TestCase("{ \"name\": \"Build\" }", "scopes")]
    [TestCase("{ \"name\": \"Build\", \"scopes\": [\"content:read\", \"users:write\"] }", "scopes[1]")]
    [TestCase("{ \"name\": \"Build\", \"scopes\": [\"content:read\"], \"expiresInDays\": 10 }", "expiresInDays")]
    [TestCase("{ \"name\": \"Build\", \"scopes\": [\"content:read\"], \"expiresInDays\": 0 }", "expiresInDays")]
    public async Task BadScopesNamesAndExpiriesAre400NamingTheField(string body, string field)
    {
        using var request = Request(HttpMethod.Post, Tokens, await SignInAsAdminAsync());
        request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await Client.SendAsync(request);
        var problem = await AssertProblemAsync(response, 400, "validation_failed");
        Assert.That(problem["errors"]!.AsObject().Select(e => e.Key), Does.Contain(field));
        Assert.That(await ScalarAsync<long>("SELECT count(*) FROM api_tokens"), Is.Zero);
    }

    [Test]
    public async Task OnlyAdminsMakeListOrRevokeTokens()
    {
        await ProblemAsync(403, "forbidden", HttpMethod.Post, Tokens, Editor, new { name = "Mine", scopes = new[] { "content:read" } });
        await ProblemAsync(403, "forbidden", HttpMethod.Get, Tokens, Editor);
        await ProblemAsync(401, "unauthenticated", HttpMethod.Get, Tokens);
    }

    [Test]
    public async Task ATokenNeverManagesTokensUsersOrSessionsEvenAnAdminsWithEveryScope()
    {
        var token = await TokenAsync([.. Scopes.All]);
        var refused = new (HttpMethod Method, string Url, object? Body)[]
        {
            (HttpMethod.Post, Tokens, new { name = "Another", scopes = new[] { "content:read" } }),
            (HttpMethod.Get, Tokens, null),
            (HttpMethod.Post, "/api/v1/users", new { username = "intruder", password = "a long enough password", displayName = "X", role = "admin" }),
            (HttpMethod.Get, "/api/v1/users/me", null),
            (HttpMethod.Get, "/api/v1/sessions/current", null),
            (HttpMethod.Post, "/api/v1/sessions/current/keep-alive", null),
            (HttpMethod.Delete, "/api/v1/sessions/current", null),
        };
        foreach (var (method, url, body) in refused)
        {
            var problem = await ProblemAsync(403, "forbidden", method, url, token, body);
            Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("no scope"), url);
        }

        Assert.That(await ScalarAsync<long>("SELECT count(*) FROM api_tokens"), Is.EqualTo(1));
        Assert.That(await ScalarAsync<long>("SELECT count(*) FROM users WHERE username = 'intruder'"), Is.Zero);
    }

    [Test]
    public async Task ABuildServerWithContentReadReadsDraftsScheduledArticlesAndListsByStatus()
    {
        var draft = await CreateArticleResponseAsync(Editor, ArticleBody(Author, new { slug = "ban-nhap", status = "draft" }));
        var scheduled = await CreateArticleResponseAsync(Editor,
            ArticleBody(Author, new { slug = "hen-gio", status = "scheduled", publishAt = Now.AddDays(1) }));
        var token = await TokenAsync([Scopes.ContentRead]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That((await GetWithAsync<ArticleResponse>(token, $"/api/v1/articles/{draft.Id}")).Slug, Is.EqualTo("ban-nhap"));
            Assert.That((await GetWithAsync<ArticleResponse>(token, "/api/v1/articles/hen-gio")).Id, Is.EqualTo(scheduled.Id));
            Assert.That((await ArticlePageAsync("/api/v1/articles?status=draft", token)).Items.Select(a => a.Id), Is.EqualTo(new[] { draft.Id }));
            Assert.That((await ArticlePageAsync("/api/v1/articles?status=scheduled", token)).Items.Select(a => a.Id), Is.EqualTo(new[] { scheduled.Id }));
            Assert.That(await StatusOfAsync(Client, $"/api/v1/articles/{draft.Id}"), Is.EqualTo(404), "anonymous readers do not");
        }
    }

    [Test]
    public async Task ATokenWithContentReadReadsPendingChangesAndHistory()
    {
        var live = await CreateArticleResponseAsync(Editor, ArticleBody(Author, new { slug = "dang-song", publishAt = Now.AddHours(-1) }));
        using (var request = Request(HttpMethod.Patch, $"/api/v1/articles/{live.Id}/pending", Editor, new { title = "Tiêu đề đã sửa" }))
        {
            request.Content!.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/merge-patch+json");
            using var saved = await Client.SendAsync(request);
            Assert.That((int)saved.StatusCode, Is.EqualTo(200), await saved.Content.ReadAsStringAsync());
        }

        var reader = await TokenAsync([Scopes.ContentRead]);
        using (Assert.EnterMultipleScope())
        {
            Assert.That((await GetWithAsync<ArticleResponse>(reader, $"/api/v1/articles/{live.Id}/pending")).Title, Is.EqualTo("Tiêu đề đã sửa"));
            Assert.That(await StatusWithAsync(Client, reader, $"/api/v1/articles/{live.Id}/revisions"), Is.EqualTo(200));
        }

        var writer = await TokenAsync([Scopes.ContentWrite]);
        await ProblemAsync(403, "forbidden", HttpMethod.Get, $"/api/v1/articles/{live.Id}/pending", writer);
    }

    [Test]
    public async Task ATokenWithoutContentReadReadsOnlyWhatAnonymousReadersRead()
    {
        var draft = await CreateArticleResponseAsync(Editor, ArticleBody(Author, new { slug = "ban-nhap", status = "draft" }));
        var published = await CreateArticleResponseAsync(Editor, ArticleBody(Author, new { slug = "da-dang", publishAt = Now.AddHours(-1) }));
        var token = await TokenAsync([Scopes.ContentWrite, Scopes.MediaWrite]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(await StatusWithAsync(Client, token, $"/api/v1/articles/{draft.Id}"), Is.EqualTo(404));
            Assert.That((await ArticlePageAsync("/api/v1/articles", token)).Items.Select(a => a.Id), Is.EqualTo(new[] { published.Id }));
        }

        await ProblemAsync(403, "forbidden", HttpMethod.Get, "/api/v1/articles?status=draft", token);
    }

    [Test]
    public async Task ATokenWithContentWriteWritesAsTheAdminWhoMadeIt()
    {
        var token = await TokenAsync([Scopes.ContentWrite]);
        using var created = await SendAsync(HttpMethod.Post, "/api/v1/articles", token, ArticleBody(Author, new { slug = "tu-may-build" }));
        Assert.That((int)created.StatusCode, Is.EqualTo(201), await created.Content.ReadAsStringAsync());
        var article = await ReadAsync<ArticleResponse>(created);
        var admin = await ScalarAsync<Guid>("SELECT id FROM users WHERE username = $1", CmsApp.AdminUsername);
        Assert.That(await ScalarAsync<Guid>("SELECT created_by_id FROM articles WHERE id = $1", article.Id), Is.EqualTo(admin));

        // Published at once: an editor's writes, whatever the role of the token's maker beyond editor.
        Assert.That(article.Status, Is.EqualTo(ArticleStatus.Published));
        await ProblemAsync(403, "forbidden", HttpMethod.Post, "/api/v1/media", token, new { });
    }

    [Test]
    public async Task ATokenWorksUntilItsExpiryThenIs401TokenExpired()
    {
        var token = await TokenAsync([Scopes.ContentRead], expiresInDays: 7);
        App.Clock.Advance(TimeSpan.FromDays(7) - TimeSpan.FromSeconds(1));
        Assert.That(await StatusWithAsync(Client, token, "/api/v1/articles?status=draft"), Is.EqualTo(200));

        App.Clock.Advance(TimeSpan.FromSeconds(1));
        await ProblemAsync(401, "token_expired", HttpMethod.Get, "/api/v1/articles?status=draft", token);
        // On open routes too: a dead token is told so, never quietly served what anonymous readers get.
        await ProblemAsync(401, "token_expired", HttpMethod.Get, "/api/v1/categories", token);
        Assert.That((await ListAsync(await SignInAsAdminAsync())).Items, Has.Count.EqualTo(1), "an expired token stays listed until revoked");
    }

    [Test]
    public async Task ATokenWithoutExpiryNeverIdlesOut()
    {
        var token = await TokenAsync([Scopes.ContentRead]);
        App.Clock.Advance(TimeSpan.FromDays(1000));
        Assert.That(await StatusWithAsync(Client, token, "/api/v1/articles?status=draft"), Is.EqualTo(200));
    }

    [Test]
    public async Task AnUnknownTokenIs401Unauthenticated()
    {
        var token = await TokenAsync([Scopes.ContentRead]);
        await ProblemAsync(401, "unauthenticated", HttpMethod.Get, "/api/v1/articles", token[..^2] + "xx");
        await ProblemAsync(401, "unauthenticated", HttpMethod.Get, "/api/v1/articles", "cms_pat_" + new string('a', 200));
    }

    [Test]
    public async Task LastUsedAtIsWrittenAtMostOnceAMinute()
    {
        var admin = await SignInAsAdminAsync();
        var token = await TokenAsync([Scopes.ContentRead]);
        async Task<DateTimeOffset?> LastUsedAsync() => (await ListAsync(admin)).Items.Single().LastUsedAt;

        var first = Now;
        Assert.That(await StatusWithAsync(Client, token, "/api/v1/articles"), Is.EqualTo(200));
        Assert.That(await LastUsedAsync(), Is.EqualTo(first));

        App.Clock.Advance(TimeSpan.FromSeconds(59));
        Assert.That(await StatusWithAsync(Client, token, "/api/v1/articles"), Is.EqualTo(200));
        Assert.That(await LastUsedAsync(), Is.EqualTo(first), "not again within the minute");

        App.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.That(await StatusWithAsync(Client, token, "/api/v1/articles"), Is.EqualTo(200));
        Assert.That(await LastUsedAsync(), Is.EqualTo(Now));
    }

    [Test]
    public async Task ARevocationOnOneInstanceHoldsOnTheOtherAtTheNextRequest()
    {
        await using var pair = await InstancePair.StartAsync(new Dictionary<string, string?>());
        var admin = await pair.SignInAdminAsync();
        var token = await CreateApiTokenAsync(pair.ClientA, admin, [Scopes.ContentRead]);
        Assert.That(await StatusWithAsync(pair.ClientB, token, "/api/v1/articles?status=draft"), Is.EqualTo(200));

        var id = (await ReadAsync<PagedList<ApiTokenResponse>>(await pair.ClientA.SendAsync(Request(HttpMethod.Get, Tokens, admin)))).Items.Single().Id;
        using (var revoked = await pair.ClientA.SendAsync(Request(HttpMethod.Delete, $"{Tokens}/{id}", admin)))
        {
            Assert.That((int)revoked.StatusCode, Is.EqualTo(204));
        }

        using var refused = await pair.ClientB.SendAsync(Request(HttpMethod.Get, "/api/v1/articles?status=draft", token));
        await AssertProblemAsync(refused, 401, "token_expired");
    }

    /// <summary>Sends the request and asserts its problem answer.</summary>
    private async Task<JsonObject> ProblemAsync(int status, string code, HttpMethod method, string url, string? token = null, object? body = null)
    {
        using var response = await SendAsync(method, url, token, body);
        return await AssertProblemAsync(response, status, code);
    }

    private static string Shown(ApiTokenResponse t) => $"{t.Id} {t.Name} {string.Join(',', t.Scopes)} {t.CreatedAt:O} {t.ExpiresAt:O} {t.LastUsedAt:O}";

    private static async Task<int> StatusWithAsync(HttpClient client, string token, string url)
    {
        using var response = await client.SendAsync(Request(HttpMethod.Get, url, token));
        return (int)response.StatusCode;
    }

    private async Task<T> GetWithAsync<T>(string token, string url)
    {
        using var response = await SendAsync(HttpMethod.Get, url, token);
        Assert.That((int)response.StatusCode, Is.EqualTo(200), url);
        return await ReadAsync<T>(response);
    }
}
