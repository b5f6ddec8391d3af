using Microsoft.AspNetCore.Http;
using Cms.Api.Tests.Infrastructure;

namespace Cms.Api.Tests.Webhooks;

/// <summary>The metrics show the delivery queue: how many deliveries are due and how long the oldest has waited.</summary>
// Alone: a metrics pipeline listens to every meter named "Cms" in the process, so another fixture's service running
// beside it would add its counts and gauges to this one's scrape.
[NonParallelizable]
public sealed class WebhookQueueMetricsTests : WebhookTest
{
    // A receiver that never answers holds its deliveries in flight: the timeout is far beyond the test, on the real clock.
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["Cms:Metrics:Enabled"] = "true",
        ["Cms:Webhooks:TimeoutSeconds"] = "300",
        ["Cms:Webhooks:LeaseSeconds"] = "600",
    };

    [Test]
    public async Task QueueDepthAndAgeRiseWhileTheReceiverNeverAnswersAndFallOnceItDoes()
    {
        var answer = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var receiver = await WebhookReceiver.StartNewAsync();
        receiver.Answer = async (_, http) =>
        {
            await answer.Task;
            http.Response.StatusCode = StatusCodes.Status204NoContent;
        };
        var admin = await SignInAsAdminAsync();
        var (webhook, _) = await CreateWebhookAsync(receiver.Url(), token: admin);
        var empty = await PrometheusText.ScrapeAsync(Client);

        for (var i = 0; i < 3; i++)
        {
            using var ping = await SendAsync(HttpMethod.Post, $"/api/v1/webhooks/{webhook}/ping", admin);
            Assert.That((int)ping.StatusCode, Is.EqualTo(202), await ping.Content.ReadAsStringAsync());
        }

        await receiver.WaitForAsync(1);
        // Past the gauges' five seconds between readings, and the age the oldest delivery has waited.
        App.Clock.Advance(TimeSpan.FromSeconds(30));
        var stuck = await PrometheusText.ScrapeAsync(Client);
        answer.SetResult();
        await LoggedAsync(webhook, 3);
        App.Clock.Advance(TimeSpan.FromSeconds(6));
        var drained = await PrometheusText.ScrapeAsync(Client);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(PrometheusText.Value(empty, "cms_webhook_queue_depth", "state=\"due\""), Is.Zero);
            Assert.That(PrometheusText.Value(empty, "cms_webhook_queue_age_seconds"), Is.Zero);
            Assert.That(PrometheusText.Value(stuck, "cms_webhook_queue_depth", "state=\"due\""), Is.EqualTo(3), "three pings, none answered");
            Assert.That(PrometheusText.Value(stuck, "cms_webhook_queue_depth", "state=\"waiting\""), Is.Zero, "no retry scheduled");
            Assert.That(PrometheusText.Value(stuck, "cms_webhook_queue_age_seconds"), Is.EqualTo(30), "due since the clock moved");
            Assert.That(PrometheusText.Value(drained, "cms_webhook_queue_depth", "state=\"due\""), Is.Zero, "all delivered");
            Assert.That(PrometheusText.Value(drained, "cms_webhook_queue_age_seconds"), Is.Zero);
        }
    }
}
