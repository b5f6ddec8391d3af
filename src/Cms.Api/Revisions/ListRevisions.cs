using Cms.Api.Data;
using Cms.Api.Infrastructure.Paging;
using Cms.Api.Infrastructure.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Cms.Api.Revisions;

/// <summary>Who saved: null when that user was deleted since.</summary>
public sealed record RevisionUser(Guid Id, string DisplayName);

/// <summary>
/// One save. <c>live</c>: readers saw this content (saved while the article was visible, or it is the current content
/// of a visible article). <c>pending</c>: pending changes not yet published (always the newest).
/// </summary>
public sealed record RevisionSummary(int Version, DateTimeOffset SavedAt, RevisionUser? SavedBy, IReadOnlyList<string> Changed, bool Live, bool Pending);

internal sealed record VersionPosition(int Version);

internal static class ListRevisions
{
    public static async Task<Results<Ok<PagedList<RevisionSummary>>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid id, [AsParameters] PageQuery page, HttpContext http, CmsDbContext db, CursorCodec cursors, TimeProvider time, CancellationToken cancellationToken)
    {
        var (article, refused) = await EditableArticle.FindAsync(db, id, http, time, cancellationToken);
        if (article is null)
        {
            return refused!;
        }

        // Newest first along the key (article_id, version): a page is one range scan however long the history.
        var revisions = db.ArticleRevisions.AsNoTracking().Where(r => r.ArticleId == id);
        var scope = "revisions:" + id;
        var (pageNumber, skip) = (page.PageNumber, page.Skip());
        if (page.Cursor is { } cursor)
        {
            if (await cursors.DecodeAsync<VersionPosition>(cursor, scope, cancellationToken) is not { } resumed)
            {
                return Problem.InvalidCursor();
            }

            var before = resumed.Position.Version;
            (pageNumber, skip) = (resumed.Page, 0);
            revisions = revisions.Where(r => r.Version < before);
        }

        var size = page.Size();
        var rows = await (from r in revisions
                          join u in db.Users on r.SavedById equals u.Id into savers
                          from u in savers.DefaultIfEmpty()
                          orderby r.Version descending
                          select new { r.Version, r.SavedAt, r.SavedById, Name = u == null ? null : u.DisplayName, r.Changed, r.Live, r.Pending })
            .Skip(skip).Take(size + 1).ToListAsync(cancellationToken);
        string? next = null;
        if (rows.Count > size)
        {
            rows.RemoveAt(size);
            next = await cursors.EncodeAsync(scope, pageNumber + 1, new VersionPosition(rows[^1].Version), cancellationToken);
        }

        var visible = ArticleVisibility.IsVisible(article.Status, article.PublishAt, article.ExpiresAt, time.GetUtcNow());
        var items = rows.Select(r => new RevisionSummary(r.Version, r.SavedAt, r.SavedById is { } by && r.Name is { } name ? new RevisionUser(by, name) : null,
            r.Changed, r.Live || (visible && r.Version == article.Version), r.Pending && r.Version > article.Version)).ToList();
        long? total = page.WantsTotal ? await db.ArticleRevisions.LongCountAsync(r => r.ArticleId == id, cancellationToken) : null;
        return TypedResults.Ok(new PagedList<RevisionSummary>(items, pageNumber, size, total, next));
    }
}
