using Cms.Api.Content;
using Cms.Api.Data.Entities;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;

namespace Cms.Api.Articles;

/// <summary>
/// List filters and order. <c>category</c> and <c>author</c> take an id or a slug; <c>status</c> is for editors;
/// <c>q</c> searches title, summary and body ignoring case and accents; <c>fields</c> picks properties (comma-separated);
/// <c>createdBy</c> (signed in: <c>me</c> or, for editors, a user id) keeps the articles that user created ("my articles").
/// </summary>
public sealed record ArticleFilter(
    [FromQuery(Name = "q")] string? Q,
    [FromQuery(Name = "category")] string? Category,
    [FromQuery(Name = "tag")] string? Tag,
    [FromQuery(Name = "author")] string? Author,
    // A string: query binding of enums is case-sensitive ("Draft"), while the contract's values are lower case.
    [FromQuery(Name = "status")] string? Status,
    [FromQuery(Name = "publishedFrom")] DateTimeOffset? PublishedFrom,
    [FromQuery(Name = "publishedTo")] DateTimeOffset? PublishedTo,
    [FromQuery(Name = "sort")] string? Sort,
    [FromQuery(Name = "fields")] string? Fields,
    [FromQuery(Name = "createdBy")] string? CreatedBy = null)
{
    public const string Relevance = "relevance";

    /// <summary>createdBy=me: the signed-in user, resolved to their id before the list is scoped.</summary>
    public const string Me = "me";

    public static readonly string[] Sorts = ["-publishedAt", "publishedAt", "-viewCount", "-rating", Relevance];

    /// <summary>Orders by live counters (views, rating), which change without any content changing.</summary>
    public static bool ByCounters(string sort) => sort is "-viewCount" or "-rating";

    public ArticleStatus? StatusValue => Enum.TryParse<ArticleStatus>(Status, ignoreCase: true, out var status) ? status : null;

    /// <summary>The words searched for, or null without a usable <c>q</c>.</summary>
    public TextSearch? Search => TextSearch.Parse(Q);

    /// <summary>Everything that decides which rows a list holds and in what order (not page or fields): what a cursor is bound to.</summary>
    public string Scope() => string.Join('\u001f', "articles", Sort ?? Sorts[0], RowsScope());

    /// <summary>The same without the order: lists that differ only in sort hold the same rows and the same total.</summary>
    public string RowsScope() =>
        string.Join('\u001f', "rows", Search?.Text, Category, Tag, Author, Status?.ToLowerInvariant(), PublishedFrom?.UtcTicks, PublishedTo?.UtcTicks, CreatedBy);
}

internal sealed class ArticleFilterValidator : AbstractValidator<ArticleFilter>
{
    public ArticleFilterValidator()
    {
        RuleFor(f => f.Sort).Must(s => s is null || ArticleFilter.Sorts.Contains(s))
            .WithMessage($"Sort by one of: {string.Join(", ", ArticleFilter.Sorts)}.");
        RuleFor(f => f.Sort).Must((f, _) => f.Search is not null).When(f => f.Sort == ArticleFilter.Relevance)
            .WithMessage("Sorting by relevance needs a search: send q.");
        RuleFor(f => f.Q).MaximumLength(TextSearch.MaxLength);
        RuleFor(f => f.Q).Must(q => TextSearch.Parse(q) is not { Words.Count: 0 })
            .WithMessage("Search for at least one word of letters or digits.");
        RuleFor(f => f.Category).MaximumLength(200);
        RuleFor(f => f.Author).MaximumLength(200);
        RuleFor(f => f.Tag).MaximumLength(50);
        RuleFor(f => f.CreatedBy).Must(c => c is null || c == ArticleFilter.Me || Guid.TryParse(c, out _))
            .WithMessage("Use me or a user id.");
        RuleFor(f => f.Status).Must(s => s is null || (!int.TryParse(s, out _) && Enum.TryParse<ArticleStatus>(s, ignoreCase: true, out _)))
            .WithMessage("Use draft, scheduled, published or archived.");
        RuleFor(f => f.PublishedTo).Must((f, to) => f.PublishedFrom is null || to >= f.PublishedFrom).When(f => f.PublishedTo is not null)
            .WithMessage("publishedTo must not be before publishedFrom.");
        RuleFor(f => f.Fields).MaximumLength(500).Custom((fields, context) =>
        {
            if (ArticleFields.Unknown(fields) is { Count: > 0 } unknown)
            {
                context.AddFailure($"Unknown field(s): {string.Join(", ", unknown)}. Pick from: {string.Join(", ", ArticleFields.Names)}.");
            }
        });
    }
}
