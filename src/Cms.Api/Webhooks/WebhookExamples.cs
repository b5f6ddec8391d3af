namespace Cms.Api.Webhooks;

/// <summary>The OpenAPI document's examples: the static site's rebuild hook.</summary>
internal static class WebhookExamples
{
    private static readonly Guid Id = Guid.Parse("018f1c2e-9a00-7d10-8b20-3c4d5e6f7a01");
    private static readonly Guid EventId = Guid.Parse("018f1c2f-1e00-7a40-9c50-6d7e8f9a0b01");
    private static readonly DateTimeOffset Created = new(2017, 10, 10, 6, 0, 0, TimeSpan.Zero);

    public static readonly WebhookRequest Request = new("https://build.baolaichau.vn/hooks/cms",
        [WebhookEventTypes.Published, WebhookEventTypes.Updated, WebhookEventTypes.Unpublished, WebhookEventTypes.Deleted],
        "Rebuilds the static site", Enabled: true);

    public static readonly object MergePatch = new { enabled = false };

    public static readonly WebhookResponse Response = new(Id, Request.Url!, Request.Events!, Request.Description, true, null, Created, Created, 1);

    public static readonly WebhookWithSecretResponse Created201 = new(Response, "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw5N2d2uFs2ZA=");

    public static readonly Infrastructure.Paging.PagedList<WebhookResponse> List = new([Response], 1, 20, 1, null);

    public static readonly QueuedEventResponse Queued = new(EventId);

    public static readonly Infrastructure.Paging.PagedList<WebhookDeliveryResponse> Deliveries = new(
    [
        new(Guid.Parse("018f1c2f-1e40-7b00-8c00-000000000002"), EventId, WebhookEventTypes.Published, 2, "delivered", 84,
            new DateTimeOffset(2017, 10, 10, 7, 0, 6, TimeSpan.Zero), new DeliveryAnswer(204, null), null),
        new(Guid.Parse("018f1c2f-1e00-7b00-8c00-000000000001"), EventId, WebhookEventTypes.Published, 1, "failed", 15000,
            new DateTimeOffset(2017, 10, 10, 7, 0, 1, TimeSpan.Zero), null, "No answer within 15 s."),
    ], 1, 20, 2, null);
}
