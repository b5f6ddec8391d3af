using Cms.Api.Infrastructure.Validation;
using FluentValidation;

namespace Cms.Api.Media;

/// <summary>What an item's owner or an editor may change: the words around the picture and who may see it. The picture itself never changes.</summary>
public sealed record MediaRequest(string? Alt = null, string? Caption = null, string? Credit = null, FocalPoint? FocalPoint = null, bool? Public = null);

internal sealed class MediaRequestValidator : AbstractValidator<MediaRequest>
{
    public const int AltLength = 500;
    public const int CaptionLength = 1000;
    public const int CreditLength = 200;

    public MediaRequestValidator()
    {
        RuleFor(r => r.Alt).MaximumLength(AltLength).NoControlCharacters();
        RuleFor(r => r.Caption).MaximumLength(CaptionLength).NoControlCharacters();
        RuleFor(r => r.Credit).MaximumLength(CreditLength).NoControlCharacters();
        RuleFor(r => r.FocalPoint!.X).InclusiveBetween(0, 1).When(r => r.FocalPoint is not null);
        RuleFor(r => r.FocalPoint!.Y).InclusiveBetween(0, 1).When(r => r.FocalPoint is not null);
    }
}
