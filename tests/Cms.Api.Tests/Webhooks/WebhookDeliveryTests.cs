using Cms.Api.Tests.Infrastructure;
using Cms.Api.Webhooks;

namespace Cms.Api.Tests.Webhooks;

public sealed class WebhookDeliveryTests : WebhookTest
{
    [Test]
    public async Task APublishedArticleIsDeliveredSignedOnce()
    {
        await using var receiver = await WebhookReceiver.StartNewAsync();
        var (webhook, secret) = await CreateWebhookAsync(receiver.Url());

        var article = await PublishAsync(new { slug = "giao-ban" });
        var received = (await receiver.WaitForAsync(1)).Single();
        await LoggedAsync(webhook, 1);

        var deliveries = await GetOkAsync<Cms.Api.Infrastructure.Paging.PagedList<WebhookDeliveryResponse>>(
            AdminClient(), $"/api/v1/webhooks/{webhook}/deliveries");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Verifies(received, secret), Is.True, received.Signature);
            Assert.That(received.Type, Is.EqualTo("article.published"));
            Assert.That(received.Json["id"]!.GetValue<string>(), Is.EqualTo(received.Id));
            Assert.That(received.Article["id"]!.GetValue<string>(), Is.EqualTo(article.ToString()));
            Assert.That(received.Article["slug"]!.GetValue<string>(), Is.EqualTo("giao-ban"));
            Assert.That(received.Article["version"]!.GetValue<int>(), Is.EqualTo(1));
            Assert.That(received.Article["url"]!.GetValue<string>(), Is.EqualTo(CmsApp.SiteUrl + "/giao-ban"));
            Assert.That(deliveries.Items, Has.Count.EqualTo(1));
            Assert.That(deliveries.Items[0].Status, Is.EqualTo("delivered"));
            Assert.That(deliveries.Items[0].EventId.ToString(), Is.EqualTo(received.Id));
            Assert.That(deliveries.Items[0].Response?.StatusCode, Is.EqualTo(204));
        }
    }

    private HttpClient AdminClient()
    {
        var client = App.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", SignInAsAdminAsync().GetAwaiter().GetResult());
        return client;
    }
}
