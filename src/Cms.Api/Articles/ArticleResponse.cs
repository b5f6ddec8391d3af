using System.Text.Json.Serialization;

namespace Cms.Api.Articles;

public sealed record CoverImage(string Url, string? Alt, string? Caption);

public sealed record ArticleAuthorRef(Guid Id, string Slug, string Name, string? Organization);

public sealed record ArticleCategoryRef(Guid Id, string Slug, string Name);

/// <summary>"Tổng số điểm của bài viết là: 0 trong 0 đánh giá": total points, count, and their average (null with no ratings).</summary>
public sealed record RatingSummary(long TotalPoints, int Count, double? Average)
{
    public static RatingSummary Of(long total, int count) => new(total, count, count == 0 ? null : Math.Round((double)total / count, 2));
}

public sealed record ArticleResponse(
    Guid Id,
    string Slug,
    string Title,
    string? Summary,
    // Lists leave the body out (absent, not null); a single article always has one.
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Body,
    CoverImage? CoverImage,
    ArticleStatus Status,
    DateTimeOffset? PublishAt,
    DateTimeOffset? PublishedAt,
    DateTimeOffset? ExpiresAt,
    string? Source,
    IReadOnlyList<ArticleAuthorRef> Authors,
    IReadOnlyList<ArticleCategoryRef> Categories,
    IReadOnlyList<string> Tags,
    bool AllowRating,
    long ViewCount,
    RatingSummary Rating,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    int Version);
