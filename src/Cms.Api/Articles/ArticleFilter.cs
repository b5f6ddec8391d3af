using FluentValidation;

namespace Cms.Api.Articles;

/// <summary>List filters and order. <c>category</c> and <c>author</c> take an id or a slug; <c>status</c> is for editors.</summary>
public sealed record ArticleFilter(
    string? Category,
    string? Tag,
    string? Author,
    // A string: query binding of enums is case-sensitive ("Draft"), while the contract's values are lower case.
    string? Status,
    DateTimeOffset? PublishedFrom,
    DateTimeOffset? PublishedTo,
    string? Sort)
{
    public static readonly string[] Sorts = ["-publishedAt", "publishedAt", "-viewCount", "-rating"];

    public ArticleStatus? StatusValue => Enum.TryParse<ArticleStatus>(Status, ignoreCase: true, out var status) ? status : null;
}

internal sealed class ArticleFilterValidator : AbstractValidator<ArticleFilter>
{
    public ArticleFilterValidator()
    {
        RuleFor(f => f.Sort).Must(s => s is null || ArticleFilter.Sorts.Contains(s))
            .WithMessage($"Sort by one of: {string.Join(", ", ArticleFilter.Sorts)}.");
        RuleFor(f => f.Category).MaximumLength(200);
        RuleFor(f => f.Author).MaximumLength(200);
        RuleFor(f => f.Tag).MaximumLength(50);
        RuleFor(f => f.Status).Must(s => s is null || (!int.TryParse(s, out _) && Enum.TryParse<ArticleStatus>(s, ignoreCase: true, out _)))
            .WithMessage("Use draft, scheduled, published or archived.");
        RuleFor(f => f.PublishedTo).Must((f, to) => f.PublishedFrom is null || to >= f.PublishedFrom).When(f => f.PublishedTo is not null)
            .WithMessage("publishedTo must not be before publishedFrom.");
    }
}
