using Cms.Api.Data;
using Cms.Api.Infrastructure.Paging;
using Cms.Api.Infrastructure.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Cms.Api.Revisions;

/// <summary>A deleted article that can still be brought back (until <c>keptUntil</c>); <c>version</c> is its last, whose content comes back.</summary>
public sealed record DeletedArticleSummary(Guid Id, string Slug, string Title, int Version, DateTimeOffset DeletedAt, RevisionUser? DeletedBy,
    DateTimeOffset KeptUntil);

internal sealed record DeletedPosition(DateTimeOffset DeletedAt, Guid Id);

internal static class ListDeletedArticles
{
    /// <summary>Most recently deleted first, on the index (deleted_at, article_id).</summary>
    public static async Task<Results<Ok<PagedList<DeletedArticleSummary>>, ValidationProblem>> Handle(
        [AsParameters] PageQuery page, CmsDbContext db, CursorCodec cursors, IOptions<Articles.RevisionOptions> options, CancellationToken cancellationToken)
    {
        const string scope = "deleted-articles";
        var deleted = db.DeletedArticles.AsNoTracking();
        var (pageNumber, skip) = (page.PageNumber, page.Skip());
        if (page.Cursor is { } cursor)
        {
            if (await cursors.DecodeAsync<DeletedPosition>(cursor, scope, cancellationToken) is not { } resumed)
            {
                return Problem.InvalidCursor();
            }

            var (at, id) = (resumed.Position.DeletedAt, resumed.Position.Id);
            (pageNumber, skip) = (resumed.Page, 0);
            deleted = deleted.Where(d => EF.Functions.LessThan(ValueTuple.Create(d.DeletedAt, d.ArticleId), ValueTuple.Create(at, id)));
        }

        var size = page.Size();
        var rows = await (from d in deleted
                          join u in db.Users on d.DeletedById equals u.Id into deleters
                          from u in deleters.DefaultIfEmpty()
                          orderby d.DeletedAt descending, d.ArticleId descending
                          select new { d.ArticleId, d.Slug, d.Title, d.Version, d.DeletedAt, d.DeletedById, Name = u == null ? null : u.DisplayName })
            .Skip(skip).Take(size + 1).ToListAsync(cancellationToken);
        string? next = null;
        if (rows.Count > size)
        {
            rows.RemoveAt(size);
            next = await cursors.EncodeAsync(scope, pageNumber + 1, new DeletedPosition(rows[^1].DeletedAt, rows[^1].ArticleId), cancellationToken);
        }

        var keep = TimeSpan.FromDays(options.Value.KeepDeletedDays);
        var items = rows.Select(d => new DeletedArticleSummary(d.ArticleId, d.Slug, d.Title, d.Version, d.DeletedAt,
            d.DeletedById is { } by && d.Name is { } name ? new RevisionUser(by, name) : null, d.DeletedAt + keep)).ToList();
        long? total = page.WantsTotal ? await db.DeletedArticles.LongCountAsync(cancellationToken) : null;
        return TypedResults.Ok(new PagedList<DeletedArticleSummary>(items, pageNumber, size, total, next));
    }
}
