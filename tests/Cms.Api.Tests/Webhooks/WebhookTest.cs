using Cms.Api.Tests.Infrastructure;
using Cms.Api.Webhooks;
using Npgsql;
using StandardWebhooks;

namespace Cms.Api.Tests.Webhooks;

/// <summary>
/// For webhook tests: receivers on 127.0.0.1 are allowed (Cms:Webhooks:AllowPrivateTargets), retries follow a short test
/// schedule (10 s, 20 s, 30 s) on the fake clock, and the delivery log can be waited for without polling.
/// </summary>
public abstract class WebhookTest : WriterTest
{
    protected static readonly string[] ArticleEvents =
        [WebhookEventTypes.Published, WebhookEventTypes.Updated, WebhookEventTypes.Unpublished, WebhookEventTypes.Deleted];

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Cms:Webhooks:AllowPrivateTargets"] = "true",
        ["Cms:Webhooks:RetryScheduleSeconds:0"] = "10",
        ["Cms:Webhooks:RetryScheduleSeconds:1"] = "20",
        ["Cms:Webhooks:RetryScheduleSeconds:2"] = "30",
    };

    protected async Task<(Guid Id, string Secret)> CreateWebhookAsync(string url, string[]? events = null, string? token = null)
    {
        token ??= await SignInAsAdminAsync();
        using var response = await SendAsync(HttpMethod.Post, "/api/v1/webhooks", token, new { url, events = events ?? ArticleEvents, description = "test" });
        Assert.That((int)response.StatusCode, Is.EqualTo(201), await response.Content.ReadAsStringAsync());
        var created = await ReadAsync<WebhookWithSecretResponse>(response);
        return (created.Webhook.Id, created.Secret);
    }

    /// <summary>Whether Standard Webhooks' own verifier accepts the request with this secret.</summary>
    protected static bool Verifies(ReceivedWebhook received, string secret)
    {
        try
        {
            new StandardWebhook(secret).Verify(received.Body, received.Headers);
            return true;
        }
        catch (StandardWebhooks.Diagnostics.WebhookVerificationException)
        {
            return false;
        }
    }

    /// <summary>
    /// Waits until no delivery is in flight, so the next test's reset does not race an attempt being recorded (the
    /// service NOTIFYs each batch it records).
    /// </summary>
    [TearDown]
    public async Task SettleDeliveriesAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using (var listen = new NpgsqlCommand("LISTEN cms_webhook_attempts", connection))
        {
            await listen.ExecuteNonQueryAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (await ScalarAsync<long>("SELECT count(*) FROM webhook_messages WHERE locked_until > now()") > 0)
        {
            await connection.WaitAsync(timeout.Token);
        }
    }

    protected Task<long> AttemptsAsync(Guid webhookId) => LoggedCountAsync(ConnectionString, webhookId);

    /// <summary>Waits until the delivery log holds <paramref name="count"/> attempts for the webhook (the service NOTIFYs each batch it records).</summary>
    protected Task LoggedAsync(Guid webhookId, int count) => LoggedAsync(ConnectionString, webhookId, count);

    protected internal static async Task LoggedAsync(string connectionString, Guid webhookId, int count, int seconds = 30)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var listen = new NpgsqlCommand("LISTEN cms_webhook_attempts", connection))
        {
            await listen.ExecuteNonQueryAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        while (await LoggedCountAsync(connectionString, webhookId) < count)
        {
            try
            {
                await connection.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"The delivery log has {await LoggedCountAsync(connectionString, webhookId)} of {count} attempts after {seconds} s.");
            }
        }
    }

    private static async Task<long> LoggedCountAsync(string connectionString, Guid webhookId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM webhook_attempts WHERE webhook_id = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = webhookId });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    protected async Task<Guid> PublishAsync(object? changes = null)
    {
        using var response = await SendAsync(HttpMethod.Post, "/api/v1/articles", Editor, ArticleBody(Author, changes));
        Assert.That((int)response.StatusCode, Is.EqualTo(201), await response.Content.ReadAsStringAsync());
        return (await ReadAsync<Cms.Api.Articles.ArticleResponse>(response)).Id;
    }
}
