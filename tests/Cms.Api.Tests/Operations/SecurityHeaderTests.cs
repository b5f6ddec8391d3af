using System.Net;
using Cms.Api.Tests.Infrastructure;

namespace Cms.Api.Tests.Operations;

public sealed class SecurityHeaderTests : ApiTest
{
    private const string Allowed = "https://tin.example.vn";

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Cms:Cors:AllowedOrigins:0"] = Allowed,
    };

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(",", values)
            : "";

    [TestCase("/api/v1/articles", "default-src 'none'")]
    [TestCase("/api/v1/nothing-here", "default-src 'none'")]
    [TestCase("/health/ready", "default-src 'none'")]
    [TestCase("/reader/", "default-src 'self'")]
    public async Task EveryAnswerCarriesTheBrowserSafetyHeaders(string url, string policy)
    {
        using var response = await Client.GetAsync(url);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Header(response, "X-Content-Type-Options"), Is.EqualTo("nosniff"));
            Assert.That(Header(response, "X-Frame-Options"), Is.EqualTo("DENY"));
            Assert.That(Header(response, "Referrer-Policy"), Is.EqualTo("no-referrer"));
            Assert.That(Header(response, "Content-Security-Policy"), Does.StartWith(policy).And.Contain("frame-ancestors 'none'"));
        }
    }

    [Test]
    public async Task TheReaderShowsPicturesFromTheMediaLibraryAndHttpsHostsOnly()
    {
        using var response = await Client.GetAsync("/reader/");
        var imgSrc = Header(response, "Content-Security-Policy").Split(';', StringSplitOptions.TrimEntries)
            .Single(d => d.StartsWith("img-src ", StringComparison.Ordinal));
        Assert.That(imgSrc, Is.EqualTo("img-src 'self' https:"), "/media files are 'self'; external covers are https");
    }

    [Test]
    public async Task AnswersToASignedInCallerAreNeverStoredByCaches()
    {
        var token = await SignInAsAdminAsync();
        using var me = await SendAsync(HttpMethod.Get, "/api/v1/users/me", token);
        Assert.That(me.Headers.CacheControl?.NoStore, Is.True);
        using var anonymous = await Client.GetAsync("/api/v1/articles");
        Assert.That(anonymous.Headers.CacheControl?.NoStore ?? false, Is.False, "public reads stay cacheable");
    }

    [Test]
    public async Task AnAllowedOriginMayCallAndReadTheHeadersItNeeds()
    {
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/v1/articles");
        preflight.Headers.Add("Origin", Allowed);
        preflight.Headers.Add("Access-Control-Request-Method", "PUT");
        preflight.Headers.Add("Access-Control-Request-Headers", "authorization,content-type,if-match");
        using var answer = await Client.SendAsync(preflight);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(Header(answer, "Access-Control-Allow-Origin"), Is.EqualTo(Allowed));
            Assert.That(Header(answer, "Access-Control-Allow-Methods"), Does.Contain("PUT"));
            Assert.That(Header(answer, "Access-Control-Allow-Headers").ToLowerInvariant(), Does.Contain("authorization").And.Contain("if-match"));
        }

        using var get = new HttpRequestMessage(HttpMethod.Get, "/api/v1/articles");
        get.Headers.Add("Origin", Allowed);
        using var response = await Client.SendAsync(get);
        Assert.That(Header(response, "Access-Control-Allow-Origin"), Is.EqualTo(Allowed));
        Assert.That(Header(response, "Access-Control-Expose-Headers"), Does.Contain("ETag").And.Contain("Retry-After"));
    }

    [Test]
    public async Task AnyOtherOriginGetsNoPermission()
    {
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/v1/articles");
        preflight.Headers.Add("Origin", "https://evil.example.com");
        preflight.Headers.Add("Access-Control-Request-Method", "DELETE");
        using var answer = await Client.SendAsync(preflight);
        Assert.That(Header(answer, "Access-Control-Allow-Origin"), Is.Empty);

        using var get = new HttpRequestMessage(HttpMethod.Get, "/api/v1/articles");
        get.Headers.Add("Origin", "https://evil.example.com");
        using var response = await Client.SendAsync(get);
        Assert.That(Header(response, "Access-Control-Allow-Origin"), Is.Empty);
    }
}
