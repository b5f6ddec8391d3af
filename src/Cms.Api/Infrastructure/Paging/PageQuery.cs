using FluentValidation;

namespace Cms.Api.Infrastructure.Paging;

/// <summary>Numbered pages: <c>page</c> from 1, <c>pageSize</c> 1..100 (default 20), <c>includeTotal</c> (default true).</summary>
public sealed record PageQuery(int? Page, int? PageSize, bool? IncludeTotal)
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
    }
}
