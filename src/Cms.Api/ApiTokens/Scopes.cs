namespace Cms.Api.ApiTokens;

/// <summary>What an API token may do. A token does nothing outside its scopes; it never manages users, tokens or webhooks.</summary>
public static class Scopes
{
    /// <summary>Read what an editor can read: drafts, scheduled articles, pending changes, the media library.</summary>
    public const string ContentRead = "content:read";

    /// <summary>An editor's content writes: articles, authors, categories.</summary>
    public const string ContentWrite = "content:write";

    /// <summary>Uploads and media edits, and the library's reads that go with them.</summary>
    public const string MediaWrite = "media:write";

    public static readonly IReadOnlyList<string> All = [ContentRead, ContentWrite, MediaWrite];

    /// <summary>
    /// API tokens act on this endpoint only with one of <paramref name="scopes"/>. Without one, a token is refused
    /// (403 on an endpoint that needs a session) or treated as an anonymous reader (on an open one). An endpoint that
    /// declares nothing refuses every token: new endpoints are closed to tokens until they say otherwise.
    /// </summary>
    public static TBuilder RequireScope<TBuilder>(this TBuilder builder, params string[] scopes) where TBuilder : IEndpointConventionBuilder
    {
        ArgumentOutOfRangeException.ThrowIfZero(scopes.Length);
        foreach (var scope in scopes)
        {
            if (!All.Contains(scope))
            {
                throw new ArgumentException($"'{scope}' is not a scope.", nameof(scopes));
            }
        }

        return builder.WithMetadata(new ScopeMetadata(scopes));
    }
}

/// <summary>The scopes an endpoint takes from API tokens, any one of which suffices.</summary>
public sealed record ScopeMetadata(IReadOnlyList<string> Scopes);
