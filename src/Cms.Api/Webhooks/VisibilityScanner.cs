using Cms.Api.Data;
using Cms.Api.Data.Entities;
using Cms.Api.ReadPath;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Cms.Api.Webhooks;

/// <summary>
/// Records the events time alone causes: a published article's publishAt arriving (article.published) and its expiresAt
/// passing (article.unpublished, reason expired). Readers need no job for that (visibility is judged at read time); the
/// outbox does. The scan looks at the moments between the stored high-water mark and now, under the mark's row lock
/// (FOR UPDATE SKIP LOCKED), so each moment is scanned once by one instance however many run, and a service that was down
/// catches up on everything it missed. A save judges visibility at its own moment (ArticleEventInterceptor); a moment
/// counts here only if the article was last saved before it, so the two never report one change twice.
/// It sleeps until the next such moment, on the service's clock, or the poll interval; a content change, which may bring
/// a nearer moment, only makes it look that moment up again.
/// </summary>
internal sealed class VisibilityScanner(IServiceScopeFactory scopes, TimeProvider time, ContentEpoch epoch, IOptions<WebhookOptions> options,
    ILogger<VisibilityScanner> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var poll = TimeSpan.FromSeconds(options.Value.PollSeconds);
        var scan = true;
        while (!stoppingToken.IsCancellationRequested)
        {
            var seen = epoch.Value;
            DateTimeOffset? next;
            try
            {
                next = scan ? await ScanAsync(stoppingToken) : await NextMomentAsync(stoppingToken);
            }
            catch (Exception e) when (e is DbUpdateException or Npgsql.NpgsqlException or InvalidOperationException && !stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Scanning for scheduled visibility changes failed; trying again shortly");
                next = null;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            if (!scan && next <= time.GetUtcNow())
            {
                scan = true;
                continue;
            }

            using var wake = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            var changed = epoch.AdvancedPastAsync(seen, wake.Token);
            var waits = new List<Task> { changed, Task.Delay(poll, wake.Token) };
            if (next is { } deadline)
            {
                var wait = deadline - time.GetUtcNow();
                waits.Add(wait <= TimeSpan.Zero ? Task.CompletedTask : Task.Delay(wait < TimeSpan.FromDays(1) ? wait : TimeSpan.FromDays(1), time, wake.Token));
            }

            // A content change only moves the next moment (a save reports its own changes): look it up, without the
            // locked scan and its commit, which every instance would otherwise make for every save.
            scan = await Task.WhenAny(waits) != changed;
            await wake.CancelAsync();
        }
    }

    /// <summary>Scans up to now if no other instance is; answers when to look next (null: another instance is scanning).</summary>
    public async Task<DateTimeOffset?> ScanAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CmsDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var mark = await LockMarkAsync(db, cancellationToken);
        if (mark is null)
        {
            await db.Database.ExecuteSqlAsync($"INSERT INTO webhook_schedules (id, scanned_until) VALUES (1, NULL) ON CONFLICT DO NOTHING", cancellationToken);
            mark = await LockMarkAsync(db, cancellationToken);
            if (mark is null)
            {
                return null;
            }
        }

        var now = time.GetUtcNow();
        var from = mark.ScannedUntil;
        if (from is null || from < now)
        {
            var published = db.Articles.AsNoTracking().Where(a => a.Status == ArticleStatus.Published);
            var arrived = await published
                .Where(a => (from == null || a.PublishAt > from) && a.PublishAt <= now && a.UpdatedAt < a.PublishAt && (a.ExpiresAt == null || a.ExpiresAt > a.PublishAt))
                .Select(a => new { a.Id, a.Slug, a.Version, a.Title, At = a.PublishAt!.Value })
                .ToListAsync(cancellationToken);
            var expired = await published
                .Where(a => (from == null || a.ExpiresAt > from) && a.ExpiresAt <= now && a.UpdatedAt < a.ExpiresAt && a.PublishAt < a.ExpiresAt)
                .Select(a => new { a.Id, a.Slug, a.Version, a.Title, At = a.ExpiresAt!.Value })
                .ToListAsync(cancellationToken);
            db.WebhookEvents.AddRange(arrived.Select(a => WebhookEventTypes.ForArticle(WebhookEventTypes.Published, a.At, a.Id, a.Slug, a.Version, a.Title))
                .Concat(expired.Select(a => WebhookEventTypes.ForArticle(WebhookEventTypes.Unpublished, a.At, a.Id, a.Slug, a.Version, a.Title, "expired")))
                .OrderBy(e => e.OccurredAt));
            mark.ScannedUntil = now;
            await db.SaveChangesAsync(cancellationToken);
            from = now;
        }

        await transaction.CommitAsync(cancellationToken);
        return await NextMomentAfterAsync(db, from.Value, cancellationToken);
    }

    /// <summary>The next moment a scan would record (now, when nothing was ever scanned), without scanning.</summary>
    public async Task<DateTimeOffset?> NextMomentAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CmsDbContext>();
        // One round trip: every instance asks this after every save.
        var published = db.Articles.Where(a => a.Status == ArticleStatus.Published);
        var ahead = await db.WebhookSchedules.Where(s => s.Id == 1)
            .Select(s => new
            {
                s.ScannedUntil,
                Publish = published.Where(a => a.PublishAt > s.ScannedUntil && a.UpdatedAt < a.PublishAt).Min(a => a.PublishAt),
                Expiry = published.Where(a => a.ExpiresAt > s.ScannedUntil && a.UpdatedAt < a.ExpiresAt).Min(a => a.ExpiresAt),
            })
            .SingleOrDefaultAsync(cancellationToken);
        return ahead?.ScannedUntil is not { } from ? time.GetUtcNow() : new[] { ahead.Publish, ahead.Expiry }.Where(t => t is not null).Min() ?? from.AddDays(1);
    }

    private static async Task<DateTimeOffset> NextMomentAfterAsync(CmsDbContext db, DateTimeOffset from, CancellationToken cancellationToken)
    {
        // Only the moments a scan records: an article saved before them. One published by its save (publishAt = now)
        // is reported by the save, and must not make every instance scan after every save.
        var ahead = db.Articles.Where(a => a.Status == ArticleStatus.Published);
        var nextPublish = await ahead.Where(a => a.PublishAt > from && a.UpdatedAt < a.PublishAt).MinAsync(a => a.PublishAt, cancellationToken);
        var nextExpiry = await ahead.Where(a => a.ExpiresAt > from && a.UpdatedAt < a.ExpiresAt).MinAsync(a => a.ExpiresAt, cancellationToken);
        return new[] { nextPublish, nextExpiry }.Where(t => t is not null).Min() ?? from.AddDays(1);
    }

    private static Task<WebhookSchedule?> LockMarkAsync(CmsDbContext db, CancellationToken cancellationToken) =>
        db.WebhookSchedules.FromSql($"SELECT * FROM webhook_schedules WHERE id = 1 FOR UPDATE SKIP LOCKED").SingleOrDefaultAsync(cancellationToken);
}
