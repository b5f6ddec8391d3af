using Cms.Api.Infrastructure.Paging;
using Cms.Api.Tests.Infrastructure;
using Cms.Api.Webhooks;

namespace Cms.Api.Tests.Webhooks;

/// <summary>SSRF (OWASP API7): with private targets not allowed (the default), a webhook cannot point inside the network, at save or at delivery.</summary>
public sealed class WebhookTargetTests : WriterTest
{
    [TestCase("http://127.0.0.1/hook")]
    [TestCase("http://10.1.2.3/hook")]
    [TestCase("http://172.16.0.1/hook")]
    [TestCase("http://192.168.1.1/hook")]
    [TestCase("http://169.254.169.254/latest/meta-data/")]
    [TestCase("http://0.0.0.0/hook")]
    [TestCase("http://[::1]/hook")]
    [TestCase("http://[fd00::1]/hook")]
    [TestCase("http://[::ffff:10.0.0.1]/hook")]
    [TestCase("http://localhost:8080/hook")]
    public async Task AnInternalTargetIsRefusedWhenSaved(string url)
    {
        using var response = await SendAsync(HttpMethod.Post, "/api/v1/webhooks", await SignInAsAdminAsync(),
            new { url, events = new[] { "article.published" } });

        await AssertProblemAsync(response, 400, "webhook_target_refused");
        Assert.That(await ScalarAsync<long>("SELECT count(*) FROM webhooks"), Is.Zero);
    }

    [Test]
    public async Task APublicAddressIsAcceptedAndChangingItToAnInternalOneIsRefused()
    {
        var admin = await SignInAsAdminAsync();
        using var created = await SendAsync(HttpMethod.Post, "/api/v1/webhooks", admin, new { url = "https://93.184.215.14/hook", events = new[] { "article.published" } });
        var webhook = (await ReadAsync<WebhookWithSecretResponse>(created)).Webhook;
        var patch = Request(HttpMethod.Patch, $"/api/v1/webhooks/{webhook.Id}", admin);
        patch.Content = new StringContent("""{"url":"http://169.254.169.254/"}""", System.Text.Encoding.UTF8, "application/merge-patch+json");

        using var patched = await Client.SendAsync(patch);

        Assert.That((int)created.StatusCode, Is.EqualTo(201));
        await AssertProblemAsync(patched, 400, "webhook_target_refused");
    }

    [Test]
    public async Task ANameThatResolvesInsideIsRefusedAtDeliveryToo()
    {
        // As if the name resolved outside when saved and to loopback now (DNS rebinding): the row is written directly.
        await using var receiver = await WebhookReceiver.StartNewAsync();
        var webhook = Guid.CreateVersion7();
        await ScalarAsync<object>("""
            INSERT INTO webhooks (id, url, events, description, enabled, secret, created_at, updated_at, version)
            VALUES ($1, $2, ARRAY['article.published'], NULL, true, $3, now(), now(), 1)
            """, webhook, receiver.Url(host: "localhost"), WebhookSignature.NewSecret());

        using var article = await SendAsync(HttpMethod.Post, "/api/v1/articles", Editor, ArticleBody(Author));
        await WebhookTest.LoggedAsync(ConnectionString, webhook, 1);
        using var log = await SendAsync(HttpMethod.Get, $"/api/v1/webhooks/{webhook}/deliveries", await SignInAsAdminAsync());
        var attempt = (await ReadAsync<PagedList<WebhookDeliveryResponse>>(log)).Items.Single();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(attempt.Status, Is.EqualTo("refused"));
            Assert.That(attempt.Error, Does.Contain("localhost"));
            Assert.That(receiver.Received, Is.Empty);
        }
    }
}
