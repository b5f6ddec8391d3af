using Cms.Api.Articles;
using Cms.Api.Data;
using Cms.Api.Infrastructure;
using Cms.Api.Media;
using Cms.Api.Infrastructure.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Cms.Api.Sync;

internal static class GetSync
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 500;

    /// <summary>
    /// No token: the initial pass over everything readers see. With a token: the next page of its pass, or, when the
    /// last pass is complete, what changed since (see SyncQueries for why nothing is missed).
    /// </summary>
    public static async Task<Results<Ok<SyncResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        string? token, int? limit, CmsDbContext db, NpgsqlDataSource dataSource, SyncTokenCodec tokens, TimeProvider time,
        IOptions<SyncOptions> options, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > MaxLimit)
        {
            return Problem.Validation(new Dictionary<string, string[]> { ["limit"] = [$"limit must be between 1 and {MaxLimit}."] });
        }

        var now = time.Now();
        SyncToken? position = null;
        if (!string.IsNullOrEmpty(token) && (position = await tokens.DecodeAsync(token, cancellationToken)) is null)
        {
            return Problem.Of(StatusCodes.Status400BadRequest, ProblemCodes.InvalidSyncToken, "Invalid sync token",
                "This token was not issued by this service or was changed. Pass nextToken back exactly as received, or start over without a token.");
        }

        if (position is not null && now - position.FromTime > TimeSpan.FromDays(options.Value.RetentionDays))
        {
            return Problem.Of(StatusCodes.Status410Gone, ProblemCodes.SyncTokenExpired, "Sync token expired",
                $"Deletions are kept for {options.Value.RetentionDays} days and this token is older. Start over: sync without a token.");
        }

        var size = limit ?? DefaultLimit;
        // The pass's end in time is fixed when it starts, like its snapshot; an initial pass lists what is visible now.
        var toTime = position?.ToTime ?? now;
        var page = await SyncQueries.ReadAsync(dataSource, position is { Initial: false } ? position : null, position?.To,
            position is { Initial: true } ? now : toTime, position?.After, size + 1, cancellationToken);
        var hasMore = page.Entries.Count > size;
        var entries = page.Entries.Take(size).ToList();

        var visibleIds = entries.Where(e => e.Visible).Select(e => e.Id).ToList();
        var rows = visibleIds.Count == 0 ? [] : await db.Articles.Where(a => visibleIds.Contains(a.Id)).Where(ArticleVisibility.VisibleAt(now))
            .Rows(ArticleFields.All).ToDictionaryAsync(r => r.Id, cancellationToken);
        var items = visibleIds.Where(rows.ContainsKey).Select(id => rows[id].ToResponse(now)).ToList();
        // Visible when the pass started but gone or hidden a moment later: as good as deleted (a later pass repeats it).
        var deleted = entries.Where(e => !e.Visible || !rows.ContainsKey(e.Id)).Select(e => e.Id).ToList();

        var next = (position, hasMore) switch
        {
            // The initial pass starts: it remembers its start, which the first delta will begin from.
            (null, _) when hasMore => new SyncToken(true, page.Snapshot, now, null, null, entries[^1].Id),
            (null, _) => new SyncToken(false, page.Snapshot, now, null, null, null),
            ({ Initial: true }, true) => position with { After = entries[^1].Id },
            ({ Initial: true }, false) => new SyncToken(false, position.From, position.FromTime, null, null, null),
            // A delta pass: more pages keep its two ends; the last one's end is the next pass's start.
            (_, true) => position with { To = page.Snapshot, ToTime = toTime, After = entries[^1].Id },
            (_, false) => new SyncToken(false, page.Snapshot, toTime, null, null, null),
        };
        var itemIds = items.Select(i => i.Id).ToList();
        var media = itemIds.Count == 0 ? [] : (await db.ArticleMedia.Where(u => itemIds.Contains(u.ArticleId)).Select(u => u.MediaId).Distinct()
                .Join(db.Media, id => id, m => m.Id, (_, m) => new { m.Id, m.FileName, m.ContentType, m.Width, m.Height, m.Alt })
                .OrderBy(m => m.Id).ToListAsync(cancellationToken))
            .Select(m => new SyncMedia(m.Id, MediaFileName.Url(m.Id, m.FileName), m.ContentType, m.Width, m.Height, m.Alt)).ToList();
        return TypedResults.Ok(new SyncResponse(items, media, deleted, await tokens.EncodeAsync(next, cancellationToken), hasMore));
    }
}
