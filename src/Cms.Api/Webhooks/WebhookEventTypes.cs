using System.Text.Json;
using Cms.Api.Data.Entities;

namespace Cms.Api.Webhooks;

/// <summary>The events a webhook can subscribe to, and the outbox rows that report them.</summary>
public static class WebhookEventTypes
{
    public const string Published = "article.published";
    public const string Updated = "article.updated";
    public const string Unpublished = "article.unpublished";
    public const string Deleted = "article.deleted";
    public const string Ping = "ping";

    /// <summary>What a webhook may list in <c>events</c> (a ping is always delivered, listed or not).</summary>
    public static readonly string[] All = [Published, Updated, Unpublished, Deleted, Ping];

    /// <summary>An article event: <c>data</c> is the article's id, slug, version and title (its url is added at delivery), and why it left readers' view.</summary>
    public static WebhookEvent ForArticle(string type, DateTimeOffset at, Guid id, string slug, int version, string title, string? reason = null) => new()
    {
        Id = Guid.CreateVersion7(at),
        Type = type,
        OccurredAt = at,
        ArticleId = id,
        Data = JsonSerializer.Serialize(new ArticleData(new ArticleSummary(id, slug, version, title), reason), DataJson),
    };

    public static WebhookEvent ForPing(Guid webhookId, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(at),
        Type = Ping,
        OccurredAt = at,
        WebhookId = webhookId,
        Data = JsonSerializer.Serialize(new PingData(new PingWebhook(webhookId)), DataJson),
    };

    private static readonly JsonSerializerOptions DataJson = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    private sealed record ArticleSummary(Guid Id, string Slug, int Version, string Title);

    private sealed record ArticleData(ArticleSummary Article, string? Reason);

    private sealed record PingWebhook(Guid Id);

    private sealed record PingData(PingWebhook Webhook);
}
