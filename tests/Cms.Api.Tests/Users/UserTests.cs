using System.Net;
using System.Net.Http.Headers;
using Cms.Api.Data.Entities;
using Cms.Api.Tests.Infrastructure;
using Cms.Api.Users;

namespace Cms.Api.Tests.Users;

public sealed class UserTests : ApiTest
{
    private static object NewUser(string username = "hong.phai", string role = "editor") =>
        new { username, password = "a long enough password", displayName = "Hồng Phái", role };

    [Test]
    public async Task AnAdminCreatesAUserWhoCanThenSignIn()
    {
        var admin = await SignInAsAdminAsync();

        using var created = await SendAsync(HttpMethod.Post, "/api/v1/users", admin, NewUser());

        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
        var body = await ReadAsync<UserResponse>(created);
        // The wire shape: no password, in any form, is written out.
        var json = await JsonAsync(created);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(created.Headers.Location?.ToString(), Is.EqualTo($"/api/v1/users/{body.Id}"));
            Assert.That(created.Headers.ETag?.Tag, Is.EqualTo("\"1\""));
            Assert.That(body.Username, Is.EqualTo("hong.phai"));
            Assert.That(body.DisplayName, Is.EqualTo("Hồng Phái"));
            Assert.That(body.Role, Is.EqualTo(UserRole.Editor));
            Assert.That(body.Version, Is.EqualTo(1));
            Assert.That(json.ContainsKey("password") || json.ContainsKey("passwordHash"), Is.False);
        }

        var token = await SignInAsync("hong.phai", "a long enough password");
        using var me = await SendAsync(HttpMethod.Get, "/api/v1/users/me", token);
        Assert.That((await ReadAsync<UserResponse>(me)).Id, Is.EqualTo(body.Id));
    }

    [Test]
    public async Task TheStoredPasswordIsAHashNotThePassword()
    {
        var admin = await SignInAsAdminAsync();
        using var created = await SendAsync(HttpMethod.Post, "/api/v1/users", admin, NewUser());

        var stored = await ScalarAsync<string>("SELECT password_hash FROM users WHERE username = 'hong.phai'");
        Assert.That(stored, Is.Not.Empty.And.Not.Contain("a long enough password"));
    }

    [Test]
    public async Task ATakenUsernameIs409WhateverItsCase()
    {
        var admin = await SignInAsAdminAsync();
        using var first = await SendAsync(HttpMethod.Post, "/api/v1/users", admin, NewUser("Reporter"));

        using var second = await SendAsync(HttpMethod.Post, "/api/v1/users", admin, NewUser("reporter"));

        await AssertProblemAsync(second, 409, "username_taken");
        Assert.That(await ScalarAsync<long>("SELECT count(*) FROM users"), Is.EqualTo(2));
    }

    [Test]
    public async Task EditorsAndAuthorsCannotCreateUsers()
    {
        var (_, _, editor) = await CreateUserAsync("editor");
        var (_, _, author) = await CreateUserAsync("author");

        using var asEditor = await SendAsync(HttpMethod.Post, "/api/v1/users", editor, NewUser("x1"));
        using var asAuthor = await SendAsync(HttpMethod.Post, "/api/v1/users", author, NewUser("x2"));
        using var anonymous = await SendAsync(HttpMethod.Post, "/api/v1/users", body: NewUser("x3"));

        await AssertProblemAsync(asEditor, 403, "forbidden");
        await AssertProblemAsync(asAuthor, 403, "forbidden");
        await AssertProblemAsync(anonymous, 401, "unauthenticated");
    }

    [Test]
    public async Task InvalidUsersNameEachBadField()
    {
        var admin = await SignInAsAdminAsync();

        using var response = await SendAsync(HttpMethod.Post, "/api/v1/users", admin,
            new { username = "a b", password = "short", displayName = "", role = (string?)null });

        var problem = await AssertProblemAsync(response, 400, "validation_failed");
        Assert.That(problem["errors"]!.AsObject().Select(e => e.Key), Is.EquivalentTo(new[] { "username", "password", "displayName", "role" }));
        Assert.That(problem["errors"]!["password"]![0]!.GetValue<string>(), Does.Contain("password"), "messages name the field as the client does");
    }

    [Test]
    public async Task AnUnknownRoleNamesTheRoleField()
    {
        var admin = await SignInAsAdminAsync();

        using var response = await SendAsync(HttpMethod.Post, "/api/v1/users", admin,
            new { username = "king", password = "a long enough password", displayName = "King", role = "king" });

        var problem = await AssertProblemAsync(response, 400, "validation_failed");
        Assert.That(problem["errors"]!.AsObject().ContainsKey("role"), Is.True);
    }

    [Test]
    public async Task AUserReadWithItsETagAnswers304()
    {
        var admin = await SignInAsAdminAsync();
        using var created = await SendAsync(HttpMethod.Post, "/api/v1/users", admin, NewUser());
        var location = created.Headers.Location!.ToString();

        using var read = await SendAsync(HttpMethod.Get, location, admin);
        Assert.That(read.Headers.ETag?.Tag, Is.EqualTo("\"1\""));

        using var again = Request(HttpMethod.Get, location, admin);
        again.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"1\""));
        using var notModified = await Client.SendAsync(again);
        Assert.That(notModified.StatusCode, Is.EqualTo(HttpStatusCode.NotModified));
    }

    [Test]
    public async Task AnUnknownUserIs404()
    {
        var admin = await SignInAsAdminAsync();

        using var response = await SendAsync(HttpMethod.Get, $"/api/v1/users/{Guid.CreateVersion7()}", admin);

        await AssertProblemAsync(response, 404, "not_found");
    }

    [Test]
    public async Task ReadOnlyFieldsInTheBodyAreIgnored()
    {
        var admin = await SignInAsAdminAsync();

        using var response = await SendAsync(HttpMethod.Post, "/api/v1/users", admin, new
        {
            username = "sneaky",
            password = "a long enough password",
            displayName = "Sneaky",
            role = "author",
            id = "00000000-0000-0000-0000-000000000001",
            version = 99,
            createdAt = "2000-01-01T00:00:00Z",
            passwordHash = "x",
        });

        var body = await ReadAsync<UserResponse>(response);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(body.Id, Is.Not.EqualTo(Guid.Parse("00000000-0000-0000-0000-000000000001")));
            Assert.That(body.Version, Is.EqualTo(1));
            Assert.That(body.CreatedAt, Is.EqualTo(Now).Within(TimeSpan.FromSeconds(1)));
        }

        await SignInAsync("sneaky", "a long enough password");
    }
}
