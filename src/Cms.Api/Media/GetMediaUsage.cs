using Cms.Api.Data;
using Cms.Api.Data.Entities;
using Cms.Api.Infrastructure;
using Cms.Api.Infrastructure.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Cms.Api.Media;

/// <summary>
/// An article using a media item: where the article as saved uses it (<c>as</c>: cover, body, both, or none when only its
/// pending changes do) and where its unpublished pending changes use it (<c>pendingAs</c>, empty when they do not).
/// </summary>
public sealed record MediaUse(Guid Id, string Title, string Slug, ArticleStatus Status, IReadOnlyList<string> As, IReadOnlyList<string> PendingAs);

/// <summary>The articles using an item, most recently updated first, at most <see cref="GetMediaUsage.Limit"/>; total counts them all.</summary>
public sealed record MediaUsageResponse(IReadOnlyList<MediaUse> Items, int Total);

internal static class GetMediaUsage
{
    public const int Limit = 100;
    public const string Cover = "cover";
    public const string Body = "body";

    public static async Task<Results<Ok<MediaUsageResponse>, ProblemHttpResult>> Handle(
        Guid id, CmsDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!await db.Media.AnyAsync(m => m.Id == id, cancellationToken))
        {
            return Problem.NotFound("The media item");
        }

        // What delete checks: drafts, scheduled, live and archived articles, as saved or in pending changes. Deleted
        // articles are not (undelete needs the item back).
        var address = $"%/media/{id}/%";
        var uses = db.ArticlesUsing(id);
        var found = await uses.OrderByDescending(a => a.UpdatedAt).ThenBy(a => a.Id).Take(Limit)
            .Select(a => new
            {
                a.Id, a.Title, a.Slug, a.Status, a.PublishAt,
                Saved = db.ArticleMedia.Any(u => u.ArticleId == a.Id && u.MediaId == id),
                IsCover = a.CoverMediaId == id,
                InBody = EF.Functions.ILike(a.Body, address),
                PendingCover = db.ArticlePendingMedia.Any(u => u.ArticleId == a.Id && u.MediaId == id && u.IsCover),
                PendingBody = db.ArticlePendingMedia.Any(u => u.ArticleId == a.Id && u.MediaId == id && u.InBody),
            })
            .ToListAsync(cancellationToken);
        var total = found.Count < Limit ? found.Count : await uses.CountAsync(cancellationToken);
        var now = time.Now();
        var items = found.Select(a => new MediaUse(a.Id, a.Title, a.Slug, ArticleVisibility.EffectiveStatus(a.Status, a.PublishAt, now),
            a.Saved ? As(a.IsCover, a.InBody) : [], Where(a.PendingCover, a.PendingBody))).ToList();
        return TypedResults.Ok(new MediaUsageResponse(items, total));
    }

    private static string[] As(bool cover, bool body) => Where(cover, body) is { Length: > 0 } where
        ? where
        // A row whose article names the item only in plain text still counts as the body (as the save recorded it).
        : [Body];

    private static string[] Where(bool cover, bool body) => (cover, body) switch
    {
        (true, true) => [Cover, Body],
        (true, false) => [Cover],
        (false, true) => [Body],
        _ => [],
    };
}
