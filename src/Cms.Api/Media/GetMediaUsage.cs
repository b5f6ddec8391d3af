using Cms.Api.Data;
using Cms.Api.Data.Entities;
using Cms.Api.Infrastructure;
using Cms.Api.Infrastructure.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Cms.Api.Media;

/// <summary>An article using a media item: as its cover, in its body, or both.</summary>
public sealed record MediaUse(Guid Id, string Title, string Slug, ArticleStatus Status, IReadOnlyList<string> As);

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

        // article_media is what delete checks, rewritten on every save: drafts, scheduled, live and archived articles.
        // Deleted articles have no row (undelete needs the item back); pending changes are not saves onto the article.
        var address = $"%/media/{id}/%";
        var uses = db.ArticleMedia.Where(u => u.MediaId == id).Join(db.Articles, u => u.ArticleId, a => a.Id, (_, a) => a);
        var found = await uses.OrderByDescending(a => a.UpdatedAt).ThenBy(a => a.Id).Take(Limit)
            .Select(a => new { a.Id, a.Title, a.Slug, a.Status, a.PublishAt, IsCover = a.CoverMediaId == id, InBody = EF.Functions.ILike(a.Body, address) })
            .ToListAsync(cancellationToken);
        var total = found.Count < Limit ? found.Count : await uses.CountAsync(cancellationToken);
        var now = time.Now();
        var items = found.Select(a => new MediaUse(a.Id, a.Title, a.Slug, ArticleVisibility.EffectiveStatus(a.Status, a.PublishAt, now),
            As(a.IsCover, a.InBody))).ToList();
        return TypedResults.Ok(new MediaUsageResponse(items, total));
    }

    private static string[] As(bool cover, bool body) => (cover, body) switch
    {
        (true, true) => [Cover, Body],
        (true, false) => [Cover],
        // A row whose article names the item only in plain text still counts as the body (as the save recorded it).
        _ => [Body],
    };
}
