using System.Text.Json.Serialization;
using Cms.Api.Data.Entities;
using Cms.Api.ReadPath;

namespace Cms.Api.Articles;

/// <summary>
/// The cover: from the media library (<c>mediaId</c>, with its size; <c>url</c> takes <c>w</c>, <c>h</c>, <c>format</c> for
/// renditions) or an external URL (mediaId, width and height null).
/// </summary>
public sealed record CoverImage(Guid? MediaId, string Url, string? Alt, string? Caption, int? Width, int? Height);

/// <summary>Always present; null texts mean "use the title and summary", as a page template would.</summary>
public sealed record ArticleSeo(string? Title, string? Description, string? CanonicalUrl, bool NoIndex);

public sealed record ArticleAuthorRef(Guid Id, string Slug, string Name, string? Organization);

public sealed record ArticleCategoryRef(Guid Id, string Slug, string Name);

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
    ArticleSeo Seo,
    RatingSummary Rating,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    int Version,
    // Only on a single article read by someone who may edit it; absent for everyone else (anonymous answers, which
    // caches share, never carry it).
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? HasPendingChanges = null) : ICarriesCounters<ArticleResponse>
{
    public ArticleResponse WithCounters(long viewCount, RatingSummary rating) => this with { ViewCount = viewCount, Rating = rating };
}
