using Cms.Api.Data.Entities;

namespace Cms.Api.Webhooks;

/// <summary>
/// A webhook, without its secret. disabledReason says why the service turned it off (the receiver answered 410); null
/// otherwise.
/// </summary>
public sealed record WebhookResponse(
    Guid Id, string Url, string[] Events, string? Description, bool Enabled, string? DisabledReason, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    int Version)
{
    public static WebhookResponse From(Webhook w) => new(w.Id, w.Url, w.Events, w.Description, w.Enabled, w.DisabledReason, w.CreatedAt, w.UpdatedAt, w.Version);
}

/// <summary>A webhook and its signing secret: answered when it is created and when the secret is rotated, never again.</summary>
public sealed record WebhookWithSecretResponse(WebhookResponse Webhook, string Secret);

/// <summary>An event queued for delivery (a ping, a redelivery): its id is the webhook-id header the receiver will see.</summary>
public sealed record QueuedEventResponse(Guid EventId);

/// <summary>What the receiver answered: its status code and the first KiB of its body.</summary>
public sealed record DeliveryAnswer(int StatusCode, string? Body);

/// <summary>
/// One delivery attempt. status: delivered (a 2xx within the timeout), failed (any other answer, none in time, no
/// connection) or refused (the target resolved to an address webhooks may not reach). response is null when there was
/// no answer; error says what went wrong.
/// </summary>
public sealed record WebhookDeliveryResponse(
    Guid Id, Guid EventId, string Type, int Attempt, string Status, int DurationMs, DateTimeOffset At, DeliveryAnswer? Response, string? Error);
