using Cms.Api.Infrastructure.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Cms.Api.Infrastructure.Paging;

/// <summary>Something listed by name: authors, categories.</summary>
public interface INamed
{
    Guid Id { get; }

    string Name { get; }
}

/// <summary>Where a page of a list ordered by name (then id) ended.</summary>
public sealed record NamePosition(string Name, Guid Id);

/// <summary>Numbered pages and keyset cursors for lists ordered by name, then id (names repeat; ids do not).</summary>
internal static class NamedPages
{
    public static async Task<Results<Ok<PagedList<TResponse>>, ValidationProblem>> PageAsync<TEntity, TResponse>(
        IQueryable<TEntity> source, Func<IQueryable<TEntity>, IQueryable<TResponse>> project, Func<TResponse, NamePosition> positionOf,
        string scope, PageQuery page, int defaultSize, CursorCodec cursors, CancellationToken cancellationToken)
        where TEntity : class, INamed
    {
        var ordered = source.AsNoTracking().OrderBy(e => e.Name).ThenBy(e => e.Id).AsQueryable();
        var (pageNumber, skip) = (page.PageNumber, page.Skip(defaultSize));
        if (page.Cursor is { } cursor)
        {
            if (await cursors.DecodeAsync<NamePosition>(cursor, scope, cancellationToken) is not { } resumed)
            {
                return Problem.InvalidCursor();
            }

            var (name, id) = (resumed.Position.Name, resumed.Position.Id);
            (pageNumber, skip) = (resumed.Page, 0);
            ordered = ordered.Where(e => EF.Functions.GreaterThan(ValueTuple.Create(e.Name, e.Id), ValueTuple.Create(name, id)));
        }

        var size = page.Size(defaultSize);
        var items = await project(ordered.Skip(skip).Take(size + 1)).ToListAsync(cancellationToken);
        string? next = null;
        if (items.Count > size)
        {
            items.RemoveAt(size);
            next = await cursors.EncodeAsync(scope, pageNumber + 1, positionOf(items[^1]), cancellationToken);
        }

        long? total = page.WantsTotal ? await source.LongCountAsync(cancellationToken) : null;
        return TypedResults.Ok(new PagedList<TResponse>(items, pageNumber, size, total, next));
    }
}
