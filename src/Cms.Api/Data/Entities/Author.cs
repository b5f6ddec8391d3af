using Cms.Api.Infrastructure.Paging;

namespace Cms.Api.Data.Entities;

/// <summary>A byline: "Hồng Phái - BTG" is Name "Hồng Phái", Organization "BTG". Not a user account.</summary>
public sealed class Author : INamed
{
    public Guid Id { get; set; }

    public required string Slug { get; set; }

    public required string Name { get; set; }

    public string? Organization { get; set; }

    public string? Bio { get; set; }

    public string? AvatarUrl { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public int Version { get; set; }
}
