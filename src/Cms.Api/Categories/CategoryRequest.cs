using Cms.Api.Content;
using Cms.Api.Infrastructure.Validation;
using FluentValidation;

namespace Cms.Api.Categories;

/// <summary>Create and replace take the same body. <c>slug</c> is optional: made from the name when absent.</summary>
public sealed record CategoryRequest(string Name, string? Slug = null, string? Description = null, Guid? ParentId = null);

internal sealed class CategoryRequestValidator : AbstractValidator<CategoryRequest>
{
    public CategoryRequestValidator()
    {
        RuleFor(r => r.Name).NotEmpty().MaximumLength(200).NoControlCharacters();
        RuleFor(r => r.Slug).Must(s => s is null || Slug.IsValid(s))
            .WithMessage($"Use lower-case letters, digits and single hyphens, at most {Slug.MaxLength} characters.");
        RuleFor(r => r.Description).MaximumLength(2000).NoControlCharacters();
    }
}
