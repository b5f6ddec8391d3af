using Cms.Api.Content;
using Cms.Api.Data;
using Cms.Api.Data.Entities;
using Cms.Api.Infrastructure.Validation;
using FluentValidation;

namespace Cms.Api.Articles;

/// <summary>A cover from the media library (<c>mediaId</c>; alt and caption default to the item's) or an external <c>url</c>: one of them.</summary>
public sealed record CoverImageInput(string? Url = null, string? Alt = null, string? Caption = null, Guid? MediaId = null);

/// <summary>Search-engine and link-preview overrides; a null or absent <c>noIndex</c> is false.</summary>
public sealed record SeoInput(string? Title = null, string? Description = null, string? CanonicalUrl = null, bool? NoIndex = null);

/// <summary>
/// The body of create, replace (all of it) and patch (merged onto it). Read-only fields are not in it; a null slug is
/// made from the title or kept; status defaults to draft, "scheduled" needs a future publishAt, "published" alone is now.
/// </summary>
public sealed record ArticleRequest(
    string Title,
    Guid[]? AuthorIds,
    string? Slug = null,
    string? Summary = null,
    string? Body = null,
    CoverImageInput? CoverImage = null,
    ArticleStatus? Status = null,
    DateTimeOffset? PublishAt = null,
    DateTimeOffset? ExpiresAt = null,
    string? Source = null,
    Guid[]? CategoryIds = null,
    string[]? Tags = null,
    bool? AllowRating = null,
    SeoInput? Seo = null)
{
    /// <summary>The article as a PUT body would state it now: what a merge patch is applied to.</summary>
    public static ArticleRequest Of(Article article, DateTimeOffset now) => Of(article, ArticleVisibility.EffectiveStatus(article.Status, article.PublishAt, now));

    /// <summary>
    /// The article as stored (a scheduled one is "published" with a future publishAt): what a revision keeps, so that
    /// saving it back later is valid whatever the time, and schedules as it did.
    /// </summary>
    public static ArticleRequest Stored(Article article) => Of(article, article.Status);

    private static ArticleRequest Of(Article article, ArticleStatus status) => new(
        article.Title,
        [.. article.Authors.OrderBy(a => a.Position).Select(a => a.AuthorId)],
        article.Slug,
        article.Summary,
        article.Body,
        article.CoverMediaId is not null || article.CoverImageUrl is not null
            ? new CoverImageInput(article.CoverImageUrl, article.CoverImageAlt, article.CoverImageCaption, article.CoverMediaId)
            : null,
        status,
        article.PublishAt,
        article.ExpiresAt,
        article.Source,
        [.. article.Categories.OrderBy(c => c.Position).Select(c => c.CategoryId)],
        article.Tags,
        article.AllowRating,
        new SeoInput(article.SeoTitle, article.SeoDescription, article.SeoCanonicalUrl, article.SeoNoIndex));
}

internal sealed class ArticleRequestValidator : AbstractValidator<ArticleRequest>
{
    public const int MaxBodyLength = 500 * 1024;

    public ArticleRequestValidator(TimeProvider time)
    {
        RuleFor(r => r.Title).NotEmpty().MaximumLength(300).NoControlCharacters();
        RuleFor(r => r.Slug).Must(s => s is null || Slug.IsValid(s))
            .WithMessage($"Use lower-case letters, digits and single hyphens, at most {Slug.MaxLength} characters.");
        RuleFor(r => r.Summary).MaximumLength(1000).NoControlCharacters();
        RuleFor(r => r.Body).MaximumLength(MaxBodyLength);
        RuleFor(r => r.Source).MaximumLength(300).NoControlCharacters();
        RuleFor(r => r.AuthorIds).NotEmpty().WithMessage("Name at least one author.")
            .Must(ids => ids!.Length <= 20).When(r => r.AuthorIds is not null).WithMessage("At most 20 authors.");
        RuleFor(r => r.CategoryIds).Must(ids => ids!.Length <= 20).When(r => r.CategoryIds is not null).WithMessage("At most 20 categories.");
        RuleFor(r => r.Tags).Must(tags => tags!.Length <= 20).When(r => r.Tags is not null).WithMessage("At most 20 tags.");
        RuleForEach(r => r.Tags).NotEmpty().MaximumLength(50).NoControlCharacters();
        RuleFor(r => r.Status).IsInEnum();
        RuleFor(r => r.PublishAt).NotNull().When(r => r.Status == ArticleStatus.Scheduled).WithMessage("A scheduled article needs publishAt.");
        RuleFor(r => r.PublishAt).Must(at => at > time.GetUtcNow()).When(r => r.Status == ArticleStatus.Scheduled && r.PublishAt is not null)
            .WithMessage("A scheduled article's publishAt must be in the future.");
        RuleFor(r => r.ExpiresAt).Must((r, expires) => r.PublishAt is null || expires > r.PublishAt).When(r => r.ExpiresAt is not null)
            .WithMessage("expiresAt must be after publishAt.");
        RuleFor(r => r.CoverImage!.Url).MaximumLength(2000).Must(url => WebUrl.IsHttp(url!)).When(r => r.CoverImage?.Url is not null)
            .WithMessage("Must be an absolute http or https URL.");
        RuleFor(r => r.CoverImage).Must(c => c!.Url is null != c.MediaId is null).When(r => r.CoverImage is not null)
            .WithMessage("Name the cover by mediaId (from the media library) or by url, one of them; set the other to null.");
        RuleFor(r => r.CoverImage!.Alt).MaximumLength(500).When(r => r.CoverImage is not null);
        RuleFor(r => r.CoverImage!.Caption).MaximumLength(1000).When(r => r.CoverImage is not null);
        RuleFor(r => r.Seo!.Title).MaximumLength(200).NoControlCharacters().When(r => r.Seo is not null);
        RuleFor(r => r.Seo!.Description).MaximumLength(500).NoControlCharacters().When(r => r.Seo is not null);
        RuleFor(r => r.Seo!.CanonicalUrl).MaximumLength(2000).Must(url => url is null || WebUrl.IsHttp(url)).When(r => r.Seo is not null)
            .WithMessage("Must be an absolute http or https URL.");
    }
}
