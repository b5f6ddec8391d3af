using Cms.Api.Articles;
using Cms.Api.Tests.Infrastructure;
using Cms.Api.Webhooks;

namespace Cms.Api.Tests.Webhooks;

/// <summary>Two instances of one deployment writing and delivering side by side: one receiver gets every event exactly once.</summary>
public sealed class WebhookInstanceTests
{
    [Test]
    public async Task TwoInstancesDeliverEveryEventExactlyOnce()
    {
        await using var pair = await InstancePair.StartAsync(new Dictionary<string, string?> { ["Cms:Webhooks:AllowPrivateTargets"] = "true" });
        await using var receiver = await WebhookReceiver.StartNewAsync();
        // The template database's scan mark is the real clock's (the migration's now()); this deployment's clock is a test's.
        await ExecuteAsync(pair.ConnectionString, "UPDATE webhook_schedules SET scanned_until = NULL");
        var (token, author) = await pair.WriterAsync();
        using var created = await pair.ClientA.SendAsync(ApiTest.Request(HttpMethod.Post, "/api/v1/webhooks", token,
            new { url = receiver.Url(), events = new[] { "article.published", "article.updated", "article.unpublished", "article.deleted" } }));
        var (webhook, secret) = await ApiTest.ReadAsync<WebhookWithSecretResponse>(created) is var w ? (w.Webhook.Id, w.Secret) : default;

        var articles = new List<ArticleResponse>();
        for (var i = 0; i < 6; i++)
        {
            articles.Add(await pair.PublishAsync(i % 2 == 0 ? pair.ClientA : pair.ClientB, token, author, $"tin-{i}"));
        }

        foreach (var article in articles.Take(2))
        {
            using var edited = await pair.ClientB.SendAsync(ApiTest.Request(HttpMethod.Put, $"/api/v1/articles/{article.Id}", token,
                ContentTest.ArticleBody(author, new { slug = article.Slug, title = "Sửa " + article.Slug, publishAt = article.PublishAt })));
            Assert.That((int)edited.StatusCode, Is.EqualTo(200), await edited.Content.ReadAsStringAsync());
        }

        using (var deleted = await pair.ClientA.SendAsync(ApiTest.Request(HttpMethod.Delete, $"/api/v1/articles/{articles[5].Id}", token)))
        {
            Assert.That((int)deleted.StatusCode, Is.EqualTo(204));
        }

        var publishAt = pair.Clock.GetUtcNow().AddHours(1);
        await pair.PublishAsync(pair.ClientA, token, author, "hen-gio-a", changes: new { publishAt });
        await pair.PublishAsync(pair.ClientB, token, author, "hen-gio-b", changes: new { publishAt });
        pair.Clock.Advance(TimeSpan.FromHours(1));

        // 6 published by saves, 2 updated, 1 deleted, 2 published by time.
        var received = await receiver.WaitForAsync(11);
        await WebhookTest.LoggedAsync(pair.ConnectionString, webhook, 11);
        var delivered = await CountAsync(pair.ConnectionString, "SELECT count(*) FROM webhook_messages WHERE state = 'delivered' AND attempts = 1");
        var attempts = await CountAsync(pair.ConnectionString, "SELECT count(*) FROM webhook_attempts");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(received, Has.Count.EqualTo(11));
            Assert.That(received.Select(r => r.Id).Distinct().Count(), Is.EqualTo(11), "no webhook-id twice");
            Assert.That(received.GroupBy(r => r.Type).ToDictionary(g => g.Key, g => g.Count()), Is.EquivalentTo(new Dictionary<string, int>
            {
                ["article.published"] = 8, ["article.updated"] = 2, ["article.deleted"] = 1,
            }));
            Assert.That(received.All(r => new StandardWebhooks.StandardWebhook(secret) is var check && Verified(check, r)), Is.True);
            Assert.That(delivered, Is.EqualTo(11));
            Assert.That(attempts, Is.EqualTo(11));
        }
    }

    private static bool Verified(StandardWebhooks.StandardWebhook check, ReceivedWebhook received)
    {
        check.Verify(received.Body, received.Headers);
        return true;
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> CountAsync(string connectionString, string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
