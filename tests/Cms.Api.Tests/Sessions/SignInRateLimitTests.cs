using System.Net;
using Cms.Api.Tests.Infrastructure;

namespace Cms.Api.Tests.Sessions;

public sealed class SignInRateLimitTests : ApiTest
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Cms:RateLimits:SignInsPerMinute"] = "3",
    };

    [Test]
    public async Task SignInsPastTheLimitPerAddressAre429RateLimited()
    {
        for (var i = 0; i < 3; i++)
        {
            using var ok = await SignInResponseAsync(CmsApp.AdminUsername, CmsApp.AdminPassword, clientAddress: "192.0.2.10");
            Assert.That(ok.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        }

        using var limited = await SignInResponseAsync(CmsApp.AdminUsername, CmsApp.AdminPassword, clientAddress: "192.0.2.10");
        await AssertProblemAsync(limited, 429, "rate_limited");
        Assert.That(limited.Headers.RetryAfter?.Delta?.TotalSeconds, Is.InRange(1, 60));

        using var otherClient = await SignInResponseAsync(CmsApp.AdminUsername, CmsApp.AdminPassword, clientAddress: "192.0.2.11");
        Assert.That(otherClient.StatusCode, Is.EqualTo(HttpStatusCode.Created));
    }
}
