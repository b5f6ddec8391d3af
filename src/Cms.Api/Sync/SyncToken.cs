using System.Text.Json;
using System.Text.Json.Serialization;
using Cms.Api.Infrastructure.Signing;

namespace Cms.Api.Sync;

/// <summary>
/// Where a client's sync stands: a pass lists what changed between snapshots <see cref="From"/> and <see cref="To"/> (and
/// their times) in id order after <see cref="After"/>; an initial pass has no From, and its start is the first delta's.
/// A token is bound to its filter: <see cref="Category"/> as the client asked for it (with the id it named when the sync
/// began, <see cref="CategoryId"/>, so a later rename of the slug does not break it) and <see cref="Fields"/>.
/// </summary>
public sealed record SyncToken(
    [property: JsonPropertyName("i")] bool Initial,
    [property: JsonPropertyName("f")] string? From,
    [property: JsonPropertyName("ft")] DateTimeOffset FromTime,
    [property: JsonPropertyName("t")] string? To,
    [property: JsonPropertyName("tt")] DateTimeOffset? ToTime,
    [property: JsonPropertyName("a")] Guid? After,
    [property: JsonPropertyName("c")] string? Category = null,
    [property: JsonPropertyName("ci")] Guid? CategoryId = null,
    [property: JsonPropertyName("fl")] string? Fields = null);

/// <summary>Tokens are signed like cursors: opaque to clients, and anything edited, truncated or made up is refused.</summary>
public sealed class SyncTokenCodec(TokenSigner signer)
{
    public ValueTask<string> EncodeAsync(SyncToken token, CancellationToken cancellationToken) =>
        signer.SignAsync(JsonSerializer.SerializeToUtf8Bytes(token), cancellationToken);

    public async ValueTask<SyncToken?> DecodeAsync(string token, CancellationToken cancellationToken)
    {
        if (await signer.VerifyAsync(token, cancellationToken) is not { } payload)
        {
            return null;
        }

        try
        {
            var decoded = JsonSerializer.Deserialize<SyncToken>(payload);
            return decoded is not null && (decoded.Initial || decoded.From is not null) && (decoded.To is null) == (decoded.ToTime is null)
                && (decoded.Category is null) == (decoded.CategoryId is null) ? decoded : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
