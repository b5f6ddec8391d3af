namespace Cms.Api.Data.Entities;

/// <summary>
/// One rater's score for one article. The rater is a signed-in user (<see cref="ByUser"/>) or an anonymous reader's own
/// stable id; the flag is part of the key so an anonymous client cannot claim a user's id and overwrite their vote.
/// </summary>
public sealed class Rating
{
    public Guid ArticleId { get; set; }

    public Guid RaterId { get; set; }

    public bool ByUser { get; set; }

    public short Score { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
