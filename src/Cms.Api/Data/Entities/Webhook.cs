namespace Cms.Api.Data.Entities;

/// <summary>A receiver told about content events: where, which events, and the secret its deliveries are signed with.</summary>
public sealed class Webhook
{
    public Guid Id { get; set; }

    public required string Url { get; set; }

    public string[] Events { get; set; } = [];

    public string? Description { get; set; }

    public bool Enabled { get; set; }

    /// <summary>
    /// The Standard Webhooks secret (<c>whsec_</c> + base64). Kept as is, not hashed: every delivery is signed with it.
    /// </summary>
    public required string Secret { get; set; }

    /// <summary>Why the service disabled it (a 410 from the receiver); null when enabled or disabled by an admin.</summary>
    public string? DisabledReason { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public int Version { get; set; }
}

/// <summary>
/// The outbox: one row per event, written in the transaction of the change it reports. A trigger
/// (Data/Sql/webhooks.sql) adds a <see cref="WebhookMessage"/> for each subscribed webhook in the same transaction.
/// </summary>
public sealed class WebhookEvent
{
    /// <summary>Also the <c>webhook-id</c> header: the same on every attempt, so receivers can de-duplicate.</summary>
    public Guid Id { get; set; }

    public required string Type { get; set; }

    public DateTimeOffset OccurredAt { get; set; }

    public Guid? ArticleId { get; set; }

    /// <summary>A ping's one webhook; null for content events, which go to every subscribed webhook.</summary>
    public Guid? WebhookId { get; set; }

    /// <summary>The payload's <c>data</c>, JSON (the article's id, slug, version and title; its url is added at delivery).</summary>
    public required string Data { get; set; }
}

/// <summary>One event for one webhook: delivered, failed for good, or pending with its next attempt's time.</summary>
public sealed class WebhookMessage
{
    public Guid Id { get; set; }

    public Guid WebhookId { get; set; }

    public Guid EventId { get; set; }

    public WebhookEvent Event { get; set; } = null!;

    /// <summary>pending, delivered or failed (no attempt left).</summary>
    public required string State { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }

    /// <summary>A worker's claim, on the database's clock: until then no other worker takes it; a crashed worker's claim runs out.</summary>
    public DateTimeOffset? LockedUntil { get; set; }

    public Guid? LockedBy { get; set; }
}

/// <summary>The delivery log: one row per attempt.</summary>
public sealed class WebhookAttempt
{
    public Guid Id { get; set; }

    public Guid MessageId { get; set; }

    public Guid WebhookId { get; set; }

    public Guid EventId { get; set; }

    public required string Type { get; set; }

    public int Attempt { get; set; }

    /// <summary>delivered, failed or refused (the target resolved to an address that is not allowed).</summary>
    public required string Status { get; set; }

    public int? StatusCode { get; set; }

    public int DurationMs { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>The first KiB of the receiver's answer.</summary>
    public string? ResponseBody { get; set; }

    public string? Error { get; set; }
}

/// <summary>How far the scheduled-visibility scan has looked (one row): a publishAt or expiresAt up to here has its event.</summary>
public sealed class WebhookSchedule
{
    public int Id { get; set; }

    /// <summary>Null: never scanned (every past moment is still to look at).</summary>
    public DateTimeOffset? ScannedUntil { get; set; }
}
