using Cms.Api.Infrastructure.Paging;

namespace Cms.Api.Data.Entities;

public sealed class Category : INamed
{
    public Guid Id { get; set; }

    public required string Slug { get; set; }

    public required string Name { get; set; }

    public string? Description { get; set; }

    public Guid? ParentId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public int Version { get; set; }
}
