using System.Linq.Expressions;
using Cms.Api.Data.Entities;

namespace Cms.Api.ApiTokens;

/// <summary>A token as lists show it: never its secret, which only its creation answer carries.</summary>
public sealed record ApiTokenResponse(
    Guid Id,
    string Name,
    IReadOnlyList<string> Scopes,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? LastUsedAt)
{
    public static readonly Expression<Func<ApiToken, ApiTokenResponse>> Projection =
        t => new ApiTokenResponse(t.Id, t.Name, t.Scopes, t.CreatedAt, t.ExpiresAt, t.LastUsedAt);
}

/// <summary>The answer to creating a token: the token itself, shown this once, and what lists will show of it.</summary>
public sealed record CreatedApiTokenResponse(string Token, ApiTokenResponse ApiToken);
