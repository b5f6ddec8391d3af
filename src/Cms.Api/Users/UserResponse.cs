using Cms.Api.Data.Entities;

namespace Cms.Api.Users;

public sealed record UserResponse(
    Guid Id,
    string Username,
    string DisplayName,
    UserRole Role,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    int Version);
