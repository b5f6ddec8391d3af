using Cms.Api.Data;
using Cms.Api.Infrastructure;
using Cms.Api.Infrastructure.Http;
using Cms.Api.Infrastructure.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Cms.Api.Webhooks;

internal static class RotateWebhookSecret
{
    /// <summary>A new secret, answered once; every attempt from now on (retries of older events too) is signed with it.</summary>
    public static async Task<Results<Ok<WebhookWithSecretResponse>, ProblemHttpResult>> Handle(
        Guid id, HttpContext http, CmsDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var webhook = await db.Webhooks.SingleOrDefaultAsync(w => w.Id == id, cancellationToken);
        if (webhook is null)
        {
            return Problem.NotFound("The webhook");
        }

        if (!Preconditions.Matches(http, webhook.Version))
        {
            return Problem.VersionMismatch(webhook.Version);
        }

        webhook.Secret = WebhookSignature.NewSecret();
        webhook.UpdatedAt = time.Now();
        webhook.Version++;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Problem.VersionMismatch(webhook.Version);
        }

        EntityTag.Set(http, webhook.Version);
        return TypedResults.Ok(new WebhookWithSecretResponse(WebhookResponse.From(webhook), webhook.Secret));
    }
}
