using Cms.Api.Infrastructure.Paging;

namespace Cms.Api.Data.Entities;

/// <summary>A lasting credential for a build server or script, made by an admin; it acts as that admin, within its scopes.</summary>
public sealed class ApiToken : INamed
{
    public Guid Id { get; set; }

    public required string Name { get; set; }

    /// <summary>SHA-256 of the whole token (<c>cms_pat_...</c>); the token itself is never stored.</summary>
    public required byte[] TokenHash { get; set; }

    public required string[] Scopes { get; set; }

    public Guid CreatedById { get; set; }

    public User CreatedBy { get; set; } = null!;

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Null: never expires.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }

    /// <summary>Written at most once a minute, so a busy build server costs no write per request.</summary>
    public DateTimeOffset? LastUsedAt { get; set; }

    /// <summary>Set by revocation; the row stays so the token answers token_expired, not unauthenticated.</summary>
    public DateTimeOffset? RevokedAt { get; set; }
}
