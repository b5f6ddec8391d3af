namespace Cms.Api.Data.Entities;

public sealed class Session
{
    public Guid Id { get; set; }

    public Guid UserId { get; set; }

    public User User { get; set; } = null!;

    /// <summary>SHA-256 of the bearer token; the token itself is never stored.</summary>
    public required byte[] TokenHash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset LastSeenAt { get; set; }

    public DateTimeOffset IdleExpiresAt { get; set; }

    public DateTimeOffset AbsoluteExpiresAt { get; set; }

    /// <summary>Set by sign-out; the row stays a while so the token answers session_expired, not unauthenticated.</summary>
    public DateTimeOffset? EndedAt { get; set; }
}
