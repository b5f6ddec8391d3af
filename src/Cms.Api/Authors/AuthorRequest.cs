using Cms.Api.Content;
using Cms.Api.Infrastructure.Validation;
using FluentValidation;

namespace Cms.Api.Authors;

/// <summary>Create and replace take the same body. <c>slug</c> is optional: made from the name when absent.</summary>
public sealed record AuthorRequest(string Name, string? Slug = null, string? Organization = null, string? Bio = null, string? AvatarUrl = null);

internal sealed class AuthorRequestValidator : AbstractValidator<AuthorRequest>
{
    public AuthorRequestValidator()
    {
        RuleFor(r => r.Name).NotEmpty().MaximumLength(200).NoControlCharacters();
        RuleFor(r => r.Slug).Must(s => s is null || Slug.IsValid(s))
            .WithMessage($"Use lower-case letters, digits and single hyphens, at most {Slug.MaxLength} characters.");
        RuleFor(r => r.Organization).MaximumLength(200).NoControlCharacters();
        RuleFor(r => r.Bio).MaximumLength(5000).NoControlCharacters();
        RuleFor(r => r.AvatarUrl).MaximumLength(2000).Must(WebUrl.IsHttp!).When(r => r.AvatarUrl is not null)
            .WithMessage("Must be an absolute http or https URL.");
    }
}
