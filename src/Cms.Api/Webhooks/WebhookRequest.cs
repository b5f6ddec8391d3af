using Cms.Api.Infrastructure.Validation;
using FluentValidation;

namespace Cms.Api.Webhooks;

/// <summary>
/// A webhook as an admin writes it: where to POST (http or https), which events, a note, and whether it is on (default
/// true). events: article.published, article.updated, article.unpublished, article.deleted (ping is always delivered).
/// </summary>
public sealed record WebhookRequest(string? Url = null, string[]? Events = null, string? Description = null, bool? Enabled = null);

internal sealed class WebhookRequestValidator : AbstractValidator<WebhookRequest>
{
    public const int UrlLength = 2000;
    public const int DescriptionLength = 500;

    public WebhookRequestValidator()
    {
        RuleFor(r => r.Url).NotEmpty().MaximumLength(UrlLength).NoControlCharacters()
            .Must(url => TargetUrl(url) is not null).WithMessage("Must be an absolute http or https URL without a fragment.");
        RuleFor(r => r.Events).NotEmpty().WithMessage("List at least one event.");
        RuleForEach(r => r.Events).Must(e => WebhookEventTypes.All.Contains(e))
            .WithMessage($"Events are {string.Join(", ", WebhookEventTypes.All)}.");
        RuleFor(r => r.Description).MaximumLength(DescriptionLength).NoControlCharacters();
    }

    /// <summary>The URL when it is one a webhook may have: absolute, http or https, with a host and no fragment.</summary>
    public static Uri? TargetUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var parsed) && parsed.Scheme is "http" or "https" && parsed.Host.Length > 0 && parsed.Fragment.Length == 0
            ? parsed
            : null;
}
