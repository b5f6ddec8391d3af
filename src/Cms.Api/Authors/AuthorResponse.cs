namespace Cms.Api.Authors;

public sealed record AuthorResponse(
    Guid Id,
    string Slug,
    string Name,
    string? Organization,
    string? Bio,
    string? AvatarUrl,
    int ArticleCount,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    int Version);
