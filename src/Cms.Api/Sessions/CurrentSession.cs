using Cms.Api.Data.Entities;

namespace Cms.Api.Sessions;

/// <summary>The live session behind the request, as authentication found (and perhaps slid) it.</summary>
public sealed record CurrentSession(
    Guid Id,
    Guid UserId,
    string Username,
    string DisplayName,
    UserRole Role,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastSeenAt,
    DateTimeOffset IdleExpiresAt,
    DateTimeOffset AbsoluteExpiresAt);

public static class CurrentSessionExtensions
{
    /// <summary>The session authentication found; only for endpoints that require one.</summary>
    public static CurrentSession CurrentSession(this HttpContext http) =>
        http.Features.Get<CurrentSession>() ?? throw new InvalidOperationException("This endpoint requires a session but none was authenticated.");
}
