using System.Net.Http.Json;
using Cms.Api.Tests.Infrastructure;

namespace Cms.Api.Tests.Security;

/// <summary>
/// The service behind Debian's nginx: each visitor has a rate limit of their own, and a forged X-Forwarded-For changes
/// nothing, whether sent through the proxy or straight to the service.
/// </summary>
[Category("Proxy")]
public sealed class ProxyTests : ApiTest
{
    private Nginx? _nginx;

    protected override bool OnKestrel => true;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Cms:Http:KnownProxies:0"] = "127.0.0.1",
        ["Cms:RateLimits:SignInsPerMinute"] = "2",
    };

    [OneTimeSetUp]
    public async Task StartNginxAsync()
    {
        if (Nginx.Binary is null)
        {
            Prerequisite.Missing("nginx (apt-get install nginx)", "CMS_REQUIRE_FRONTEND_TOOLS");
        }

        _nginx = await Nginx.StartAsync(App.Address);
    }

    [OneTimeTearDown]
    public async Task StopNginxAsync()
    {
        if (_nginx is not null)
        {
            await _nginx.DisposeAsync();
        }
    }

    private static async Task<int> SignInAsync(HttpClient client, string? forwardedFor = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/sessions")
        {
            Content = JsonContent.Create(new { username = "ai-" + Guid.NewGuid().ToString("N")[..8], password = "sai mật khẩu" }),
        };
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        using var response = await client.SendAsync(request);
        return (int)response.StatusCode;
    }

    [Test]
    public async Task BehindTheProxyEachVisitorHasALimitOfTheirOwn()
    {
        using var first = Nginx.ClientFrom("127.0.0.2", _nginx!.Address);
        using var second = Nginx.ClientFrom("127.0.0.3", _nginx.Address);

        var firstVisitor = new[] { await SignInAsync(first), await SignInAsync(first), await SignInAsync(first) };
        var secondVisitor = await SignInAsync(second);
        var forging = await SignInAsync(Nginx.ClientFrom("127.0.0.4", _nginx.Address), forwardedFor: "127.0.0.2");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(firstVisitor, Is.EqualTo(new[] { 401, 401, 429 }), "the first visitor used up their two sign-ins a minute");
            Assert.That(secondVisitor, Is.EqualTo(401), "another visitor behind the same proxy was not limited with them");
            Assert.That(forging, Is.EqualTo(401), "claiming to be the first visitor in X-Forwarded-For does not make one so");
        }
    }

    [Test]
    public async Task AForgedForwardedForStraightToTheServiceIsIgnored()
    {
        using var direct = Nginx.ClientFrom("127.0.0.5", App.Address);

        var answers = new List<int>();
        foreach (var forged in new[] { "198.51.100.1", "198.51.100.2", "198.51.100.3" })
        {
            answers.Add(await SignInAsync(direct, forwardedFor: forged));
        }

        Assert.That(answers, Is.EqualTo(new[] { 401, 401, 429 }), "a new forged address each time still counts as the one real client");
    }
}
