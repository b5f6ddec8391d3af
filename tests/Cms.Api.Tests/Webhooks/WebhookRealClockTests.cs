namespace Cms.Api.Tests.Webhooks;

/// <summary>The service on Kestrel with the real clock: a publishAt a few seconds away arrives by itself.</summary>
public sealed class WebhookRealClockTests : WebhookTest
{
    protected override bool OnKestrel => true;

    [Test]
    public async Task AScheduledArticleIsPublishedWhenTheRealClockReachesItsTime()
    {
        await using var receiver = await WebhookReceiver.StartNewAsync();
        var (_, secret) = await CreateWebhookAsync(receiver.Url());
        var publishAt = DateTimeOffset.UtcNow.AddSeconds(3);
        publishAt = publishAt.AddTicks(-(publishAt.Ticks % TimeSpan.TicksPerSecond));
        var id = await PublishAsync(new { publishAt });

        var received = (await receiver.WaitForAsync(1, seconds: 30)).Single();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(received.Type, Is.EqualTo("article.published"));
            Assert.That(received.Article["id"]!.GetValue<string>(), Is.EqualTo(id.ToString()));
            Assert.That(received.Json["occurredAt"]!.GetValue<DateTimeOffset>(), Is.EqualTo(publishAt));
            Assert.That(DateTimeOffset.UtcNow, Is.GreaterThanOrEqualTo(publishAt));
            Assert.That(Verifies(received, secret), Is.True);
        }
    }
}
