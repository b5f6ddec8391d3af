using Cms.Api.Sessions;

namespace Cms.Api.ApiTokens;

/// <summary>
/// <c>cms_pat_</c> and 256 random bits, URL-safe; only the SHA-256 of the whole is stored. A fast hash is enough: with
/// 256 random bits there is nothing to guess, so a slow hash (PBKDF2, as for passwords) would only slow every request.
/// </summary>
internal static class ApiTokenSecret
{
    /// <summary>Recognisable, so secret scanners (GitHub's, gitleaks) can find a leaked token, and so requests are told from sessions.</summary>
    public const string Prefix = "cms_pat_";

    private const string Bearer = "Bearer ";

    public static string New() => Prefix + SessionToken.New();

    public static byte[] Hash(string token) => SessionToken.Hash(token);

    /// <summary>The token of a request that <see cref="IsSentWith"/> says carries one.</summary>
    public static string Of(HttpRequest request) => request.Headers.Authorization.ToString()[Bearer.Length..].Trim();

    /// <summary>Whether the request carries an API token rather than a session's.</summary>
    public static bool IsSentWith(HttpRequest request)
    {
        string? header = request.Headers.Authorization;
        return header is not null && header.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase)
            && header.AsSpan(Bearer.Length).TrimStart().StartsWith(Prefix, StringComparison.Ordinal);
    }
}
