namespace Cms.Api.Categories;

public sealed record CategoryResponse(Guid Id, string Slug, string Name, string? Description, Guid? ParentId, int Version);
