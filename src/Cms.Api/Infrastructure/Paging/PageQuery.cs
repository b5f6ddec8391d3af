using FluentValidation;
using Microsoft.AspNetCore.Mvc;

namespace Cms.Api.Infrastructure.Paging;

/// <summary>
/// Numbered pages (<c>page</c> from 1, <c>pageSize</c> 1..100, default 20) or a keyset <c>cursor</c> from a previous
/// page's <c>nextCursor</c>; <c>includeTotal</c> (default true) asks for the count.
/// </summary>
public sealed record PageQuery(
    [FromQuery(Name = "page")] int? Page,
    [FromQuery(Name = "pageSize")] int? PageSize,
    [FromQuery(Name = "includeTotal")] bool? IncludeTotal,
    [FromQuery(Name = "cursor")] string? Cursor)
{
    public const int MaxPageSize = 100;

    public int PageNumber => Page ?? 1;

    public int Size(int defaultSize = 20) => PageSize ?? defaultSize;

    public int Skip(int defaultSize = 20) => (PageNumber - 1) * Size(defaultSize);

    public bool WantsTotal => IncludeTotal ?? true;
}

internal sealed class PageQueryValidator : AbstractValidator<PageQuery>
{
    public PageQueryValidator()
    {
        // Out of range is a 400, never silently clamped: a client asking for 500 items must learn it gets at most 100.
        RuleFor(q => q.Page).GreaterThanOrEqualTo(1).LessThanOrEqualTo(1_000_000);
        RuleFor(q => q.PageSize).InclusiveBetween(1, PageQuery.MaxPageSize);
        RuleFor(q => q.Cursor).MaximumLength(2048);
        RuleFor(q => q.Cursor).Must(c => c is null).When(q => q.Page is not null)
            .WithMessage("Send either page or cursor: a cursor already knows which page comes next.");
    }
}
