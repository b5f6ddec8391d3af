using Cms.Api.Data;
using Cms.Api.Data.Entities;
using Cms.Api.Infrastructure;
using Cms.Api.Infrastructure.Http;
using Cms.Api.Infrastructure.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cms.Api.Webhooks;

internal static class CreateWebhook
{
    public static async Task<Results<Created<WebhookWithSecretResponse>, ProblemHttpResult>> Handle(
        WebhookRequest request, HttpContext http, CmsDbContext db, WebhookTargets targets, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await targets.RefusalAsync(WebhookRequestValidator.TargetUrl(request.Url)!, cancellationToken) is { } refused)
        {
            return Refused(refused);
        }

        var now = time.Now();
        var webhook = new Webhook
        {
            Id = Guid.CreateVersion7(now),
            Url = request.Url!,
            Events = request.Events!.Distinct().ToArray(),
            Description = Blank(request.Description),
            Enabled = request.Enabled ?? true,
            Secret = WebhookSignature.NewSecret(),
            CreatedAt = now,
            UpdatedAt = now,
            Version = 1,
        };
        db.Webhooks.Add(webhook);
        await db.SaveChangesAsync(cancellationToken);
        EntityTag.Set(http, webhook.Version);
        return TypedResults.Created($"/api/v1/webhooks/{webhook.Id}", new WebhookWithSecretResponse(WebhookResponse.From(webhook), webhook.Secret));
    }

    public static ProblemHttpResult Refused(string detail) =>
        Problem.Of(StatusCodes.Status400BadRequest, ProblemCodes.WebhookTargetRefused, "Webhook target refused", detail);

    public static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
