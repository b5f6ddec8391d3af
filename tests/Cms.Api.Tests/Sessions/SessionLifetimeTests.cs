using System.Net;
using Cms.Api.Sessions;
using Cms.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Cms.Api.Tests.Sessions;

public sealed class SessionLifetimeTests : ApiTest
{
    private async Task<SessionResponse> CurrentAsync(string token)
    {
        using var response = await SendAsync(HttpMethod.Get, "/api/v1/sessions/current", token);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return (await ReadAsync<SessionEnvelope>(response)).Session;
    }

    private static DateTimeOffset IdleExpiry(SessionResponse session) => session.IdleExpiresAt;

    [Test]
    public async Task PollingTheCurrentSessionDoesNotExtendIt()
    {
        var token = await SignInAsAdminAsync();
        var before = IdleExpiry(await CurrentAsync(token));

        App.Clock.Advance(TimeSpan.FromSeconds(600));
        var after = IdleExpiry(await CurrentAsync(token));

        Assert.That(after, Is.EqualTo(before));
    }

    [Test]
    public async Task OtherAuthenticatedRequestsSlideTheIdleExpiry()
    {
        var token = await SignInAsAdminAsync();
        App.Clock.Advance(TimeSpan.FromSeconds(600));

        using var me = await SendAsync(HttpMethod.Get, "/api/v1/users/me", token);
        Assert.That(me.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var session = await CurrentAsync(token);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(IdleExpiry(session), Is.EqualTo(Now.AddSeconds(1800)));
            Assert.That(session.LastSeenAt, Is.EqualTo(Now));
        }
    }

    [Test]
    public async Task ActivityWithinAFewSecondsIsNotWrittenAgain()
    {
        var token = await SignInAsAdminAsync();
        var before = IdleExpiry(await CurrentAsync(token));

        App.Clock.Advance(TimeSpan.FromSeconds(2));
        using var me = await SendAsync(HttpMethod.Get, "/api/v1/users/me", token);

        Assert.That(IdleExpiry(await CurrentAsync(token)), Is.EqualTo(before), "coalesced: the stored (and reported) expiry did not move");
    }

    [Test]
    public async Task AnIdleSessionExpires()
    {
        var token = await SignInAsAdminAsync();
        App.Clock.Advance(TimeSpan.FromSeconds(1799));
        await CurrentAsync(token);

        App.Clock.Advance(TimeSpan.FromSeconds(1));
        using var response = await SendAsync(HttpMethod.Get, "/api/v1/sessions/current", token);

        await AssertProblemAsync(response, 401, "session_expired");
    }

    [Test]
    public async Task KeepAliveMovesTheIdleExpiryToNowPlusTheIdleTimeout()
    {
        var token = await SignInAsAdminAsync();
        App.Clock.Advance(TimeSpan.FromSeconds(1750));

        using var keepAlive = await SendAsync(HttpMethod.Post, "/api/v1/sessions/current/keep-alive", token);
        Assert.That(keepAlive.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var answered = IdleExpiry((await ReadAsync<SessionEnvelope>(keepAlive)).Session);
        Assert.That(answered, Is.EqualTo(Now.AddSeconds(1800)));

        App.Clock.Advance(TimeSpan.FromSeconds(1000));
        Assert.That(IdleExpiry(await CurrentAsync(token)), Is.EqualTo(answered), "still alive past the first idle expiry");
    }

    [Test]
    public async Task KeepAliveNeverPassesTheAbsoluteExpiry()
    {
        var token = await SignInAsAdminAsync();
        var absolute = (await CurrentAsync(token)).AbsoluteExpiresAt;

        // Stay active for the whole 8 hours, one keep-alive every 25 minutes.
        while (Now.AddSeconds(1500) < absolute)
        {
            App.Clock.Advance(TimeSpan.FromSeconds(1500));
            using var keepAlive = await SendAsync(HttpMethod.Post, "/api/v1/sessions/current/keep-alive", token);
            Assert.That(keepAlive.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        using (var last = await SendAsync(HttpMethod.Post, "/api/v1/sessions/current/keep-alive", token))
        {
            Assert.That(IdleExpiry((await ReadAsync<SessionEnvelope>(last)).Session), Is.EqualTo(absolute));
        }

        App.Clock.SetUtcNow(absolute);
        using var response = await SendAsync(HttpMethod.Post, "/api/v1/sessions/current/keep-alive", token);
        await AssertProblemAsync(response, 401, "session_expired");
    }

    [Test]
    public async Task SigningOutKillsTheTokenForGood()
    {
        var token = await SignInAsAdminAsync();

        using var signOut = await SendAsync(HttpMethod.Delete, "/api/v1/sessions/current", token);
        Assert.That(signOut.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));

        using var current = await SendAsync(HttpMethod.Get, "/api/v1/sessions/current", token);
        await AssertProblemAsync(current, 401, "session_expired");
        using var keepAlive = await SendAsync(HttpMethod.Post, "/api/v1/sessions/current/keep-alive", token);
        await AssertProblemAsync(keepAlive, 401, "session_expired");
        using var me = await SendAsync(HttpMethod.Get, "/api/v1/users/me", token);
        await AssertProblemAsync(me, 401, "session_expired");
    }

    [Test]
    public async Task SigningOutOneSessionLeavesTheOthers()
    {
        var first = await SignInAsAdminAsync();
        var second = await SignInAsAdminAsync();

        using var signOut = await SendAsync(HttpMethod.Delete, "/api/v1/sessions/current", first);

        await CurrentAsync(second);
    }

    [TestCase(null, "unauthenticated")]
    [TestCase("Bearer", "unauthenticated")]
    [TestCase("Bearer not-a-real-token", "unauthenticated")]
    [TestCase("Basic YWRtaW46YWRtaW4=", "unauthenticated")]
    public async Task RequestsWithoutAValidTokenAre401(string? authorization, string code)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/sessions/current");
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        using var response = await Client.SendAsync(request);

        await AssertProblemAsync(response, 401, code);
        Assert.That(response.Headers.WwwAuthenticate.ToString(), Does.StartWith("Bearer"));
    }

    [Test]
    public async Task AnAbsurdlyLongTokenIs401NotAnError()
    {
        using var response = await SendAsync(HttpMethod.Get, "/api/v1/sessions/current", new string('x', 100_000));

        await AssertProblemAsync(response, 401, "unauthenticated");
    }

    [Test]
    public async Task ASignOutRacingKeepAlivesLeavesTheSessionDead()
    {
        var token = await SignInAsAdminAsync();
        App.Clock.Advance(TimeSpan.FromSeconds(60));

        var keepAlives = Enumerable.Range(0, 20).Select(_ => SendAsync(HttpMethod.Post, "/api/v1/sessions/current/keep-alive", token)).ToList();
        var signOut = SendAsync(HttpMethod.Delete, "/api/v1/sessions/current", token);
        var responses = await Task.WhenAll(keepAlives.Append(signOut));
        foreach (var r in responses)
        {
            Assert.That((int)r.StatusCode, Is.AnyOf(200, 204, 401));
            r.Dispose();
        }

        using var after = await SendAsync(HttpMethod.Get, "/api/v1/sessions/current", token);
        await AssertProblemAsync(after, 401, "session_expired");
        Assert.That(await ScalarAsync<long>("SELECT count(*) FROM sessions WHERE ended_at IS NOT NULL"), Is.EqualTo(1));
    }

    [Test]
    public async Task EndedSessionsArePurgedInTheBackground()
    {
        var ended = await SignInAsAdminAsync();
        var live = await SignInAsAdminAsync();
        using (await SendAsync(HttpMethod.Delete, "/api/v1/sessions/current", ended))
        {
        }

        // Past the idle expiry of both plus the day ended rows are kept; then the purge (its timer runs on this clock too).
        App.Clock.Advance(TimeSpan.FromSeconds(1800 + 86400 + 600));
        // Null: the timer's own purge holds the job lock right now; asking again waits for it to be done.
        var purger = App.Services.GetRequiredService<ExpiredSessionPurger>();
        for (var attempt = 0; await purger.PurgeAsync(CancellationToken.None) is null && attempt < 1000; attempt++)
        {
        }

        Assert.That(await ScalarAsync<long>("SELECT count(*) FROM sessions"), Is.Zero);
        using var response = await SendAsync(HttpMethod.Get, "/api/v1/sessions/current", live);
        await AssertProblemAsync(response, 401, "unauthenticated");
    }
}
