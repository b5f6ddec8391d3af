using System.Net;
using Cms.Api.Tests.Infrastructure;

namespace Cms.Api.Tests.Sessions;

public sealed class SignInThrottleTests : ApiTest
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Cms:SignInThrottle:MaxFailuresPerUsername"] = "3",
        ["Cms:SignInThrottle:MaxFailuresPerAddress"] = "6",
        ["Cms:SignInThrottle:LockoutSeconds"] = "120",
    };

    [Test]
    public async Task RepeatedFailuresForOneUsernameAreRefusedForAWhileEvenWithTheRightPassword()
    {
        for (var i = 0; i < 3; i++)
        {
            using var failed = await SignInResponseAsync(CmsApp.AdminUsername, "wrong", clientAddress: $"10.0.0.{i + 1}");
            await AssertProblemAsync(failed, 401, "invalid_credentials");
        }

        using var locked = await SignInResponseAsync(CmsApp.AdminUsername, CmsApp.AdminPassword, clientAddress: "10.0.0.9");
        await AssertProblemAsync(locked, 429, "too_many_attempts");
        Assert.That(locked.Headers.RetryAfter?.Delta?.TotalSeconds, Is.InRange(1, 120));

        App.Clock.Advance(TimeSpan.FromSeconds(121));
        using var later = await SignInResponseAsync(CmsApp.AdminUsername, CmsApp.AdminPassword, clientAddress: "10.0.0.9");
        Assert.That(later.StatusCode, Is.EqualTo(HttpStatusCode.Created));
    }

    [Test]
    public async Task ASuccessfulSignInClearsTheUsernameCount()
    {
        for (var i = 0; i < 2; i++)
        {
            using var failed = await SignInResponseAsync(CmsApp.AdminUsername, "wrong", clientAddress: "10.0.1.1");
        }

        await SignInAsAdminAsync();
        for (var i = 0; i < 2; i++)
        {
            using var failed = await SignInResponseAsync(CmsApp.AdminUsername, "wrong", clientAddress: "10.0.1.2");
        }

        using var response = await SignInResponseAsync(CmsApp.AdminUsername, CmsApp.AdminPassword, clientAddress: "10.0.1.3");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
    }

    [Test]
    public async Task RepeatedFailuresFromOneAddressAreRefusedWhateverTheUsername()
    {
        for (var i = 0; i < 6; i++)
        {
            using var failed = await SignInResponseAsync($"someone-{i}", "wrong", clientAddress: "10.0.2.1");
            await AssertProblemAsync(failed, 401, "invalid_credentials");
        }

        using var locked = await SignInResponseAsync(CmsApp.AdminUsername, CmsApp.AdminPassword, clientAddress: "10.0.2.1");
        await AssertProblemAsync(locked, 429, "too_many_attempts");

        using var elsewhere = await SignInResponseAsync(CmsApp.AdminUsername, CmsApp.AdminPassword, clientAddress: "10.0.2.2");
        Assert.That(elsewhere.StatusCode, Is.EqualTo(HttpStatusCode.Created), "another address is not affected");
    }

    [Test]
    public async Task ConcurrentFailuresAreEachCounted()
    {
        var attempts = Enumerable.Range(0, 12).Select(async i =>
        {
            using var response = await SignInResponseAsync("editor-under-attack", "wrong", clientAddress: $"10.0.3.{i + 1}");
            return (int)response.StatusCode;
        });
        var answers = await Task.WhenAll(attempts);

        // Attempts that passed the check before the lock took hold are failures too: every 401 is counted, none lost.
        var failures = await ScalarAsync<int>("SELECT failures FROM sign_in_throttles WHERE key = 'user:editor-under-attack'");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(answers, Is.All.AnyOf(401, 429));
            Assert.That(answers.Count(a => a == 401), Is.GreaterThanOrEqualTo(3));
            Assert.That(failures, Is.EqualTo(answers.Count(a => a == 401)));
        }
    }
}
