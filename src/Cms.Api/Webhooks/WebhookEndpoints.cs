using Cms.Api.Infrastructure.OpenApi;
using Cms.Api.Infrastructure.Validation;
using Cms.Api.Sessions;
using static Cms.Api.Infrastructure.OpenApi.WriteDescriptions;

namespace Cms.Api.Webhooks;

internal static class WebhookEndpoints
{
    private const string Refusal = " A URL whose host resolves to a loopback, private or link-local address is 400 webhook_target_refused " +
        "(checked again before every delivery), unless the service allows private targets.";

    public static IEndpointRouteBuilder MapWebhookEndpoints(this IEndpointRouteBuilder api)
    {
        var webhooks = api.MapGroup("/webhooks").WithTags("Webhooks").RequireSession(Policies.Admin)
            .DescribeParameter("id", "The webhook's id (a UUID).");

        webhooks.MapPost("/", CreateWebhook.Handle)
            .WithName("createWebhook")
            .WithSummary("Subscribe a receiver to content events (admin)")
            .WithDescription("url (http or https) and events are required; enabled defaults to true. Answers 201 with Location, ETag and the " +
                "signing secret (whsec_...), shown this once. Deliveries are Standard Webhooks POSTs, signed with it." + Refusal)
            .WithRequestExample(WebhookExamples.Request)
            .WithResponseExample(StatusCodes.Status201Created, WebhookExamples.Created201)
            .ProducesValidationProblem();

        webhooks.MapGet("/", GetWebhook.List)
            .WithName("listWebhooks")
            .WithSummary("Webhooks, newest first (admin)")
            .WithDescription("Every webhook, without its secret, paged like every list.")
            .WithResponseExample(StatusCodes.Status200OK, WebhookExamples.List)
            .ProducesValidationProblem();

        webhooks.MapGet("/{id:guid}", GetWebhook.Handle)
            .WithName("getWebhook")
            .WithSummary("One webhook (admin)")
            .WithDescription("Without its secret. disabledReason says why the service disabled it (the receiver answered 410). If-None-Match with the ETag answers 304.")
            .WithResponseExample(StatusCodes.Status200OK, WebhookExamples.Response)
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status404NotFound);

        webhooks.MapPut("/{id:guid}", UpdateWebhook.Handle)
            .WithName("replaceWebhook")
            .WithSummary("Replace a webhook (admin)")
            .WithDescription(WholeBodyDescription + " Enabling a disabled webhook sends what waited for it." + Refusal)
            .Accepts<WebhookRequest>("application/json")
            .WithRequestExample(WebhookExamples.Request)
            .WithResponseExample(StatusCodes.Status200OK, WebhookExamples.Response with { Version = 2 })
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);

        webhooks.MapPatch("/{id:guid}", UpdateWebhook.Patch)
            .WithName("patchWebhook")
            .WithSummary("Change some of a webhook (admin)")
            .WithDescription(MergePatchDescription + " Enabling a disabled webhook sends what waited for it." + Refusal)
            .Accepts<WebhookRequest>(MergePatch.ContentType)
            .WithRequestExample(WebhookExamples.MergePatch)
            .WithResponseExample(StatusCodes.Status200OK, WebhookExamples.Response with { Enabled = false, Version = 2 })
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        webhooks.MapDelete("/{id:guid}", DeleteWebhook.Handle)
            .WithName("deleteWebhook")
            .WithSummary("Delete a webhook (admin)")
            .WithDescription("Answers 204; its undelivered events and its delivery log go with it. If-Match with the ETag refuses (412) to delete a version you have not seen.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);

        webhooks.MapPost("/{id:guid}/rotate-secret", RotateWebhookSecret.Handle)
            .WithName("rotateWebhookSecret")
            .WithSummary("Give a webhook a new signing secret (admin)")
            .WithDescription("Answers the webhook and its new secret, shown this once; every delivery from now on, retries included, is signed with it. " +
                "If-Match with the ETag refuses (412) a version you have not seen.")
            .WithResponseExample(StatusCodes.Status200OK, WebhookExamples.Created201 with { Webhook = WebhookExamples.Response with { Version = 2 } })
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);

        webhooks.MapPost("/{id:guid}/ping", PingWebhook.Handle)
            .WithName("pingWebhook")
            .WithSummary("Send a ping event to a webhook (admin)")
            .WithDescription("Queues a ping to this webhook alone, enabled or not; answers 202 with the event's id (the webhook-id header the receiver " +
                "will see). Its outcome appears in the delivery log.")
            .WithResponseExample(StatusCodes.Status202Accepted, WebhookExamples.Queued)
            .ProducesProblem(StatusCodes.Status404NotFound);

        webhooks.MapGet("/{id:guid}/deliveries", WebhookDeliveries.List)
            .WithName("listWebhookDeliveries")
            .WithSummary("A webhook's delivery log, newest first (admin)")
            .WithDescription("One item per attempt: the event, the attempt's number, status (delivered, failed, refused), how long it took, and what " +
                "the receiver answered (status code and the first KiB of its body; null when it did not answer, with error saying why).")
            .WithResponseExample(StatusCodes.Status200OK, WebhookExamples.Deliveries)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        webhooks.MapPost("/{id:guid}/deliveries/{deliveryId:guid}/redeliver", WebhookDeliveries.Redeliver)
            .WithName("redeliverWebhookDelivery")
            .WithSummary("Send a delivery's event again (admin)")
            .WithDescription("Queues the event of this attempt for the webhook again, now, with the same webhook-id; answers 202. A disabled webhook " +
                "is 409 webhook_disabled.")
            .DescribeParameter("deliveryId", "The delivery's (attempt's) id from the log.")
            .WithResponseExample(StatusCodes.Status202Accepted, WebhookExamples.Queued)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        return api;
    }
}
