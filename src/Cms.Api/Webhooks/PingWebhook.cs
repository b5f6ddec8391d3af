using Cms.Api.Data;
using Cms.Api.Infrastructure;
using Cms.Api.Infrastructure.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Cms.Api.Webhooks;

internal static class PingWebhook
{
    /// <summary>Queues a ping to this webhook alone (enabled or not, so a receiver can be tried before it is switched on).</summary>
    public static async Task<Results<Accepted<QueuedEventResponse>, ProblemHttpResult>> Handle(
        Guid id, CmsDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!await db.Webhooks.AnyAsync(w => w.Id == id, cancellationToken))
        {
            return Problem.NotFound("The webhook");
        }

        var ping = WebhookEventTypes.ForPing(id, time.Now());
        db.WebhookEvents.Add(ping);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Accepted($"/api/v1/webhooks/{id}/deliveries", new QueuedEventResponse(ping.Id));
    }
}
