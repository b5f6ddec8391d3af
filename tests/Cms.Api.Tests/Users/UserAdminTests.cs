using System.Net;
using System.Text;
using Cms.Api.Data.Entities;
using Cms.Api.Infrastructure.Paging;
using Cms.Api.Tests.Infrastructure;
using Cms.Api.Users;

namespace Cms.Api.Tests.Users;

/// <summary>What admins do to users from the admin app: list, change a role, reset a password.</summary>
public sealed class UserAdminTests : ContentTest
{
    private async Task<Guid> CreateAsync(string admin, string username, string displayName, string role)
    {
        using var response = await SendAsync(HttpMethod.Post, "/api/v1/users", admin, new { username, password = "a long enough password", displayName, role });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        return (await ReadAsync<UserResponse>(response)).Id;
    }

    private async Task<HttpResponseMessage> PatchAsync(Guid id, string token, string json, string? ifMatch = null)
    {
        var request = Request(HttpMethod.Patch, $"/api/v1/users/{id}", token);
        request.Content = new StringContent(json, Encoding.UTF8, "application/merge-patch+json");
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await Client.SendAsync(request);
    }

    private async Task<PagedList<UserResponse>> ListAsync(string token, string query = "")
    {
        using var response = await SendAsync(HttpMethod.Get, "/api/v1/users" + query, token);
        Assert.That((int)response.StatusCode, Is.EqualTo(200), await response.Content.ReadAsStringAsync());
        return await ReadAsync<PagedList<UserResponse>>(response);
    }

    [Test]
    public async Task AdminsListUsersByUsernameSearchingWithoutAccentsAndByRole()
    {
        var admin = await SignInAsAdminAsync();
        await CreateAsync(admin, "phai", "Hồng Phái", "editor");
        await CreateAsync(admin, "lan", "Ngọc Lan", "author");
        await CreateAsync(admin, "dung", "Đặng Dũng", "author");

        var all = await ListAsync(admin);
        var found = await ListAsync(admin, "?q=hong%20phai");
        var byUsername = await ListAsync(admin, "?q=LAN");
        var folded = await ListAsync(admin, "?q=dang%20dung");
        var authors = await ListAsync(admin, "?role=author");
        var second = await ListAsync(admin, "?pageSize=2&page=2");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(all.Items.Select(u => u.Username), Is.EqualTo(new[] { CmsApp.AdminUsername, "dung", "lan", "phai" }.Order(StringComparer.Ordinal)));
            Assert.That(all.Total, Is.EqualTo(4));
            Assert.That(found.Items.Select(u => u.Username), Is.EqualTo(new[] { "phai" }));
            Assert.That(byUsername.Items.Select(u => u.Username), Is.EqualTo(new[] { "lan" }));
            Assert.That(folded.Items.Select(u => u.Username), Is.EqualTo(new[] { "dung" }), "đ folds to d");
            Assert.That(authors.Items.Select(u => u.Username), Is.EqualTo(new[] { "dung", "lan" }));
            Assert.That(authors.Total, Is.EqualTo(2));
            Assert.That(second.Items.Select(u => u.Username), Is.EqualTo(all.Items.Skip(2).Select(u => u.Username)));
            Assert.That(second.Page, Is.EqualTo(2));
        }

        // No password, in any form, in a list.
        using var raw = await SendAsync(HttpMethod.Get, "/api/v1/users", admin);
        Assert.That(await raw.Content.ReadAsStringAsync(), Does.Not.Contain("password").IgnoreCase);
    }

    [Test]
    public async Task TheUserListFollowsItsCursorToTheEnd()
    {
        var admin = await SignInAsAdminAsync();
        foreach (var name in new[] { "aa1", "bb2", "cc3", "dd4" })
        {
            await CreateAsync(admin, name, name, "author");
        }

        var seen = new List<string>();
        var url = "?pageSize=2";
        for (var i = 0; i < 10 && url is not null; i++)
        {
            var page = await ListAsync(admin, url);
            seen.AddRange(page.Items.Select(u => u.Username));
            url = page.NextCursor is { } next ? "?pageSize=2&cursor=" + Uri.EscapeDataString(next) : null;
        }

        Assert.That(seen, Is.EqualTo(new[] { "aa1", CmsApp.AdminUsername, "bb2", "cc3", "dd4" }.Order(StringComparer.Ordinal)));
    }

    [Test]
    public async Task BadListFiltersAre400()
    {
        var admin = await SignInAsAdminAsync();

        using var role = await SendAsync(HttpMethod.Get, "/api/v1/users?role=king", admin);
        using var size = await SendAsync(HttpMethod.Get, "/api/v1/users?pageSize=500", admin);

        var problem = await AssertProblemAsync(role, 400, "validation_failed");
        Assert.That(problem["errors"]!.AsObject().ContainsKey("role"), Is.True);
        await AssertProblemAsync(size, 400, "validation_failed");
    }

    [Test]
    public async Task OnlyAdminsManageUsers()
    {
        var admin = await SignInAsAdminAsync();
        var target = await CreateAsync(admin, "phai", "Hồng Phái", "author");
        var (_, _, editor) = await CreateUserAsync("editor");
        var (_, _, author) = await CreateUserAsync("author");

        foreach (var token in new[] { editor, author })
        {
            using var list = await SendAsync(HttpMethod.Get, "/api/v1/users", token);
            using var patch = await PatchAsync(target, token, """{ "role": "admin" }""");
            using var reset = await SendAsync(HttpMethod.Post, $"/api/v1/users/{target}/password-reset", token);
            await AssertProblemAsync(list, 403, "forbidden");
            await AssertProblemAsync(patch, 403, "forbidden");
            await AssertProblemAsync(reset, 403, "forbidden");
        }

        using var anonymous = await SendAsync(HttpMethod.Get, "/api/v1/users");
        await AssertProblemAsync(anonymous, 401, "unauthenticated");
        Assert.That(await ScalarAsync<string>($"SELECT role FROM users WHERE id = '{target}'"), Is.EqualTo("Author"));
    }

    [Test]
    public async Task AnAdminChangesARoleAndDisplayNameWithAMergePatch()
    {
        var admin = await SignInAsAdminAsync();
        var id = await CreateAsync(admin, "phai", "Hồng Phái", "author");

        using var promoted = await PatchAsync(id, admin, """{ "role": "editor" }""", ifMatch: "\"1\"");
        Assert.That((int)promoted.StatusCode, Is.EqualTo(200), await promoted.Content.ReadAsStringAsync());
        var body = await ReadAsync<UserResponse>(promoted);
        using var renamed = await PatchAsync(id, admin, """{ "displayName": "  Phái Hồng  " }""");
        var after = await ReadAsync<UserResponse>(renamed);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(body.Role, Is.EqualTo(UserRole.Editor));
            Assert.That(body.DisplayName, Is.EqualTo("Hồng Phái"), "what is not sent stays");
            Assert.That(body.Version, Is.EqualTo(2));
            Assert.That(promoted.Headers.ETag?.Tag, Is.EqualTo("\"2\""));
            Assert.That(after.DisplayName, Is.EqualTo("Phái Hồng"));
            Assert.That(after.Role, Is.EqualTo(UserRole.Editor));
        }
    }

    [Test]
    public async Task BadPatchesAreRefusedAndChangeNothing()
    {
        var admin = await SignInAsAdminAsync();
        var id = await CreateAsync(admin, "phai", "Hồng Phái", "author");

        using var badRole = await PatchAsync(id, admin, """{ "role": "king" }""");
        using var noName = await PatchAsync(id, admin, """{ "displayName": "" }""");
        using var nullRole = await PatchAsync(id, admin, """{ "role": null }""");
        using var stale = await PatchAsync(id, admin, """{ "role": "editor" }""", ifMatch: "\"7\"");
        using var unknown = await PatchAsync(Guid.NewGuid(), admin, """{ "role": "editor" }""");
        var plainJson = Request(HttpMethod.Patch, $"/api/v1/users/{id}", admin, new { role = "editor" });
        using var wrongType = await Client.SendAsync(plainJson);

        await AssertProblemAsync(badRole, 400, "validation_failed");
        var problem = await AssertProblemAsync(noName, 400, "validation_failed");
        Assert.That(problem["errors"]!.AsObject().ContainsKey("displayName"), Is.True);
        await AssertProblemAsync(nullRole, 400, "validation_failed");
        await AssertProblemAsync(stale, 412, "version_mismatch");
        await AssertProblemAsync(unknown, 404, "not_found");
        await AssertProblemAsync(wrongType, 415, "unsupported_media_type");
        Assert.That(await ScalarAsync<int>($"SELECT version FROM users WHERE id = '{id}'"), Is.EqualTo(1));
    }

    [Test]
    public async Task TheLastAdminKeepsTheRole()
    {
        var admin = await SignInAsAdminAsync();
        var self = (await ReadAsync<UserResponse>(await SendAsync(HttpMethod.Get, "/api/v1/users/me", admin))).Id;

        using var demoted = await PatchAsync(self, admin, """{ "role": "editor" }""");

        var problem = await AssertProblemAsync(demoted, 409, "last_admin");
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("last admin"));
        Assert.That(await ScalarAsync<long>("SELECT count(*) FROM users WHERE role = 'Admin'"), Is.EqualTo(1));

        // With a second admin, the first may step down.
        await CreateAsync(admin, "second", "Second admin", "admin");
        using var stepsDown = await PatchAsync(self, admin, """{ "role": "editor" }""");
        Assert.That((int)stepsDown.StatusCode, Is.EqualTo(200), await stepsDown.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task TwoAdminsDemotingEachOtherAtOnceLeaveOneAdmin()
    {
        // Repeated: each round is a real race between two requests; a check-then-write without the lock loses some of them.
        var survivor = await SignInAsAdminAsync();
        for (var round = 0; round < 10; round++)
        {
            await CreateAsync(survivor, $"admin-{round}", $"Admin {round}", "admin");
            var tokenB = await SignInAsync($"admin-{round}", "a long enough password");
            var idA = (await ReadAsync<UserResponse>(await SendAsync(HttpMethod.Get, "/api/v1/users/me", survivor))).Id;
            var idB = (await ReadAsync<UserResponse>(await SendAsync(HttpMethod.Get, "/api/v1/users/me", tokenB))).Id;
            var others = await ScalarAsync<long>($"SELECT count(*) FROM users WHERE role = 'Admin' AND id NOT IN ('{idA}', '{idB}')");
            Assert.That(others, Is.Zero, "exactly two admins race");

            var answers = await Task.WhenAll(PatchAsync(idB, survivor, """{ "role": "editor" }"""), PatchAsync(idA, tokenB, """{ "role": "editor" }"""));

            // One wins. The other is 409 last_admin when the two overlapped, or 403 when it came in after its caller was demoted.
            var codes = answers.Select(a => (int)a.StatusCode).Order().ToArray();
            Assert.That(codes[0], Is.EqualTo(200), $"round {round}");
            Assert.That(codes[1], Is.EqualTo(403).Or.EqualTo(409), $"round {round}");
            Assert.That(await ScalarAsync<long>("SELECT count(*) FROM users WHERE role = 'Admin'"), Is.EqualTo(1), $"round {round}");
            survivor = (int)answers[0].StatusCode == 200 ? survivor : tokenB;
            foreach (var answer in answers)
            {
                answer.Dispose();
            }
        }
    }

    [Test]
    public async Task ADemotedEditorCannotPublishWithTheSessionTheyHave()
    {
        var admin = await SignInAsAdminAsync();
        var (username, _, editor) = await CreateUserAsync("editor");
        var author = await CreateAuthorAsync(editor);
        var before = await CreateArticleResponseAsync(editor, ArticleBody(author, new { slug = "truoc", status = "draft" }));
        using var published = await PatchArticleAsync(before.Id, editor, """{ "status": "published" }""");
        Assert.That((int)published.StatusCode, Is.EqualTo(200), "an editor publishes");
        var draft = await CreateArticleResponseAsync(editor, ArticleBody(author, new { slug = "sau", status = "draft" }));
        var id = await ScalarAsync<Guid>($"SELECT id FROM users WHERE username = '{username}'");

        using var demoted = await PatchAsync(id, admin, """{ "role": "author" }""");
        Assert.That((int)demoted.StatusCode, Is.EqualTo(200));

        using var refused = await PatchArticleAsync(draft.Id, editor, """{ "status": "published" }""");
        await AssertProblemAsync(refused, 403, "forbidden");
        using var me = await SendAsync(HttpMethod.Get, "/api/v1/users/me", editor);
        Assert.That((await ReadAsync<UserResponse>(me)).Role, Is.EqualTo(UserRole.Author), "the session is kept, with the new role");
    }

    private async Task<HttpResponseMessage> PatchArticleAsync(Guid id, string token, string json)
    {
        var request = Request(HttpMethod.Patch, $"/api/v1/articles/{id}", token);
        request.Content = new StringContent(json, Encoding.UTF8, "application/merge-patch+json");
        return await Client.SendAsync(request);
    }

    [Test]
    public async Task AResetGivesANewPasswordOnceAndEndsEverySessionOfTheUser()
    {
        var admin = await SignInAsAdminAsync();
        var (username, password, token) = await CreateUserAsync("author");
        var second = await SignInAsync(username, password);
        var id = await ScalarAsync<Guid>($"SELECT id FROM users WHERE username = '{username}'");

        using var reset = await SendAsync(HttpMethod.Post, $"/api/v1/users/{id}/password-reset", admin);

        Assert.That((int)reset.StatusCode, Is.EqualTo(200), await reset.Content.ReadAsStringAsync());
        var newPassword = (await ReadAsync<PasswordResetResponse>(reset)).Password;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(newPassword, Has.Length.GreaterThanOrEqualTo(16));
            Assert.That(reset.Headers.CacheControl?.NoStore, Is.True);
            Assert.That(reset.Headers.ETag?.Tag, Is.EqualTo("\"2\""));
        }

        foreach (var old in new[] { token, second })
        {
            using var ended = await SendAsync(HttpMethod.Get, "/api/v1/users/me", old);
            await AssertProblemAsync(ended, 401, "session_expired");
        }

        using var oldPassword = await SignInResponseAsync(username, password);
        await AssertProblemAsync(oldPassword, 401, "invalid_credentials");
        var fresh = await SignInAsync(username, newPassword);
        using var me = await SendAsync(HttpMethod.Get, "/api/v1/users/me", fresh);
        Assert.That((int)me.StatusCode, Is.EqualTo(200));
        using var adminStill = await SendAsync(HttpMethod.Get, "/api/v1/users/me", admin);
        Assert.That((int)adminStill.StatusCode, Is.EqualTo(200), "only that user's sessions end");
    }

    [Test]
    public async Task AnAdminDoesNotResetTheirOwnPasswordHere()
    {
        var admin = await SignInAsAdminAsync();
        var self = (await ReadAsync<UserResponse>(await SendAsync(HttpMethod.Get, "/api/v1/users/me", admin))).Id;
        var hash = await ScalarAsync<string>($"SELECT password_hash FROM users WHERE id = '{self}'");

        using var reset = await SendAsync(HttpMethod.Post, $"/api/v1/users/{self}/password-reset", admin);
        using var unknown = await SendAsync(HttpMethod.Post, $"/api/v1/users/{Guid.NewGuid()}/password-reset", admin);

        await AssertProblemAsync(reset, 409, "own_password_reset");
        await AssertProblemAsync(unknown, 404, "not_found");
        Assert.That(await ScalarAsync<string>($"SELECT password_hash FROM users WHERE id = '{self}'"), Is.EqualTo(hash));
        using var me = await SendAsync(HttpMethod.Get, "/api/v1/users/me", admin);
        Assert.That((int)me.StatusCode, Is.EqualTo(200));
    }
}
