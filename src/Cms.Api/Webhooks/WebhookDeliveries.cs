using Cms.Api.Data;
using Cms.Api.Infrastructure;
using Cms.Api.Infrastructure.Paging;
using Cms.Api.Infrastructure.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Cms.Api.Webhooks;

internal static class WebhookDeliveries
{
    /// <summary>The webhook's delivery log, newest attempt first.</summary>
    public static async Task<Results<Ok<PagedList<WebhookDeliveryResponse>>, ValidationProblem, ProblemHttpResult>> List(
        Guid id, [AsParameters] PageQuery page, CmsDbContext db, CursorCodec cursors, CancellationToken cancellationToken)
    {
        if (!await db.Webhooks.AnyAsync(w => w.Id == id, cancellationToken))
        {
            return Problem.NotFound("The webhook");
        }

        var attempts = db.WebhookAttempts.AsNoTracking().Where(a => a.WebhookId == id);
        var listed = await KeysetPage.ReadAsync(page, cursors, "webhook-deliveries:" + id,
            attempts.OrderByDescending(a => a.At).ThenByDescending(a => a.Id),
            (at, after) => attempts.Where(a => EF.Functions.LessThan(ValueTuple.Create(a.At, a.Id), ValueTuple.Create(at, after)))
                .OrderByDescending(a => a.At).ThenByDescending(a => a.Id),
            a => (a.At, a.Id), cancellationToken);
        if (listed is null)
        {
            return Problem.InvalidCursor();
        }

        long? total = page.WantsTotal ? await attempts.LongCountAsync(cancellationToken) : null;
        var items = listed.Value.Items.Select(a => new WebhookDeliveryResponse(a.Id, a.EventId, a.Type, a.Attempt, a.Status, a.DurationMs, a.At,
            a.StatusCode is { } code ? new DeliveryAnswer(code, a.ResponseBody) : null, a.Error)).ToList();
        return TypedResults.Ok(new PagedList<WebhookDeliveryResponse>(items, listed.Value.Page, page.Size(), total, listed.Value.NextCursor));
    }

    /// <summary>
    /// Sends the attempt's event to the webhook again, now, with the same webhook-id (receivers that already have it
    /// de-duplicate). It counts as one more attempt; if it fails, the retry schedule goes on from where it was.
    /// </summary>
    public static async Task<Results<Accepted<QueuedEventResponse>, ProblemHttpResult>> Redeliver(
        Guid id, Guid deliveryId, CmsDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var attempt = await db.WebhookAttempts.AsNoTracking().Where(a => a.Id == deliveryId && a.WebhookId == id)
            .Select(a => new { a.MessageId, a.EventId }).SingleOrDefaultAsync(cancellationToken);
        if (attempt is null)
        {
            return Problem.NotFound("The delivery");
        }

        if (!await db.Webhooks.AnyAsync(w => w.Id == id && w.Enabled, cancellationToken))
        {
            return Problem.Conflict(ProblemCodes.WebhookDisabled, "The webhook is disabled: enable it (PATCH enabled: true) and redeliver again.");
        }

        var now = time.Now();
        await db.Database.ExecuteSqlAsync($"""
            WITH queued AS (
                UPDATE webhook_messages SET state = 'pending', next_attempt_at = {now} WHERE id = {attempt.MessageId} RETURNING 1)
            SELECT pg_notify({DeliveryWorker.Channel}, '') FROM queued
            """, cancellationToken);
        return TypedResults.Accepted($"/api/v1/webhooks/{id}/deliveries", new QueuedEventResponse(attempt.EventId));
    }
}
