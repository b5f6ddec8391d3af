using Cms.Api.Infrastructure.Paging;
using Cms.Api.Webhooks;
using Microsoft.AspNetCore.Http;

namespace Cms.Api.Tests.Webhooks;

/// <summary>Receivers that are down, slow, busy or gone: the test schedule (10 s, 20 s, 30 s) on the fake clock, Retry-After, 410.</summary>
public sealed class WebhookRetryTests : WebhookTest
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["Cms:Webhooks:TimeoutSeconds"] = "2",
    };

    private async Task<DateTimeOffset> NextAttemptAsync(Guid webhook) =>
        new(await ScalarAsync<DateTime>("SELECT next_attempt_at FROM webhook_messages WHERE webhook_id = $1", webhook), TimeSpan.Zero);

    private async Task<List<WebhookDeliveryResponse>> LogAsync(Guid webhook)
    {
        using var response = await SendAsync(HttpMethod.Get, $"/api/v1/webhooks/{webhook}/deliveries", await SignInAsAdminAsync());
        return [.. (await ReadAsync<PagedList<WebhookDeliveryResponse>>(response)).Items];
    }

    [Test]
    public async Task AReceiverThatWasDownGetsTheEventOnTheRetrySchedule()
    {
        await using var receiver = await WebhookReceiver.StartNewAsync(listening: false);
        var (webhook, secret) = await CreateWebhookAsync(receiver.Url());
        var start = Now;
        await PublishAsync();

        await LoggedAsync(webhook, 1);
        var second = await NextAttemptAsync(webhook);
        App.Clock.Advance(TimeSpan.FromSeconds(10));
        await LoggedAsync(webhook, 2);
        var third = await NextAttemptAsync(webhook);
        await receiver.StartAsync();
        App.Clock.Advance(TimeSpan.FromSeconds(20));
        var received = (await receiver.WaitForAsync(1)).Single();
        await LoggedAsync(webhook, 3);
        var log = await LogAsync(webhook);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(second, Is.EqualTo(start.AddSeconds(10)));
            Assert.That(third, Is.EqualTo(start.AddSeconds(30)));
            Assert.That(log.Select(d => (d.Attempt, d.Status)), Is.EqualTo(new[] { (3, "delivered"), (2, "failed"), (1, "failed") }));
            Assert.That(log.Select(d => d.EventId.ToString()).Distinct(), Is.EqualTo(new[] { received.Id }));
            Assert.That(log[1].Response, Is.Null);
            Assert.That(log[1].Error, Is.Not.Empty);
            Assert.That(Verifies(received, secret), Is.True);
        }
    }

    [Test]
    public async Task RetryAfterIsHonoured()
    {
        await using var receiver = await WebhookReceiver.StartNewAsync();
        var answers = 0;
        receiver.Answer = (_, http) =>
        {
            if (Interlocked.Increment(ref answers) == 1)
            {
                http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                http.Response.Headers.RetryAfter = "120";
                return http.Response.WriteAsync("busy");
            }

            http.Response.StatusCode = StatusCodes.Status200OK;
            return Task.CompletedTask;
        };
        var (webhook, _) = await CreateWebhookAsync(receiver.Url());
        var start = Now;
        await PublishAsync();

        await LoggedAsync(webhook, 1);
        var next = await NextAttemptAsync(webhook);
        App.Clock.Advance(TimeSpan.FromSeconds(120));
        var received = await receiver.WaitForAsync(2);
        await LoggedAsync(webhook, 2);
        var log = await LogAsync(webhook);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(next, Is.EqualTo(start.AddSeconds(120)), "the receiver's 120 s, not the schedule's 10 s");
            Assert.That(received[1].Id, Is.EqualTo(received[0].Id));
            Assert.That(log[1].Response, Is.EqualTo(new DeliveryAnswer(503, "busy")));
            Assert.That(log[0].Status, Is.EqualTo("delivered"));
        }
    }

    [Test]
    public async Task GoneDisablesTheWebhookUntilAnAdminEnablesIt()
    {
        await using var receiver = await WebhookReceiver.StartNewAsync();
        receiver.Answer = (_, http) =>
        {
            http.Response.StatusCode = StatusCodes.Status410Gone;
            return Task.CompletedTask;
        };
        var admin = await SignInAsAdminAsync();
        var (webhook, _) = await CreateWebhookAsync(receiver.Url(), token: admin);
        await PublishAsync();
        await LoggedAsync(webhook, 1);

        await PublishAsync();
        var disabled = await GetOkAsync<WebhookResponse>(Authorized(admin), $"/api/v1/webhooks/{webhook}");
        var messages = await ScalarAsync<long>("SELECT count(*) FROM webhook_messages WHERE webhook_id = $1", webhook);
        receiver.Answer = (_, http) =>
        {
            http.Response.StatusCode = StatusCodes.Status204NoContent;
            return Task.CompletedTask;
        };
        var enable = Request(HttpMethod.Patch, $"/api/v1/webhooks/{webhook}", admin);
        enable.Content = new StringContent("""{"enabled":true}""", System.Text.Encoding.UTF8, "application/merge-patch+json");
        using var enabled = await Client.SendAsync(enable);
        App.Clock.Advance(TimeSpan.FromSeconds(10));
        var received = await receiver.WaitForAsync(2);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(disabled.Enabled, Is.False);
            Assert.That(disabled.DisabledReason, Does.Contain("410"));
            Assert.That(messages, Is.EqualTo(1), "nothing queued for a disabled webhook");
            Assert.That((int)enabled.StatusCode, Is.EqualTo(200));
            Assert.That(received[1].Id, Is.EqualTo(received[0].Id), "the waiting event, sent once enabled");
        }
    }

    [Test]
    public async Task AfterTheLastRetryTheMessageHasFailed()
    {
        await using var receiver = await WebhookReceiver.StartNewAsync();
        receiver.Answer = (_, http) =>
        {
            http.Response.StatusCode = StatusCodes.Status500InternalServerError;
            return Task.CompletedTask;
        };
        var (webhook, _) = await CreateWebhookAsync(receiver.Url());
        await PublishAsync();

        foreach (var (wait, attempts) in new[] { (10, 2), (20, 3), (30, 4) })
        {
            await LoggedAsync(webhook, attempts - 1);
            App.Clock.Advance(TimeSpan.FromSeconds(wait));
        }

        await LoggedAsync(webhook, 4);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(await ScalarAsync<string>("SELECT state FROM webhook_messages WHERE webhook_id = $1", webhook), Is.EqualTo("failed"));
            Assert.That(receiver.Received, Has.Count.EqualTo(4));
        }
    }

    [Test]
    public async Task ARedirectIsNotFollowed()
    {
        await using var elsewhere = await WebhookReceiver.StartNewAsync();
        await using var receiver = await WebhookReceiver.StartNewAsync();
        receiver.Answer = (_, http) =>
        {
            http.Response.StatusCode = StatusCodes.Status307TemporaryRedirect;
            http.Response.Headers.Location = elsewhere.Url();
            return Task.CompletedTask;
        };
        var (webhook, _) = await CreateWebhookAsync(receiver.Url());
        await PublishAsync();

        await LoggedAsync(webhook, 1);
        var log = await LogAsync(webhook);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(log.Single().Status, Is.EqualTo("failed"));
            Assert.That(log.Single().Response?.StatusCode, Is.EqualTo(307));
            Assert.That(elsewhere.Received, Is.Empty);
        }
    }

    [Test]
    public async Task ASlowReceiverHoldsUpNeitherSavesNorOtherReceivers()
    {
        await using var slow = await WebhookReceiver.StartNewAsync();
        await using var fast = await WebhookReceiver.StartNewAsync();
        var release = new TaskCompletionSource();
        int inFlight = 0, most = 0;
        slow.Answer = async (_, http) =>
        {
            var now = Interlocked.Increment(ref inFlight);
            InterlockedMax(ref most, now);
            await release.Task.WaitAsync(http.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
            Interlocked.Decrement(ref inFlight);
        };
        var (slowHook, _) = await CreateWebhookAsync(slow.Url());
        await CreateWebhookAsync(fast.Url());

        for (var i = 0; i < 8; i++)
        {
            await PublishAsync();
        }

        await fast.WaitForAsync(8);
        var slowWhileFastDone = Volatile.Read(ref most);
        release.SetResult();
        await LoggedAsync(slowHook, 8);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(slowWhileFastDone, Is.LessThanOrEqualTo(4), "at most MaxInFlightPerWebhook (4) to one receiver");
            Assert.That(Volatile.Read(ref most), Is.LessThanOrEqualTo(4));
        }
    }

    [Test]
    public async Task NoAnswerWithinTheTimeoutIsAFailedAttempt()
    {
        await using var receiver = await WebhookReceiver.StartNewAsync();
        receiver.Answer = (_, http) => Task.Delay(Timeout.Infinite, http.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
        var (webhook, _) = await CreateWebhookAsync(receiver.Url());
        await PublishAsync();

        await LoggedAsync(webhook, 1);
        var attempt = (await LogAsync(webhook)).Single();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(attempt.Status, Is.EqualTo("failed"));
            Assert.That(attempt.Response, Is.Null);
            Assert.That(attempt.Error, Does.Contain("2 s"));
            Assert.That(attempt.DurationMs, Is.GreaterThanOrEqualTo(1900));
        }
    }

    private HttpClient Authorized(string token)
    {
        var client = App.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return client;
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while (value > (seen = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
