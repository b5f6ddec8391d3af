using Cms.Api.Infrastructure.Paging;
using Cms.Api.Webhooks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Cms.Api.Tests.Webhooks;

/// <summary>The delivery log keeps <c>KeepDeliveryLogDays</c>; an event still waiting for a receiver is never purged.</summary>
public sealed class WebhookRetentionTests : WebhookTest
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["Cms:Webhooks:KeepDeliveryLogDays"] = "30",
        // The service's own timer would purge when the clock moves: these tests call the purge themselves.
        ["Cms:Webhooks:PurgeIntervalMinutes"] = "57600",
        ["Cms:Sessions:IdleTimeoutSeconds"] = "8640000",
        ["Cms:Sessions:AbsoluteTimeoutSeconds"] = "8640000",
    };

    private Task<int?> PurgeAsync() => App.Services.GetRequiredService<WebhookPurger>().PurgeAsync(CancellationToken.None);

    private async Task<List<Guid>> LoggedEventsAsync(Guid webhook, string admin)
    {
        using var response = await SendAsync(HttpMethod.Get, $"/api/v1/webhooks/{webhook}/deliveries", admin);
        return [.. (await ReadAsync<PagedList<WebhookDeliveryResponse>>(response)).Items.Select(d => d.EventId)];
    }

    [Test]
    public async Task EventsPastTheirDaysGoWithTheirDeliveriesUnlessStillWaiting()
    {
        await using var up = await WebhookReceiver.StartNewAsync();
        await using var gone = await WebhookReceiver.StartNewAsync();
        gone.Answer = (_, http) =>
        {
            http.Response.StatusCode = StatusCodes.Status410Gone;
            return Task.CompletedTask;
        };
        var admin = await SignInAsAdminAsync();
        var (delivered, _) = await CreateWebhookAsync(up.Url(), token: admin);
        var (waiting, _) = await CreateWebhookAsync(gone.Url(), token: admin);

        // The first event: delivered to one webhook, waiting for the other (its 410 disabled it).
        await PublishAsync();
        await LoggedAsync(delivered, 1);
        await LoggedAsync(waiting, 1);
        // The second: only the enabled webhook's, delivered.
        await PublishAsync();
        await LoggedAsync(delivered, 2);
        App.Clock.Advance(TimeSpan.FromDays(29));
        await PublishAsync();
        var sent = (await up.WaitForAsync(3)).Select(r => Guid.Parse(r.Id)).ToList();
        await LoggedAsync(delivered, 3);

        var after29Days = await PurgeAsync();
        App.Clock.Advance(TimeSpan.FromDays(2));
        var after31Days = await PurgeAsync();
        var kept = await LoggedEventsAsync(delivered, admin);

        gone.Answer = (_, http) =>
        {
            http.Response.StatusCode = StatusCodes.Status204NoContent;
            return Task.CompletedTask;
        };
        var enable = Request(HttpMethod.Patch, $"/api/v1/webhooks/{waiting}", admin);
        enable.Content = new StringContent("""{"enabled":true}""", System.Text.Encoding.UTF8, "application/merge-patch+json");
        using (var enabled = await Client.SendAsync(enable))
        {
            Assert.That((int)enabled.StatusCode, Is.EqualTo(200), await enabled.Content.ReadAsStringAsync());
        }

        App.Clock.Advance(TimeSpan.FromSeconds(10));
        var late = await gone.WaitForAsync(2);
        await LoggedAsync(waiting, 2);
        var afterDelivery = await PurgeAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(after29Days, Is.Zero, "29 days: every event kept");
            Assert.That(after31Days, Is.EqualTo(1), "31 days: the delivered event goes, the waiting one stays");
            Assert.That(kept, Is.EqualTo(new[] { sent[2], sent[0] }), "newest first: the third event, and the first (still waiting elsewhere)");
            Assert.That(Guid.Parse(late[1].Id), Is.EqualTo(sent[0]), "the waiting event, still delivered once its webhook is back");
            Assert.That(afterDelivery, Is.EqualTo(1), "delivered at last, the first event goes too");
            Assert.That(await LoggedEventsAsync(delivered, admin), Is.EqualTo(new[] { sent[2] }));
            Assert.That(await LoggedEventsAsync(waiting, admin), Is.Empty);
        }
    }

    [Test]
    public async Task OneInstancePurgesWhileAnotherHoldsTheLock()
    {
        await using var connection = new Npgsql.NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var claim = new Npgsql.NpgsqlCommand("SELECT pg_advisory_xact_lock(7164509538906829415)", connection, transaction))
        {
            await claim.ExecuteScalarAsync();
        }

        Assert.That(await PurgeAsync(), Is.Null, "another instance is purging: this one skips its turn");
        await transaction.RollbackAsync();
        Assert.That(await PurgeAsync(), Is.Zero);
    }
}
