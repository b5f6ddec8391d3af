using System.Net.Http.Headers;
using System.Text;
using Cms.Api.Infrastructure.Paging;
using Cms.Api.Webhooks;

namespace Cms.Api.Tests.Webhooks;

/// <summary>Managing webhooks: who may, what is checked, secrets shown once, ETags, pings, and the signature a receiver checks.</summary>
public sealed class WebhookApiTests : WebhookTest
{
    [Test]
    public async Task OnlyAnAdminManagesWebhooks()
    {
        using var editor = await SendAsync(HttpMethod.Post, "/api/v1/webhooks", Editor, new { url = "https://example.com/hook", events = ArticleEvents });
        using var anonymous = await SendAsync(HttpMethod.Get, "/api/v1/webhooks");

        await AssertProblemAsync(editor, 403, "forbidden");
        await AssertProblemAsync(anonymous, 401, "unauthenticated");
    }

    [TestCase("ftp://example.com/hook")]
    [TestCase("/relative")]
    [TestCase("https://example.com/hook#fragment")]
    public async Task ANonHttpUrlIsRefused(string url)
    {
        using var response = await SendAsync(HttpMethod.Post, "/api/v1/webhooks", await SignInAsAdminAsync(), new { url, events = ArticleEvents });

        var problem = await AssertProblemAsync(response, 400, "validation_failed");
        Assert.That(problem["errors"]!["url"], Is.Not.Null);
    }

    [Test]
    public async Task UnknownOrNoEventsAreRefused()
    {
        var admin = await SignInAsAdminAsync();
        using var unknown = await SendAsync(HttpMethod.Post, "/api/v1/webhooks", admin, new { url = "https://example.com/h", events = new[] { "article.viewed" } });
        using var none = await SendAsync(HttpMethod.Post, "/api/v1/webhooks", admin, new { url = "https://example.com/h", events = Array.Empty<string>() });

        await AssertProblemAsync(unknown, 400, "validation_failed");
        await AssertProblemAsync(none, 400, "validation_failed");
    }

    [Test]
    public async Task TheSecretIsShownOnceAndReadsNeverShowIt()
    {
        var admin = await SignInAsAdminAsync();
        var (id, secret) = await CreateWebhookAsync("http://127.0.0.1:9/hook", token: admin);

        using var one = await SendAsync(HttpMethod.Get, $"/api/v1/webhooks/{id}", admin);
        using var list = await SendAsync(HttpMethod.Get, "/api/v1/webhooks", admin);
        var listed = await ReadAsync<PagedList<WebhookResponse>>(list);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(secret, Does.StartWith("whsec_"));
            Assert.That(Convert.FromBase64String(secret["whsec_".Length..]), Has.Length.EqualTo(32));
            Assert.That(await one.Content.ReadAsStringAsync(), Does.Not.Contain(secret["whsec_".Length..]));
            Assert.That(one.Headers.ETag?.Tag, Is.EqualTo("\"1\""));
            Assert.That(listed.Items.Select(w => w.Id), Is.EqualTo(new[] { id }));
            Assert.That(listed.Total, Is.EqualTo(1));
        }
    }

    [Test]
    public async Task PutNeedsEveryPropertyAndIfMatchGuardsIt()
    {
        var admin = await SignInAsAdminAsync();
        var (id, _) = await CreateWebhookAsync("http://127.0.0.1:9/hook", token: admin);

        using var partial = await SendAsync(HttpMethod.Put, $"/api/v1/webhooks/{id}", admin, new { url = "http://127.0.0.1:9/other" });
        var stale = Request(HttpMethod.Put, $"/api/v1/webhooks/{id}", admin,
            new { url = "http://127.0.0.1:9/other", events = ArticleEvents, description = (string?)null, enabled = true });
        stale.Headers.IfMatch.Add(new EntityTagHeaderValue("\"7\""));
        using var staleResponse = await Client.SendAsync(stale);
        using var whole = await SendAsync(HttpMethod.Put, $"/api/v1/webhooks/{id}", admin,
            new { url = "http://127.0.0.1:9/other", events = new[] { "article.deleted" }, description = (string?)null, enabled = false });
        var replaced = await ReadAsync<WebhookResponse>(whole);

        var problem = await AssertProblemAsync(partial, 400, "validation_failed");
        await AssertProblemAsync(staleResponse, 412, "version_mismatch");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(problem["errors"]!.AsObject().Select(e => e.Key), Is.EquivalentTo(new[] { "events", "description", "enabled" }));
            Assert.That(replaced.Url, Is.EqualTo("http://127.0.0.1:9/other"));
            Assert.That(replaced.Events, Is.EqualTo(new[] { "article.deleted" }));
            Assert.That(replaced.Enabled, Is.False);
            Assert.That(replaced.Version, Is.EqualTo(2));
        }
    }

    [Test]
    public async Task PatchChangesOnlyWhatItSends()
    {
        var admin = await SignInAsAdminAsync();
        var (id, _) = await CreateWebhookAsync("http://127.0.0.1:9/hook", token: admin);
        var patch = Request(HttpMethod.Patch, $"/api/v1/webhooks/{id}", admin);
        patch.Content = new StringContent("""{"enabled":false}""", Encoding.UTF8, "application/merge-patch+json");

        using var response = await Client.SendAsync(patch);
        var patched = await ReadAsync<WebhookResponse>(response);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(patched.Enabled, Is.False);
            Assert.That(patched.Url, Is.EqualTo("http://127.0.0.1:9/hook"));
            Assert.That(patched.Events, Is.EqualTo(ArticleEvents));
            Assert.That(patched.Description, Is.EqualTo("test"));
        }
    }

    [Test]
    public async Task DeletingAWebhookTakesItsLogWithIt()
    {
        var admin = await SignInAsAdminAsync();
        await using var receiver = await WebhookReceiver.StartNewAsync();
        var (id, _) = await CreateWebhookAsync(receiver.Url(), token: admin);
        await PublishAsync();
        await LoggedAsync(id, 1);

        using var deleted = await SendAsync(HttpMethod.Delete, $"/api/v1/webhooks/{id}", admin);
        using var gone = await SendAsync(HttpMethod.Get, $"/api/v1/webhooks/{id}", admin);

        using (Assert.EnterMultipleScope())
        {
            Assert.That((int)deleted.StatusCode, Is.EqualTo(204));
            Assert.That((int)gone.StatusCode, Is.EqualTo(404));
            Assert.That(await AttemptsAsync(id), Is.Zero);
        }
    }

    [Test]
    public async Task APingReachesADisabledWebhookSignedAndIsLogged()
    {
        var admin = await SignInAsAdminAsync();
        await using var receiver = await WebhookReceiver.StartNewAsync();
        using var created = await SendAsync(HttpMethod.Post, "/api/v1/webhooks", admin, new { url = receiver.Url(), events = ArticleEvents, enabled = false });
        var (webhook, secret) = (await ReadAsync<WebhookWithSecretResponse>(created)) is var c ? (c.Webhook.Id, c.Secret) : default;

        using var ping = await SendAsync(HttpMethod.Post, $"/api/v1/webhooks/{webhook}/ping", admin);
        var queued = await ReadAsync<QueuedEventResponse>(ping);
        var received = (await receiver.WaitForAsync(1))[0];
        await LoggedAsync(webhook, 1);

        using (Assert.EnterMultipleScope())
        {
            Assert.That((int)ping.StatusCode, Is.EqualTo(202));
            Assert.That(received.Type, Is.EqualTo("ping"));
            Assert.That(received.Id, Is.EqualTo(queued.EventId.ToString()));
            Assert.That(Verifies(received, secret), Is.True);
        }
    }

    [Test]
    public async Task ATamperedBodyOrAnOldTimestampFailsTheReceiversCheck()
    {
        await using var receiver = await WebhookReceiver.StartNewAsync();
        var (_, secret) = await CreateWebhookAsync(receiver.Url());
        await PublishAsync();
        var received = (await receiver.WaitForAsync(1))[0];

        var tampered = received with { Body = received.Body.Replace("article.published", "article.deleted", StringComparison.Ordinal) };
        var oldHeaders = new Microsoft.AspNetCore.Http.HeaderDictionary(received.Headers.ToDictionary(h => h.Key, h => h.Value));
        var old = DateTimeOffset.UtcNow.AddMinutes(-10).ToUnixTimeSeconds();
        oldHeaders["webhook-timestamp"] = old.ToString(System.Globalization.CultureInfo.InvariantCulture);
        oldHeaders["webhook-signature"] = WebhookSignature.Sign(secret, received.Id, old, Encoding.UTF8.GetBytes(received.Body));
        var replayed = received with { Headers = oldHeaders };

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Verifies(received, secret), Is.True);
            Assert.That(Verifies(tampered, secret), Is.False, "a changed body");
            Assert.That(Verifies(replayed, secret), Is.False, "a correctly signed but ten-minute-old timestamp");
            Assert.That(Verifies(received, WebhookSignature.NewSecret()), Is.False, "another secret");
        }
    }

    [Test]
    public async Task ARotatedSecretSignsWhatIsSentAfterIt()
    {
        var admin = await SignInAsAdminAsync();
        await using var receiver = await WebhookReceiver.StartNewAsync();
        var (id, old) = await CreateWebhookAsync(receiver.Url(), token: admin);

        using var rotated = await SendAsync(HttpMethod.Post, $"/api/v1/webhooks/{id}/rotate-secret", admin);
        var fresh = await ReadAsync<WebhookWithSecretResponse>(rotated);
        await PublishAsync();
        var received = (await receiver.WaitForAsync(1))[0];

        using (Assert.EnterMultipleScope())
        {
            Assert.That(fresh.Secret, Is.Not.EqualTo(old));
            Assert.That(fresh.Webhook.Version, Is.EqualTo(2));
            Assert.That(Verifies(received, fresh.Secret), Is.True);
            Assert.That(Verifies(received, old), Is.False);
        }
    }

    [Test]
    public async Task ADeliveryCanBeSentAgainFromTheLogWithTheSameId()
    {
        var admin = await SignInAsAdminAsync();
        await using var receiver = await WebhookReceiver.StartNewAsync();
        var (id, _) = await CreateWebhookAsync(receiver.Url(), token: admin);
        await PublishAsync();
        await LoggedAsync(id, 1);
        using var log = await SendAsync(HttpMethod.Get, $"/api/v1/webhooks/{id}/deliveries", admin);
        var first = (await ReadAsync<PagedList<WebhookDeliveryResponse>>(log)).Items.Single();

        using var redeliver = await SendAsync(HttpMethod.Post, $"/api/v1/webhooks/{id}/deliveries/{first.Id}/redeliver", admin);
        var received = await receiver.WaitForAsync(2);
        await LoggedAsync(id, 2);
        using var after = await SendAsync(HttpMethod.Get, $"/api/v1/webhooks/{id}/deliveries?pageSize=1", admin);
        var newest = await ReadAsync<PagedList<WebhookDeliveryResponse>>(after);

        using (Assert.EnterMultipleScope())
        {
            Assert.That((int)redeliver.StatusCode, Is.EqualTo(202));
            Assert.That(received[1].Id, Is.EqualTo(received[0].Id));
            Assert.That(newest.Items.Single().Attempt, Is.EqualTo(2));
            Assert.That(newest.Items.Single().Status, Is.EqualTo("delivered"));
            Assert.That(newest.Total, Is.EqualTo(2));
            Assert.That(newest.NextCursor, Is.Not.Null);
        }
    }
}
