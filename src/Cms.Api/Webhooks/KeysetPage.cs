using Cms.Api.Infrastructure.Paging;
using Microsoft.EntityFrameworkCore;

namespace Cms.Api.Webhooks;

/// <summary>A page of a newest-first list, by number or by a cursor holding the last row's (time, id).</summary>
internal static class KeysetPage
{
    private sealed record Position(DateTimeOffset At, Guid Id);

    /// <summary>The page's rows, its number and the next cursor; null when the cursor is not one this list gave.</summary>
    public static async Task<(List<T> Items, int Page, string? NextCursor)?> ReadAsync<T>(
        PageQuery page, CursorCodec cursors, string scope, IQueryable<T> ordered, Func<DateTimeOffset, Guid, IQueryable<T>> after,
        Func<T, (DateTimeOffset At, Guid Id)> key, CancellationToken cancellationToken)
    {
        var (pageNumber, skip) = (page.PageNumber, page.Skip());
        if (page.Cursor is { } cursor)
        {
            if (await cursors.DecodeAsync<Position>(cursor, scope, cancellationToken) is not { } resumed)
            {
                return null;
            }

            (pageNumber, skip) = (resumed.Page, 0);
            ordered = after(resumed.Position.At, resumed.Position.Id);
        }

        var size = page.Size();
        var items = await ordered.Skip(skip).Take(size + 1).ToListAsync(cancellationToken);
        string? next = null;
        if (items.Count > size)
        {
            items.RemoveAt(size);
            var (at, id) = key(items[^1]);
            next = await cursors.EncodeAsync(scope, pageNumber + 1, new Position(at, id), cancellationToken);
        }

        return (items, pageNumber, next);
    }
}
