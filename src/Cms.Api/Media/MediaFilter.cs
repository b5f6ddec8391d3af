using Cms.Api.Content;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;

namespace Cms.Api.Media;

/// <summary>The library's filters: <c>q</c> searches file name, alt and caption ignoring case and accents; <c>contentType</c> picks one format.</summary>
public sealed record MediaFilter(
    [FromQuery(Name = "q")] string? Q,
    [FromQuery(Name = "contentType")] string? ContentType)
{
    public static readonly string[] ContentTypes = ["image/jpeg", "image/png", "image/webp", "image/avif", "image/gif"];

    public TextSearch? Search => TextSearch.Parse(Q);
}

internal sealed class MediaFilterValidator : AbstractValidator<MediaFilter>
{
    public MediaFilterValidator()
    {
        RuleFor(f => f.Q).MaximumLength(TextSearch.MaxLength);
        RuleFor(f => f.ContentType).Must(t => t is null || MediaFilter.ContentTypes.Contains(t))
            .WithMessage($"Use one of: {string.Join(", ", MediaFilter.ContentTypes)}.");
    }
}
