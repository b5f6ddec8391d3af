using Cms.Api.Data;
using Cms.Api.Infrastructure.Http;
using Cms.Api.Infrastructure.Paging;
using Cms.Api.Infrastructure.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Cms.Api.Webhooks;

internal static class GetWebhook
{
    public static async Task<Results<Ok<WebhookResponse>, StatusCodeHttpResult, ProblemHttpResult>> Handle(
        Guid id, HttpContext http, CmsDbContext db, CancellationToken cancellationToken)
    {
        var webhook = await db.Webhooks.AsNoTracking().SingleOrDefaultAsync(w => w.Id == id, cancellationToken);
        if (webhook is null)
        {
            return Problem.NotFound("The webhook");
        }

        EntityTag.Set(http, webhook.Version);
        return Preconditions.NotModified(http, webhook.Version)
            ? TypedResults.StatusCode(StatusCodes.Status304NotModified)
            : TypedResults.Ok(WebhookResponse.From(webhook));
    }

    /// <summary>Every webhook, newest first.</summary>
    public static async Task<Results<Ok<PagedList<WebhookResponse>>, ValidationProblem>> List(
        [AsParameters] PageQuery page, CmsDbContext db, CursorCodec cursors, CancellationToken cancellationToken)
    {
        var webhooks = db.Webhooks.AsNoTracking();
        var listed = await KeysetPage.ReadAsync(page, cursors, "webhooks",
            webhooks.OrderByDescending(w => w.CreatedAt).ThenByDescending(w => w.Id),
            (at, id) => webhooks.Where(w => EF.Functions.LessThan(ValueTuple.Create(w.CreatedAt, w.Id), ValueTuple.Create(at, id)))
                .OrderByDescending(w => w.CreatedAt).ThenByDescending(w => w.Id),
            w => (w.CreatedAt, w.Id), cancellationToken);
        if (listed is null)
        {
            return Problem.InvalidCursor();
        }

        long? total = page.WantsTotal ? await webhooks.LongCountAsync(cancellationToken) : null;
        return TypedResults.Ok(new PagedList<WebhookResponse>(listed.Value.Items.Select(WebhookResponse.From).ToList(), listed.Value.Page,
            page.Size(), total, listed.Value.NextCursor));
    }
}
