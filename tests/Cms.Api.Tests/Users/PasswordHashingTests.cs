using System.Buffers.Binary;
using Cms.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Cms.Api.Tests.Users;

public sealed class PasswordHashingTests : ApiTest
{
    // The production setting, not the suite's fast one.
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Cms:Passwords:Iterations"] = "220000" };

    /// <summary>ASP.NET Core's v3 format: 0x01, PRF (1 = SHA256, 2 = SHA512), iterations, salt length, salt, subkey.</summary>
    private static (uint Prf, uint Iterations) Describe(string hash)
    {
        var bytes = Convert.FromBase64String(hash);
        Assert.That(bytes[0], Is.EqualTo(0x01), "format v3");
        return (BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(1)), BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(5)));
    }

    private Task<string?> StoredHashAsync(string username) =>
        ScalarAsync<string>("SELECT password_hash FROM users WHERE username = $1", username);

    [Test]
    public async Task NewPasswordsAreHashedWith220000IterationsOfHmacSha512()
    {
        var (username, _, _) = await CreateUserAsync("author");

        Assert.That(Describe((await StoredHashAsync(username))!), Is.EqualTo((2u, 220_000u)));
    }

    [Test]
    public async Task OldWeakerHashesAreUpgradedAtSignIn()
    {
        var (username, password, _) = await CreateUserAsync("author");
        var old = new PasswordHasher<object>(Options.Create(new PasswordHasherOptions { IterationCount = 100_000 })).HashPassword(new object(), password);
        await ScalarAsync<int>("UPDATE users SET password_hash = $1 WHERE username = $2", old, username);

        using var wrong = await SignInResponseAsync(username, "not the password");
        var afterWrong = await StoredHashAsync(username);
        await SignInAsync(username, password);
        var upgraded = await StoredHashAsync(username);
        await SignInAsync(username, password);

        using (Assert.EnterMultipleScope())
        {
            Assert.That((int)wrong.StatusCode, Is.EqualTo(401));
            Assert.That(afterWrong, Is.EqualTo(old), "a failed sign-in changes nothing");
            Assert.That(Describe(upgraded!), Is.EqualTo((2u, 220_000u)));
            Assert.That(upgraded, Is.Not.EqualTo(old));
        }
    }
}
