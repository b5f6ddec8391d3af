using System.Text.Json;
using Cms.Api.Infrastructure.Signing;

namespace Cms.Api.Infrastructure.Paging;

/// <summary>
/// Keyset cursors: the position after the last row of a page, signed, and bound to the list it came from (its scope:
/// the sort and filters), so a cursor pasted into another list is refused instead of silently paging something else.
/// </summary>
public sealed class CursorCodec(TokenSigner signer)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public ValueTask<string> EncodeAsync<TPosition>(string scope, int page, TPosition position, CancellationToken cancellationToken) =>
        signer.SignAsync(JsonSerializer.SerializeToUtf8Bytes(new Envelope<TPosition>(Fingerprint(scope), page, position), Json), cancellationToken);

    /// <summary>The page number and position, or null for anything this service did not issue for this list.</summary>
    public async ValueTask<(int Page, TPosition Position)?> DecodeAsync<TPosition>(string cursor, string scope, CancellationToken cancellationToken)
        where TPosition : class
    {
        if (await signer.VerifyAsync(cursor, cancellationToken) is not { } payload)
        {
            return null;
        }

        try
        {
            var envelope = JsonSerializer.Deserialize<Envelope<TPosition>>(payload, Json);
            return envelope is { Position: not null } && envelope.Scope == Fingerprint(scope) && envelope.Page >= 2
                ? (envelope.Page, envelope.Position)
                : null;
        }
        catch (JsonException)
        {
            // Signed by us but not this shape: a cursor from an older release.
            return null;
        }
    }

    // The list's scope can be long (a search, several filters): a cursor carries only a fingerprint of it.
    private static string Fingerprint(string scope) =>
        Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(scope)), 0, 12);

    private sealed record Envelope<TPosition>(string Scope, int Page, TPosition Position);
}
