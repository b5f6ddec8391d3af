using System.Text.Json;
using System.Text.Json.Serialization;
using Cms.Api.Infrastructure.Signing;

namespace Cms.Api.Sync;

/// <summary>
/// Where a client's sync stands. A pass lists what changed after <see cref="From"/> (a PostgreSQL snapshot, and the
/// time <see cref="FromTime"/> it was taken) up to <see cref="To"/>/<see cref="ToTime"/>, in article id order, resuming
/// after <see cref="After"/>. An initial pass has no From yet: it lists everything readers see, and its own start
/// becomes the From of the first delta.
/// </summary>
public sealed record SyncToken(
    [property: JsonPropertyName("i")] bool Initial,
    [property: JsonPropertyName("f")] string? From,
    [property: JsonPropertyName("ft")] DateTimeOffset FromTime,
    [property: JsonPropertyName("t")] string? To,
    [property: JsonPropertyName("tt")] DateTimeOffset? ToTime,
    [property: JsonPropertyName("a")] Guid? After);

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
            return decoded is not null && (decoded.Initial || decoded.From is not null) && (decoded.To is null) == (decoded.ToTime is null) ? decoded : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
