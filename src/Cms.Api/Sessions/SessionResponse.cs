using Cms.Api.Data.Entities;

namespace Cms.Api.Sessions;

public sealed record SessionUser(Guid Id, string Username, string DisplayName, UserRole Role);

public sealed record SessionResponse(
    Guid Id,
    SessionUser User,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastSeenAt,
    DateTimeOffset IdleExpiresAt,
    DateTimeOffset AbsoluteExpiresAt,
    int IdleTimeoutSeconds,
    int WarningSeconds)
{
    public static SessionResponse From(CurrentSession s, SessionOptions options) => new(
        s.Id,
        new SessionUser(s.UserId, s.Username, s.DisplayName, s.Role),
        s.CreatedAt,
        s.LastSeenAt,
        s.IdleExpiresAt,
        s.AbsoluteExpiresAt,
        options.IdleTimeoutSeconds,
        options.WarningSeconds);
}

/// <summary>The body of <c>GET /sessions/current</c> and keep-alive: <c>{ "session": { ... } }</c>.</summary>
public sealed record SessionEnvelope(SessionResponse Session);

public sealed record SignInResponse(string Token, SessionResponse Session);
