using FluentValidation;

namespace Cms.Api.Ratings;

/// <summary>A score of 1..5 (whole stars). Anonymous readers send their own stable <c>raterId</c>; signed-in users rate as themselves.</summary>
public sealed record RatingRequest(int? Score, Guid? RaterId = null);

internal sealed class RatingRequestValidator : AbstractValidator<RatingRequest>
{
    public RatingRequestValidator()
    {
        RuleFor(r => r.Score).NotNull().InclusiveBetween(1, 5);
        RuleFor(r => r.RaterId).NotEqual(Guid.Empty).WithMessage("raterId must be a UUID the client generated, not all zeros.");
    }
}
