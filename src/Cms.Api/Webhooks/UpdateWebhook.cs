using Cms.Api.Data;
using Cms.Api.Data.Entities;
using Cms.Api.Infrastructure;
using Cms.Api.Infrastructure.Http;
using Cms.Api.Infrastructure.Problems;
using Cms.Api.Infrastructure.Validation;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Cms.Api.Webhooks;

internal static class UpdateWebhook
{
    public static async Task<Results<Ok<WebhookResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid id, WholeBody<WebhookRequest> body, HttpContext http, CmsDbContext db, WebhookTargets targets, TimeProvider time, CancellationToken cancellationToken)
    {
        var webhook = await db.Webhooks.SingleOrDefaultAsync(w => w.Id == id, cancellationToken);
        return webhook is null ? Problem.NotFound("The webhook") : await ReplaceAsync(webhook, body.Value, http, db, targets, time, cancellationToken);
    }

    public static async Task<Results<Ok<WebhookResponse>, ValidationProblem, ProblemHttpResult>> Patch(
        Guid id, MergePatch patch, HttpContext http, CmsDbContext db, IValidator<WebhookRequest> validator, WebhookTargets targets, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var webhook = await db.Webhooks.SingleOrDefaultAsync(w => w.Id == id, cancellationToken);
        if (webhook is null)
        {
            return Problem.NotFound("The webhook");
        }

        var (request, invalid) = await patch.MergeAsync(new WebhookRequest(webhook.Url, webhook.Events, webhook.Description, webhook.Enabled), validator, http);
        return invalid is not null ? invalid : await ReplaceAsync(webhook, request, http, db, targets, time, cancellationToken);
    }

    private static async Task<Results<Ok<WebhookResponse>, ValidationProblem, ProblemHttpResult>> ReplaceAsync(
        Webhook webhook, WebhookRequest request, HttpContext http, CmsDbContext db, WebhookTargets targets, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!Preconditions.Matches(http, webhook.Version))
        {
            return Problem.VersionMismatch(webhook.Version);
        }

        if (await targets.RefusalAsync(WebhookRequestValidator.TargetUrl(request.Url)!, cancellationToken) is { } refused)
        {
            return CreateWebhook.Refused(refused);
        }

        webhook.Url = request.Url!;
        webhook.Events = request.Events!.Distinct().ToArray();
        webhook.Description = CreateWebhook.Blank(request.Description);
        var enabled = request.Enabled ?? false;
        if (enabled)
        {
            webhook.DisabledReason = null;
        }

        webhook.Enabled = enabled;
        webhook.UpdatedAt = time.Now();
        webhook.Version++;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            var id = webhook.Id;
            var version = await db.Webhooks.Where(w => w.Id == id).Select(w => (int?)w.Version).SingleOrDefaultAsync(CancellationToken.None);
            return version is null ? Problem.NotFound("The webhook") : Problem.VersionMismatch(version.Value);
        }

        EntityTag.Set(http, webhook.Version);
        return TypedResults.Ok(WebhookResponse.From(webhook));
    }
}
