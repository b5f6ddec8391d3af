using Cms.Api.Data;
using Cms.Api.Infrastructure.Http;
using Cms.Api.Infrastructure.Paging;
using Cms.Api.Infrastructure.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NpgsqlTypes;

namespace Cms.Api.Media;

internal static class GetMedia
{
    private const string Scope = "media";

    /// <summary>Where a page of the library ended, newest first: upload time, then id for uploads of one instant.</summary>
    private sealed record MediaPosition(DateTimeOffset CreatedAt, Guid Id);

    public static async Task<Results<Ok<MediaResponse>, StatusCodeHttpResult, ProblemHttpResult>> Handle(
        Guid id, HttpContext http, CmsDbContext db, CancellationToken cancellationToken)
    {
        var item = await db.Media.AsNoTracking().Where(m => m.Id == id).ToResponses(db).SingleOrDefaultAsync(cancellationToken);
        if (item is null)
        {
            return Problem.NotFound("The media item");
        }

        EntityTag.Set(http, item.Version);
        return Preconditions.NotModified(http, item.Version) ? TypedResults.StatusCode(StatusCodes.Status304NotModified) : TypedResults.Ok(item);
    }

    public static async Task<Results<Ok<PagedList<MediaResponse>>, ValidationProblem>> List(
        [AsParameters] PageQuery page, [AsParameters] MediaFilter filter, CmsDbContext db, CursorCodec cursors, IOptions<SearchOptions> searchOptions,
        CancellationToken cancellationToken)
    {
        var media = db.Media.AsNoTracking();
        if (filter.Search is { Words.Count: > 0 } search)
        {
            // Folded once, passed as a value: written as a call on the text, a prepared statement's generic plan folds it
            // again for every row it tests (Articles/SearchTerms).
            var query = await db.Database.SqlQuery<NpgsqlTsQuery>($"SELECT cms_search_query({search.Query}) AS \"Value\"")
                .SingleAsync(cancellationToken);
            media = media.Where(m => m.SearchVector.Matches(query));
        }

        if (filter.ContentType is { } contentType)
        {
            media = media.Where(m => m.ContentType == contentType);
        }

        var scope = string.Join('\u001f', Scope, filter.Search?.Text, filter.ContentType);
        var ordered = media.OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id);
        var (pageNumber, skip) = (page.PageNumber, page.Skip());
        if (page.Cursor is { } cursor)
        {
            if (await cursors.DecodeAsync<MediaPosition>(cursor, scope, cancellationToken) is not { } resumed)
            {
                return Problem.InvalidCursor();
            }

            var (at, after) = (resumed.Position.CreatedAt, resumed.Position.Id);
            (pageNumber, skip) = (resumed.Page, 0);
            ordered = media.Where(m => EF.Functions.LessThan(ValueTuple.Create(m.CreatedAt, m.Id), ValueTuple.Create(at, after)))
                .OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id);
        }

        var size = page.Size();
        var items = await ordered.Skip(skip).Take(size + 1).ToResponses(db).ToListAsync(cancellationToken);
        string? next = null;
        if (items.Count > size)
        {
            items.RemoveAt(size);
            next = await cursors.EncodeAsync(scope, pageNumber + 1, new MediaPosition(items[^1].CreatedAt, items[^1].Id), cancellationToken);
        }

        var exactLimit = searchOptions.Value.ExactTotalLimit;
        SearchTotal? total = !page.WantsTotal ? null
            : filter.Search is { Words.Count: > 0 } ? SearchTotal.Of(await media.OrderBy(_ => 1).Take((int)SearchTotal.CountLimit(exactLimit)).LongCountAsync(cancellationToken), exactLimit)
            : new(await media.LongCountAsync(cancellationToken), false);
        return TypedResults.Ok(new PagedList<MediaResponse>(items, pageNumber, size, total?.Total, next, total?.IsLowerBound));
    }
}
