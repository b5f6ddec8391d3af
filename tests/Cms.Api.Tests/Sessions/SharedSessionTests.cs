using System.Net;
using Cms.Api.Sessions;
using Cms.Api.Tests.Infrastructure;

namespace Cms.Api.Tests.Sessions;

/// <summary>Two service instances on one database, as behind a load balancer.</summary>
public sealed class SharedSessionTests : ApiTest
{
    private CmsApp _second = null!;
    private HttpClient _secondClient = null!;

    [OneTimeSetUp]
    public void StartSecondInstance()
    {
        _second = new CmsApp(ConnectionString, Settings, App.Clock);
        _secondClient = _second.CreateClient();
    }

    [OneTimeTearDown]
    public async Task StopSecondInstanceAsync()
    {
        _secondClient.Dispose();
        await _second.DisposeAsync();
    }

    [Test]
    public async Task ASessionStartedOnOneInstanceWorksOnTheOtherAndEndsOnBoth()
    {
        var token = await SignInAsAdminAsync();

        using (var onSecond = await _secondClient.SendAsync(Request(HttpMethod.Get, "/api/v1/users/me", token)))
        {
            Assert.That(onSecond.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        using (var signOut = await _secondClient.SendAsync(Request(HttpMethod.Delete, "/api/v1/sessions/current", token)))
        {
            Assert.That(signOut.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        }

        using var onFirst = await SendAsync(HttpMethod.Get, "/api/v1/users/me", token);
        await AssertProblemAsync(onFirst, 401, "session_expired");
    }

    [Test]
    public async Task KeepAliveOnOneInstanceIsSeenByTheOther()
    {
        var token = await SignInAsAdminAsync();
        App.Clock.Advance(TimeSpan.FromSeconds(900));

        using var keepAlive = await _secondClient.SendAsync(Request(HttpMethod.Post, "/api/v1/sessions/current/keep-alive", token));
        var expected = (await ReadAsync<SessionEnvelope>(keepAlive)).Session.IdleExpiresAt;

        using var current = await SendAsync(HttpMethod.Get, "/api/v1/sessions/current", token);
        Assert.That((await ReadAsync<SessionEnvelope>(current)).Session.IdleExpiresAt, Is.EqualTo(expected));
    }
}
