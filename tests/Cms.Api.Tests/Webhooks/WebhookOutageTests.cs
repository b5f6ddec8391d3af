using Cms.Api.Infrastructure.Paging;
using Cms.Api.Webhooks;

namespace Cms.Api.Tests.Webhooks;

/// <summary>The finish line: a receiver down for an hour still gets every event, signed, once, with the log to prove it.</summary>
public sealed class WebhookOutageTests : WebhookTest
{
    // The contract's schedule (5 s, 5 min, 30 min, 2 h, ...), not the other fixtures' short one.
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Cms:Webhooks:AllowPrivateTargets"] = "true" };

    [Test]
    public async Task AReceiverDownForAnHourGetsEveryEventSignedOnceWithTheLogToProveIt()
    {
        await using var receiver = await WebhookReceiver.StartNewAsync(listening: false);
        var admin = await SignInAsAdminAsync();
        var (webhook, secret) = await CreateWebhookAsync(receiver.Url(), token: admin);
        var first = await PublishAsync();
        await PublishAsync();
        var third = await PublishAsync();
        using (var edit = await SendAsync(HttpMethod.Put, $"/api/v1/articles/{first}", Editor, ArticleBody(Author, new { title = "Cập nhật" })))
        {
            Assert.That((int)edit.StatusCode, Is.EqualTo(200));
        }

        using (var delete = await SendAsync(HttpMethod.Delete, $"/api/v1/articles/{third}", Editor))
        {
            Assert.That((int)delete.StatusCode, Is.EqualTo(204));
        }

        // Down: the attempts at 0, 5 s, 5 min 5 s and 35 min 5 s all fail, five events each.
        await LoggedAsync(webhook, 5);
        foreach (var (wait, logged) in new[] { (TimeSpan.FromSeconds(5), 10), (TimeSpan.FromMinutes(5), 15), (TimeSpan.FromMinutes(30), 20) })
        {
            App.Clock.Advance(wait);
            await LoggedAsync(webhook, logged);
        }

        // Up again an hour after the first event; the next attempt (2 h later) delivers them all.
        App.Clock.Advance(TimeSpan.FromMinutes(25));
        await receiver.StartAsync();
        App.Clock.Advance(TimeSpan.FromHours(2));
        var received = await receiver.WaitForAsync(5);
        await LoggedAsync(webhook, 25);
        // Signed in again: hours have passed on the service's clock.
        using var logResponse = await SendAsync(HttpMethod.Get, $"/api/v1/webhooks/{webhook}/deliveries?pageSize=100", await SignInAsAdminAsync());
        var log = (await ReadAsync<PagedList<WebhookDeliveryResponse>>(logResponse)).Items;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(received, Has.Count.EqualTo(5));
            Assert.That(received.Select(r => r.Id).Distinct().Count(), Is.EqualTo(5));
            Assert.That(received.All(r => Verifies(r, secret)), Is.True);
            Assert.That(received.Select(r => r.Type).Order(),
                Is.EqualTo(new[] { "article.deleted", "article.published", "article.published", "article.published", "article.updated" }));
            Assert.That(log.GroupBy(d => d.EventId).Select(g => string.Join(",", g.OrderBy(d => d.Attempt).Select(d => d.Status))).Distinct(),
                Is.EqualTo(new[] { "failed,failed,failed,failed,delivered" }));
            Assert.That(log.Where(d => d.Status == "delivered").Select(d => d.EventId.ToString()), Is.EquivalentTo(received.Select(r => r.Id)));
        }
    }
}
