using System.Net;
using System.Security.Cryptography;
using System.Text;
using Cms.Api.Data.Entities;
using Cms.Api.Sessions;
using Cms.Api.Tests.Infrastructure;
using Cms.Api.Users;

namespace Cms.Api.Tests.Sessions;

public sealed class SignInTests : ApiTest
{
    [Test]
    public async Task SignInWithTheRightPasswordReturnsATokenAndTheSession()
    {
        using var response = await SignInResponseAsync(CmsApp.AdminUsername, CmsApp.AdminPassword);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var body = await ReadAsync<SignInResponse>(response);
        var session = body.Session;
        var createdAt = session.CreatedAt;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.Headers.Location?.ToString(), Is.EqualTo("/api/v1/sessions/current"));
            Assert.That(body.Token, Has.Length.GreaterThanOrEqualTo(22), "at least 128 bits, base64url");
            Assert.That(session.User.Username, Is.EqualTo("admin"));
            Assert.That(session.User.Role, Is.EqualTo(UserRole.Admin));
            Assert.That(session.User.DisplayName, Is.Not.Empty);
            Assert.That(createdAt, Is.EqualTo(Now).Within(TimeSpan.FromMilliseconds(1)));
            // The wire shape: how a time is written, which a DateTimeOffset no longer shows.
            Assert.That((await JsonAsync(response))["session"]!["createdAt"]!.GetValue<string>(), Does.EndWith("Z"), "times are UTC with Z");
            Assert.That(session.IdleExpiresAt, Is.EqualTo(createdAt.AddSeconds(1800)));
            Assert.That(session.AbsoluteExpiresAt, Is.EqualTo(createdAt.AddSeconds(28800)));
            Assert.That(session.IdleTimeoutSeconds, Is.EqualTo(1800));
            Assert.That(session.WarningSeconds, Is.EqualTo(60));
            Assert.That(session.Id.ToString(), Does.Match("^[0-9a-f]{8}-[0-9a-f]{4}-7"), "UUID version 7");
        }
    }

    [Test]
    public async Task WrongPasswordAndUnknownUserGetTheSameAnswer()
    {
        using var wrongPassword = await SignInResponseAsync(CmsApp.AdminUsername, "not the password");
        using var unknownUser = await SignInResponseAsync("nobody-here", "not the password");

        var a = await AssertProblemAsync(wrongPassword, 401, "invalid_credentials");
        var b = await AssertProblemAsync(unknownUser, 401, "invalid_credentials");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(a["title"]!.ToJsonString(), Is.EqualTo(b["title"]!.ToJsonString()));
            Assert.That(a["detail"]!.ToJsonString(), Is.EqualTo(b["detail"]!.ToJsonString()));
        }
    }

    [Test]
    public async Task UsernamesIgnoreCase()
    {
        var token = await SignInAsync("ADMIN", CmsApp.AdminPassword);

        using var me = await SendAsync(HttpMethod.Get, "/api/v1/users/me", token);
        Assert.That((await ReadAsync<UserResponse>(me)).Username, Is.EqualTo("admin"));
    }

    [Test]
    public async Task OnlyTheHashOfTheTokenIsStored()
    {
        var token = await SignInAsAdminAsync();

        var stored = await ScalarAsync<byte[]>("SELECT token_hash FROM sessions");
        var text = await ScalarAsync<string>("SELECT row_to_json(s)::text FROM sessions s");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(stored, Is.EqualTo(SHA256.HashData(Encoding.UTF8.GetBytes(token))));
            Assert.That(text, Does.Not.Contain(token));
        }
    }

    [Test]
    public async Task EverySignInGetsItsOwnToken()
    {
        var tokens = new HashSet<string>();
        for (var i = 0; i < 5; i++)
        {
            tokens.Add(await SignInAsAdminAsync());
        }

        Assert.That(tokens, Has.Count.EqualTo(5));
    }

    [Test]
    public async Task MissingFieldsAreNamed()
    {
        using var response = await SendAsync(HttpMethod.Post, "/api/v1/sessions", body: new { });

        var problem = await AssertProblemAsync(response, 400, "validation_failed");
        Assert.That(problem["errors"]!.AsObject().Select(e => e.Key), Is.EquivalentTo(new[] { "username", "password" }));
    }

    [TestCase("{")]
    [TestCase("{\"username\": \"admin\", \"password\": }")]
    [TestCase("not json at all")]
    [TestCase("")]
    public async Task MalformedJsonIs400MalformedJson(string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await Client.PostAsync("/api/v1/sessions", content);

        await AssertProblemAsync(response, 400, "malformed_json");
    }

    [Test]
    public async Task AWrongTypeNamesTheField()
    {
        using var content = new StringContent("{\"username\": 42, \"password\": \"x\"}", Encoding.UTF8, "application/json");
        using var response = await Client.PostAsync("/api/v1/sessions", content);

        var problem = await AssertProblemAsync(response, 400, "validation_failed");
        Assert.That(problem["errors"]!.AsObject().ContainsKey("username"), Is.True, problem.ToJsonString());
    }

    [Test]
    public async Task OverlongFieldsAreRefused()
    {
        using var response = await SendAsync(HttpMethod.Post, "/api/v1/sessions", body: new { username = new string('a', 65), password = new string('p', 257) });

        var problem = await AssertProblemAsync(response, 400, "validation_failed");
        Assert.That(problem["errors"]!.AsObject().Select(e => e.Key), Is.EquivalentTo(new[] { "username", "password" }));
    }

    [Test]
    public async Task ABodyThatIsNotJsonIs415()
    {
        using var content = new StringContent("username=admin", Encoding.UTF8, "application/x-www-form-urlencoded");
        using var response = await Client.PostAsync("/api/v1/sessions", content);

        await AssertProblemAsync(response, 415, "unsupported_media_type");
    }

    [Test]
    public async Task ABodyOverTheLimitIs413()
    {
        var huge = "{\"username\": \"" + new string('a', 1024 * 1024 + 10) + "\", \"password\": \"x\"}";
        using var content = new StringContent(huge, Encoding.UTF8, "application/json");
        using var response = await Client.PostAsync("/api/v1/sessions", content);

        await AssertProblemAsync(response, 413, "payload_too_large");
    }
}
